/**
 * The release operations over the Automation API (LocalWorkspace on the project directory).
 * Each one changes the stack's config exactly as a person would (the `gantry:release` keys of
 * `Pulumi.<stack>.yaml`) and runs one update whose message carries who/what/op (./meta.ts), so
 * `pulumi up` by hand and gantry never disagree and `history` is the engine's own record.
 * Loaded lazily by src/cli/release.ts: `gantry plan` never pays for the Automation API.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";
import { createInterface } from "node:readline/promises";
import { decodeMessage, isDigestPinned, isImageRef, other } from "./meta";
import { renderSmoke, runSmoke, type SmokeResult } from "./smoke";
import { smokeSchema } from "../../infra/config/smoke";
import { imageRef } from "../../infra/config/schema";
import { type Ctx, exportState, type Opened, open, outputs, ReleaseError, reread, update, updateHistory } from "./session";
import { contractRan, migrationStatus } from "./state";
import { releaseChecklist, recordSmoke } from "./gates";
import type { Colour } from "./stack-file";

export { type Ctx, ReleaseError } from "./session";

async function smoke(
  ctx: Ctx,
  s: Opened,
  route: "preview" | "main",
  known?: Record<string, unknown>,
): Promise<SmokeResult | undefined> {
  if (ctx.dryRun) return undefined;
  const cfg = smokeSchema.parse(s.release.smoke ?? {});
  // The stack's `url` output only when a check needs it (reading outputs is two CLI runs).
  const url = cfg.checks.length > 0 && !cfg.baseUrl ? (known ?? (await outputs(s))).url : undefined;
  const r = await runSmoke(cfg, typeof url === "string" ? url : "http://127.0.0.1", route);
  ctx.out(renderSmoke(r));
  return r;
}

async function confirmProduction(ctx: Ctx, s: Opened, what: string): Promise<void> {
  if (s.environment !== "production" || ctx.yes || ctx.dryRun) return;
  if (!process.stdin.isTTY)
    throw new ReleaseError(`${what} on production: pass --yes in non-interactive runs; nothing changed`, 1);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question(`${what} on production. Type the stack name to go on: `);
  rl.close();
  if (answer.trim() !== s.name) throw new ReleaseError("not confirmed; nothing changed", 1);
}

function checkImage(image: string): void {
  const ref = imageRef.safeParse(image);
  if (!isImageRef(image) || !ref.success)
    throw new ReleaseError(`--image "${image}" ${ref.error?.issues[0]?.message ?? "is not an image reference"}`, 2);
}

async function deployTo(ctx: Ctx, s: Opened, image: string): Promise<void> {
  if (s.environment === "production" && !isDigestPinned(image))
    throw new ReleaseError(`production needs a digest-pinned image (repo@sha256:…), got "${image}"; nothing changed`, 2);
  await confirmProduction(ctx, s, `deploy ${image}`);
  const idle = other(s.release.active);
  const after = await update(ctx, s, { [`release.${idle}.image`]: image }, { op: "deploy", what: { colour: idle, image } });
  const r = await smoke(ctx, s, "preview", after);
  // What the switch's checklist reads: this image's smoke result, kept with the stack.
  if (r) await recordSmoke(ctx, s, idle, image, r);
  if (r && !r.ok) throw new ReleaseError(`deployed ${image} to ${idle}, but its smoke tests failed: switch will refuse`, 1);
}

export async function deploy(ctx: Ctx, name: string, image: string): Promise<void> {
  checkImage(image);
  await deployTo(ctx, await open(ctx, name, true), image);
}

async function switchOn(ctx: Ctx, s: Opened, op: "switch" | "promote"): Promise<void> {
  const from = s.release.active;
  const to = other(from);
  const image = s.release[to]?.image;
  if (!image)
    throw new ReleaseError(
      `the idle colour ${to} has no image: \`gantry deploy ${s.name} --image <ref>\` first; nothing changed`,
      1,
    );
  // The migration from the state and the pre-switch smoke run side by side: independent reads.
  const [state, pre] = await Promise.all([exportState(s), smoke(ctx, s, "preview")]);
  const migration = migrationStatus(state, image, !!s.release.migration?.command);
  if (!migration.ok) throw new ReleaseError(`the migration of ${to} has not completed (${migration.detail}); nothing changed`, 1);
  if (pre && !pre.ok) throw new ReleaseError(`smoke tests of ${to} failed through the preview route; nothing changed`, 1);
  if (s.release.checklist ?? s.environment === "production") await releaseChecklist(ctx, s, to, image, migration, pre);
  await confirmProduction(ctx, s, `switch ${from} → ${to}`);
  const after = await update(ctx, s, { "release.active": to }, { op, what: { from, to, image } });
  const post = await smoke(ctx, s, "main", after);
  if (!post || post.ok) return;
  ctx.err(`smoke tests failed after the switch: rolling back to ${from}\n`);
  await update(
    ctx,
    s,
    { "release.active": from },
    { op: "auto-rollback", what: { from: to, to: from, image: s.release[from]?.image ?? null } },
  );
  throw new ReleaseError(`switched to ${to}, smoke tests failed, rolled back automatically to ${from}`, 1);
}

export async function switchColour(ctx: Ctx, name: string): Promise<void> {
  await switchOn(ctx, await open(ctx, name), "switch");
}

export async function rollback(ctx: Ctx, name: string): Promise<void> {
  const s = await open(ctx, name);
  const [o, state] = await Promise.all([outputs(s), exportState(s)]);
  const prev = o.previousRelease as { colour: Colour; image: string | null } | undefined;
  if (!prev?.image) throw new ReleaseError(`no previous release recorded in stack ${name}; nothing changed`, 1);
  const current = s.release.active;
  const activeImage = s.release[current]?.image;
  if (s.release.migration?.mode === "contract" || (activeImage && contractRan(state, activeImage)))
    throw new ReleaseError(
      `the migration since the previous release was a contract step: ${prev.image} cannot read the schema any more. ` +
        `Restore instead (README, "Restore runbook"); nothing changed`,
      1,
    );
  await confirmProduction(ctx, s, `rollback to ${prev.colour}`);
  const idleReplicas = s.release.idleReplicas;
  // The previous web colour was scaled down (release.idleReplicas): bring it back to full size in
  // an update of its own — the provider waits for the Deployment to be ready — and smoke-test it
  // through the preview route, before a second update moves traffic and restores idleReplicas.
  // Workers need no step: the idle worker always runs 0, and the flip scales it like a switch.
  if (idleReplicas !== undefined && idleReplicas < s.cfg.appReplicas && !ctx.dryRun) {
    const after = await update(
      ctx,
      s,
      { "release.idleReplicas": s.cfg.appReplicas },
      { op: "rollback", what: { step: "scale-up", colour: prev.colour, replicas: String(s.cfg.appReplicas) } },
    );
    const r = await smoke(ctx, s, "preview", after);
    if (r && !r.ok)
      throw new ReleaseError(
        `scaled ${prev.colour} back up to ${s.cfg.appReplicas}, but its smoke tests failed: traffic stays on ${current}`,
        1,
      );
  }
  await update(
    ctx,
    s,
    { "release.active": prev.colour, "release.idleReplicas": idleReplicas },
    { op: "rollback", what: { from: current, to: prev.colour, image: prev.image } },
  );
}

export async function promote(ctx: Ctx, from: string, to: string): Promise<void> {
  // Created if missing, as before: a source without state is judged by its config (a tag: refused).
  const src = await open(ctx, from, true);
  const o = await outputs(src);
  const active = (o.activeColour as Colour | undefined) ?? src.release.active;
  const image = (o.images as Record<Colour, string | null> | undefined)?.[active] ?? src.release[active]?.image;
  if (!image) throw new ReleaseError(`stack ${from} has no active image to promote`, 1);
  if (!isDigestPinned(image))
    throw new ReleaseError(
      `stack ${from} runs "${image}", a tag that can move: promote takes a digest (repo@sha256:…) only; nothing changed`,
      1,
    );
  const target = await open(ctx, to, true);
  await deployTo(ctx, target, image);
  // The deploy changed the target's config: switch from what the file says now.
  await switchOn(ctx, reread(ctx, target), "promote");
}

export interface HistoryEntry {
  readonly version?: number;
  readonly op: string;
  readonly who: string;
  readonly what: Record<string, string | null>;
  readonly when: string;
  readonly result: string;
  readonly durationSeconds: number;
}

async function historyOf(s: Opened): Promise<HistoryEntry[]> {
  const h = await updateHistory(s);
  return h.flatMap((u) => {
    const m = decodeMessage(u.message);
    if (!m) return [];
    const start = new Date(u.startTime);
    const end = u.endTime ? new Date(u.endTime) : start;
    return [
      {
        version: u.version,
        op: m.op,
        who: m.who,
        what: m.what,
        when: start.toISOString(),
        result: u.result,
        durationSeconds: Math.round((end.getTime() - start.getTime()) / 100) / 10,
      },
    ];
  });
}

export async function history(ctx: Ctx, name: string): Promise<HistoryEntry[]> {
  return historyOf(await open(ctx, name));
}

export async function status(ctx: Ctx, name: string): Promise<Record<string, unknown>> {
  const s = await open(ctx, name);
  const [o, h] = await Promise.all([outputs(s), historyOf(s)]);
  return {
    stack: name,
    activeColour: o.activeColour ?? s.release.active,
    images: o.images ?? { blue: s.release.blue?.image ?? null, green: s.release.green?.image ?? null },
    idleReplicas: s.release.idleReplicas ?? "same as active",
    services: o.services ?? null,
    lastOperation: h[0] ?? null,
  };
}

export const hasStackFile = (dir: string, name: string) => existsSync(path.join(dir, `Pulumi.${name}.yaml`));
