/**
 * The release operations over the Automation API (LocalWorkspace on the project directory).
 * Each one changes the stack's config exactly as a person would (`pulumi config set --path
 * gantry:release.…`) and runs one update whose message carries who/what/op (./meta.ts), so
 * `pulumi up` by hand and gantry never disagree and `history` is the engine's own record.
 * Loaded lazily by src/cli/release.ts: `gantry plan` never pays for the Automation API.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { createInterface } from "node:readline/promises";
import { type EngineEvent, LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { pulumiCommand as defaultPulumi } from "../engine/local-stack";
import { decodeMessage, encodeMessage, isDigestPinned, isImageRef, other, type ReleaseMeta, whoAmI } from "./meta";
import { renderSmoke, runSmoke } from "./smoke";
import { imageRef } from "../../infra/config/schema";

type Colour = "blue" | "green";

/** A refusal or failure with its exit code (1 refused/failed, 2 bad input, 3 locked). */
export class ReleaseError extends Error {
  constructor(
    message: string,
    readonly code: 1 | 2 | 3,
  ) {
    super(message);
  }
}

export interface Ctx {
  readonly dir: string;
  readonly pulumi?: string;
  readonly dryRun: boolean;
  readonly yes: boolean;
  readonly forceWithoutBackup: boolean;
  readonly json?: boolean;
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

interface ReleaseConfig {
  active: Colour;
  blue?: { image?: string };
  green?: { image?: string };
  idleReplicas?: number;
  migration?: { mode?: "expand" | "contract" };
  smoke?: unknown;
}

interface Opened {
  readonly name: string;
  readonly stack: Stack;
  readonly file: string;
  readonly environment: string;
  readonly release: ReleaseConfig;
}

async function engine(ctx: Ctx): Promise<PulumiCommand> {
  if (!ctx.pulumi) return defaultPulumi();
  // --pulumi <dir>/bin/pulumi: PulumiCommand wants the root that holds bin/.
  return PulumiCommand.get({ root: path.dirname(path.dirname(path.resolve(ctx.pulumi))), skipVersionCheck: true });
}

async function open(ctx: Ctx, name: string): Promise<Opened> {
  const file = path.join(ctx.dir, `Pulumi.${name}.yaml`);
  const pulumiCommand = await engine(ctx);
  let stack: Stack;
  try {
    stack = await LocalWorkspace.createOrSelectStack({ stackName: name, workDir: ctx.dir }, { pulumiCommand });
  } catch (e) {
    throw new ReleaseError(`cannot open stack "${name}": ${firstLine(e)}`, /lock/i.test(String(e)) ? 3 : 2);
  }
  const all = await stack.getAllConfig();
  const release = JSON.parse(all["gantry:release"]?.value ?? "{}") as ReleaseConfig;
  release.active ??= "blue";
  return { name, stack, file, environment: all["gantry:environment"]?.value ?? "development", release };
}

/** The engine's error lines (its messages carry the whole CLI output). */
const firstLine = (e: unknown) => {
  const text = String((e as Error)?.message ?? e);
  const lines = text.split("\n").filter((l) => /error|lock|no stack|^\s+- gantry:/i.test(l));
  return [...new Set(lines.map((l) => l.trim()))].slice(0, 6).join("\n  ") || text.split("\n")[0];
};

function gitUser(): string | undefined {
  try {
    return execFileSync("git", ["config", "user.name"], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Sets config keys, runs one update (or a preview with --dry-run, config restored after). */
async function update(ctx: Ctx, s: Opened, sets: Record<string, string>, meta: Omit<ReleaseMeta, "who">): Promise<void> {
  const before = readFileSync(s.file);
  for (const [k, v] of Object.entries(sets)) await s.stack.setConfig(`gantry:${k}`, { value: v }, true);
  let seen = 0;
  let done = 0;
  const onEvent = (e: EngineEvent) => {
    const pre = e.resourcePreEvent?.metadata;
    if (pre && pre.type !== "pulumi:pulumi:Stack") {
      seen++;
      if (pre.op !== "same") ctx.err(`  [${done}/${seen}] ${pre.op} ${pre.type.split(":").pop()} ${pre.urn.split("::").pop()}\n`);
    }
    if (e.resOutputsEvent) done++;
  };
  const message = encodeMessage({ ...meta, who: whoAmI(process.env, gitUser) });
  ctx.err(`${ctx.dryRun ? "preview" : "update"} of ${s.name}: ${message.split(" gantry:")[0]}\n`);
  try {
    if (ctx.dryRun) {
      const r = await s.stack.preview({ onEvent, diff: true, message });
      ctx.out(`would change (dry run, nothing applied): ${summary(r.changeSummary)}\n`);
    } else {
      const r = await s.stack.up({ onEvent, message });
      ctx.out(`changed: ${summary(r.summary.resourceChanges ?? {})} (${done} resources)\n`);
    }
  } catch (e) {
    // Config back to what the state was built from: the failed change is not half-recorded.
    writeFileSync(s.file, before);
    throw new ReleaseError(`${meta.op} of ${s.name} failed: ${firstLine(e)}`, /lock/i.test(String(e)) ? 3 : 1);
  }
  if (ctx.dryRun) writeFileSync(s.file, before);
}

const summary = (c: Record<string, number | undefined>) =>
  Object.entries(c)
    .filter(([k, n]) => k !== "same" && n)
    .map(([k, n]) => `${n} ${k}`)
    .join(", ") || "nothing";

async function outputs(s: Opened): Promise<Record<string, unknown>> {
  const o = await s.stack.outputs();
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.value as unknown]));
}

async function smoke(ctx: Ctx, s: Opened, route: "preview" | "main"): Promise<boolean> {
  if (ctx.dryRun) return true;
  const url = (await outputs(s)).url;
  const r = await runSmoke(s.release.smoke, typeof url === "string" ? url : "http://127.0.0.1", route);
  ctx.out(renderSmoke(r));
  return r.ok;
}

async function confirmProduction(ctx: Ctx, s: Opened, what: string): Promise<void> {
  if (s.environment !== "production" || ctx.yes || ctx.dryRun) return;
  if (!process.stdin.isTTY) throw new ReleaseError(`${what} on production: pass --yes in non-interactive runs`, 1);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question(`${what} on production. Type the stack name to go on: `);
  rl.close();
  if (answer.trim() !== s.name) throw new ReleaseError("not confirmed; nothing changed", 1);
}

/** The release checklist before a production switch; prints every item, throws on a failed one. */
async function checklist(ctx: Ctx, s: Opened, idle: Colour, image: string): Promise<void> {
  if (s.environment !== "production") return;
  const o = await outputs(s);
  const backups = o.backups as { maxAgeHours?: number; lastBackupAgeHours?: number; lastBackupAt?: string } | undefined;
  const age =
    backups?.lastBackupAgeHours ?? (backups?.lastBackupAt ? (Date.now() - Date.parse(backups.lastBackupAt)) / 3.6e6 : undefined);
  const backupOk = age === undefined || backups?.maxAgeHours === undefined ? undefined : age <= backups.maxAgeHours;
  const plan = spawnSync(process.execPath, [path.join(__dirname, "..", "..", "bin", "gantry.js"), "plan", s.name, "--json"], {
    cwd: ctx.dir,
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  const items: [string, boolean | undefined][] = [
    [`idle image digest-pinned (${idle}: ${image})`, isDigestPinned(image)],
    ["migration done (last update succeeded)", true],
    ["smoke tests passed (preview route)", true],
    [`backup younger than ${backups?.maxAgeHours ?? "?"} h (${age === undefined ? "unknown" : `${age.toFixed(1)} h`})`, backupOk],
    ["policy pack clean (no mandatory violation)", plan.status === 0],
  ];
  ctx.out(
    `release checklist (${s.name}):\n${items.map(([t, ok]) => `  ${ok === undefined ? "unknown" : ok ? "ok     " : "FAILED "} ${t}\n`).join("")}`,
  );
  const failed = items.filter(
    ([t, ok]) => ok === false || (ok === undefined && !(t.startsWith("backup") && ctx.forceWithoutBackup)),
  );
  if (failed.length) {
    const hint = failed.some(([t, ok]) => ok === undefined && t.startsWith("backup"))
      ? " (backup age unknown: --force-without-backup)"
      : "";
    throw new ReleaseError(`checklist failed: ${failed.map(([t]) => t).join("; ")}${hint}; nothing changed`, 1);
  }
}

export async function deploy(ctx: Ctx, name: string, image: string): Promise<void> {
  const ref = imageRef.safeParse(image);
  if (!isImageRef(image) || !ref.success)
    throw new ReleaseError(`--image "${image}" ${ref.error?.issues[0]?.message ?? "is not an image reference"}`, 2);
  const s = await open(ctx, name);
  if (s.environment === "production" && !isDigestPinned(image))
    throw new ReleaseError(`production needs a digest-pinned image (repo@sha256:…), got "${image}"`, 2);
  await confirmProduction(ctx, s, `deploy ${image}`);
  const idle = other(s.release.active);
  await update(ctx, s, { [`release.${idle}.image`]: image }, { op: "deploy", what: { colour: idle, image } });
  if (!(await smoke(ctx, s, "preview")))
    throw new ReleaseError(`deployed ${image} to ${idle}, but its smoke tests failed: switch will refuse`, 1);
}

export async function switchColour(ctx: Ctx, name: string, op: "switch" | "promote" = "switch"): Promise<void> {
  const s = await open(ctx, name);
  const from = s.release.active;
  const to = other(from);
  const image = s.release[to]?.image;
  if (!image)
    throw new ReleaseError(
      `the idle colour ${to} has no image: \`gantry deploy ${name} --image <ref>\` first; nothing changed`,
      1,
    );
  const [last] = await s.stack.history(1);
  if (last && last.result !== "succeeded")
    throw new ReleaseError(
      `the last update (${last.kind}) ${last.result}: the migration may not have completed; nothing changed`,
      1,
    );
  if (!(await smoke(ctx, s, "preview")))
    throw new ReleaseError(`smoke tests of ${to} failed through the preview route; nothing changed`, 1);
  await checklist(ctx, s, to, image);
  await confirmProduction(ctx, s, `switch ${from} → ${to}`);
  await update(ctx, s, { "release.active": to }, { op, what: { from, to, image } });
  if (await smoke(ctx, s, "main")) return;
  ctx.err(`smoke tests failed after the switch: rolling back to ${from}\n`);
  await update(
    ctx,
    s,
    { "release.active": from },
    { op: "auto-rollback", what: { from: to, to: from, image: s.release[from]?.image ?? null } },
  );
  throw new ReleaseError(`switched to ${to}, smoke tests failed, rolled back automatically to ${from}`, 1);
}

export async function rollback(ctx: Ctx, name: string): Promise<void> {
  const s = await open(ctx, name);
  const prev = (await outputs(s)).previousRelease as { colour: Colour; image: string | null } | undefined;
  if (!prev?.image) throw new ReleaseError(`no previous release recorded in stack ${name}; nothing changed`, 1);
  if (s.release.migration?.mode === "contract")
    throw new ReleaseError(
      `the migration since the previous release was a contract step: the old release cannot read the schema. Restore instead (README, "Restore runbook"); nothing changed`,
      1,
    );
  await confirmProduction(ctx, s, `rollback to ${prev.colour}`);
  // A scaled-down idle colour comes back to full size in the same update, before traffic moves
  // (the Deployment is awaited ready by the provider before the HTTPRoute changes).
  const sets: Record<string, string> = { "release.active": prev.colour };
  await update(ctx, s, sets, { op: "rollback", what: { from: s.release.active, to: prev.colour, image: prev.image } });
}

export async function promote(ctx: Ctx, from: string, to: string): Promise<void> {
  const src = await open(ctx, from);
  const o = await outputs(src);
  const active = (o.activeColour as Colour | undefined) ?? src.release.active;
  const image = (o.images as Record<Colour, string | null> | undefined)?.[active] ?? src.release[active]?.image;
  if (!image) throw new ReleaseError(`stack ${from} has no active image to promote`, 1);
  if (!isDigestPinned(image))
    throw new ReleaseError(
      `stack ${from} runs "${image}", a tag that can move: promote takes a digest (repo@sha256:…) only; nothing changed`,
      1,
    );
  await deploy(ctx, to, image);
  await switchColour(ctx, to, "promote");
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

export async function history(ctx: Ctx, name: string): Promise<HistoryEntry[]> {
  const s = await open(ctx, name);
  const h = await s.stack.history();
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

export async function status(ctx: Ctx, name: string): Promise<Record<string, unknown>> {
  const s = await open(ctx, name);
  const o = await outputs(s);
  const [last] = await history(ctx, name);
  return {
    stack: name,
    activeColour: o.activeColour ?? s.release.active,
    images: o.images ?? { blue: s.release.blue?.image ?? null, green: s.release.green?.image ?? null },
    idleReplicas: s.release.idleReplicas ?? "same as active",
    services: o.services ?? null,
    lastOperation: last ?? null,
  };
}

export const hasStackFile = (dir: string, name: string) => existsSync(path.join(dir, `Pulumi.${name}.yaml`));
