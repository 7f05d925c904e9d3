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
}

/** Args with defaults applied. */
export interface ResolvedMigrationArgs {
  readonly service: ResolvedServiceArgs;
  readonly command: readonly string[];
  readonly contractCommand: readonly string[];
  readonly backoffLimit: number;
  readonly activeDeadlineSeconds: number;
}

/** Applies defaults. Pure. */
export function resolveMigrationArgs(a: MigrationArgs): ResolvedMigrationArgs {
  return {
    service: a.service.resolved,
    command: a.command,
    contractCommand: a.contractCommand ?? a.command,
    backoffLimit: a.backoffLimit ?? 1,
    activeDeadlineSeconds: a.activeDeadlineSeconds ?? 900,
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
  return p;
}
