/** Migration arguments, defaults and rules. Resource-free. */
import type { Problem } from "../release";
import type { ResolvedServiceArgs } from "../service/args";

/** Arguments of {@link Migration}. */
export interface MigrationArgs {
  /** The service whose images, env, secrets, pod labels and ServiceAccount the Jobs share (a ReleasedService). */
  readonly service: { readonly resolved: ResolvedServiceArgs };
  /** Command that applies the expand (backward-compatible) migrations. */
  readonly command: readonly string[];
  /** Command that applies contract migrations (`release.migration: "contract"`). @default command, with GANTRY_MIGRATION_MODE=contract */
  readonly contractCommand?: readonly string[];
  /** Retries of a failed migration pod. @default 1 */
  readonly backoffLimit?: number;
  /** Seconds after which a running migration is failed. @default 900 */
  readonly activeDeadlineSeconds?: number;
  /**
   * Names of the service's secret env vars the Jobs receive; nothing else of the service's env.
   * A migration talks to the database only, so it must not hold the Redis password or app
   * secrets. @default ["DATABASE_URL"]
   */
  readonly secretEnv?: readonly string[];
  /**
   * Pod labels of the Jobs, in place of the service's: only what the database's NetworkPolicy
   * admits (e.g. `gantry.dev/db-client`), so a Job cannot reach Redis. @default {}
   */
  readonly podLabels?: Record<string, string>;
}

/** Args with defaults applied. */
export interface ResolvedMigrationArgs {
  readonly service: ResolvedServiceArgs;
  readonly command: readonly string[];
  readonly contractCommand: readonly string[];
  readonly backoffLimit: number;
  readonly activeDeadlineSeconds: number;
  readonly secretEnv: readonly string[];
  readonly podLabels: Record<string, string>;
}

/** Applies defaults. Pure. */
export function resolveMigrationArgs(a: MigrationArgs): ResolvedMigrationArgs {
  return {
    service: a.service.resolved,
    command: a.command,
    contractCommand: a.contractCommand ?? a.command,
    backoffLimit: a.backoffLimit ?? 1,
    activeDeadlineSeconds: a.activeDeadlineSeconds ?? 900,
    secretEnv: a.secretEnv ?? ["DATABASE_URL"],
    podLabels: a.podLabels ?? {},
  };
}

/** Every problem, by key path. */
export function validateMigrationArgs(r: ResolvedMigrationArgs): Problem[] {
  const p: Problem[] = [];
  if (r.command.length === 0)
    p.push({ path: "command", message: 'must name the migration command, e.g. ["npm", "run", "migrate"]' });
  if (r.contractCommand.length === 0) p.push({ path: "contractCommand", message: "must not be empty" });
  if (!Number.isInteger(r.backoffLimit) || r.backoffLimit < 0 || r.backoffLimit > 6) {
    p.push({
      path: "backoffLimit",
      message: `must be an integer 0–6 (a failing migration should stop the release), got ${r.backoffLimit}`,
    });
  }
  if (!Number.isInteger(r.activeDeadlineSeconds) || r.activeDeadlineSeconds < 1) {
    p.push({ path: "activeDeadlineSeconds", message: `must be an integer ≥ 1, got ${r.activeDeadlineSeconds}` });
  }
  for (const n of r.secretEnv) {
    if (!(n in r.service.secretEnv)) p.push({ path: "secretEnv", message: `${n} is not in the service's secretEnv` });
  }
  return p;
}
