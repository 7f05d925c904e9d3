/**
 * Gathering the release checklist's facts from the stack (outputs, the deploy's smoke record,
 * the offline plan's policy results) and enforcing it; decisions live in ./checklist.ts.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import { blocking, type BackupsOutput, checklist, type LiveBackup, renderChecklist, type SmokeRecord } from "./checklist";
import { type Ctx, type Opened, outputs, ReleaseError } from "./session";
import type { SmokeResult } from "./smoke";
import type { MigrationStatus } from "./state";

/** The stack tag where `gantry deploy` records its smoke run of a colour. */
export const smokeTag = (colour: string) => `gantry-smoke-${colour}`;

/**
 * Records a deploy's smoke result as a stack tag (the update itself cannot carry it: the checks
 * run after it). A backend without stack tags loses only the record: the checklist then refuses.
 */
export async function recordSmoke(ctx: Ctx, s: Opened, colour: string, image: string, r: SmokeResult): Promise<void> {
  const value = JSON.stringify({ image, passed: r.ok, at: new Date().toISOString() } satisfies SmokeRecord);
  try {
    await s.stack.workspace.setTag(s.name, smokeTag(colour), value);
  } catch (e) {
    ctx.err(
      `warning: could not record the smoke result as stack tag ${smokeTag(colour)}: ${(e as Error).message.split("\n")[0]}\n`,
    );
  }
}

async function smokeRecord(s: Opened, colour: string): Promise<SmokeRecord | undefined> {
  try {
    return JSON.parse(await s.stack.workspace.getTag(s.name, smokeTag(colour))) as SmokeRecord;
  } catch {
    return undefined;
  }
}

/** Mandatory policy violations of the offline plan with the switch applied (`gantry plan --set release.active=…`). */
function policyAfterSwitch(ctx: Ctx, s: Opened, to: string): Promise<{ mandatory: string[] } | { error: string }> {
  const gantry = path.join(__dirname, "..", "..", "bin", "gantry.js");
  const args = [gantry, "plan", s.name, "--json", "--set", `release.active=${to}`, "--cwd", ctx.dir];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { maxBuffer: 64 << 20 }, (_err, stdout, stderr) => {
      try {
        const plan = JSON.parse(stdout) as { policies: { policyName: string; enforcementLevel: string }[] };
        resolve({ mandatory: plan.policies.filter((p) => p.enforcementLevel === "mandatory").map((p) => p.policyName) });
      } catch {
        resolve({ error: stderr.trim().split("\n")[0] || "no plan output" });
      }
    });
  });
}

/**
 * The newest backup read live (object store or RDS API), only when the `backups` output carries
 * no time of its own. Loaded on demand: only a checklist run pays for the AWS SDK.
 */
async function liveBackupFact(ctx: Ctx, s: Opened, o: Record<string, unknown>): Promise<LiveBackup | undefined> {
  const b = o.backups as BackupsOutput | null | undefined;
  if (!b || b.lastBackupAt !== undefined || b.lastBackupAgeHours !== undefined) return undefined;
  // require, not import(): scripts/register-ts.js compiles .ts on require only (see src/cli/release.ts).
  const { liveBackup } = require("../live/last-backup") as typeof import("../live/last-backup");
  return liveBackup(o, {
    ...(ctx.backupEndpoint ? { endpoint: ctx.backupEndpoint } : {}),
    ...(s.cfg.awsRegion ? { region: s.cfg.awsRegion } : {}),
  });
}

/** Prints every item; throws (exit 1, nothing changed) when any blocks the switch. */
export async function releaseChecklist(
  ctx: Ctx,
  s: Opened,
  to: string,
  image: string,
  migration: MigrationStatus,
  pre: SmokeResult | undefined,
): Promise<void> {
  if (ctx.dryRun) return;
  const [o, record, policy] = await Promise.all([outputs(s), smokeRecord(s, to), policyAfterSwitch(ctx, s, to)]);
  const live = await liveBackupFact(ctx, s, o);
  const items = checklist({
    colour: to,
    image,
    migration,
    smokeNow: { checks: pre?.checks.length ?? 0, passed: pre?.ok ?? false },
    smokeRecord: record,
    backups: o.backups as BackupsOutput | null | undefined,
    ...(live ? { liveBackup: live } : {}),
    now: new Date(),
    policy,
  });
  ctx.out(renderChecklist(s.name, items));
  const failed = blocking(items, ctx.forceWithoutBackup);
  if (failed.length === 0) return;
  const unknownBackup = failed.some((i) => i.key === "backup" && i.state === "unknown");
  throw new ReleaseError(
    `release checklist: ${failed.map((i) => i.key).join(", ")} not ok${unknownBackup ? " (backup age unknown: --force-without-backup to go on)" : ""}; nothing changed`,
    1,
  );
}
