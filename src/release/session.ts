/**
 * One opened stack for the release operations: its config file (./stack-file.ts), its Automation
 * API handle, and the engine calls the operations need — each as few CLI runs as possible (the
 * engine's start-up is most of a release command's overhead; see bench/release).
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { type EngineEvent, LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { pulumiCommand as defaultPulumi } from "../engine/local-stack";
import { encodeMessage, type ReleaseMeta, whoAmI } from "./meta";
import { type ReleaseConfig, readStackFile, type StackFile } from "./stack-file";
import type { ExportedState } from "./state";

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
  /** `--backup-endpoint`: where the checklist reads the newest backup instead of the stack's endpoint. */
  readonly backupEndpoint?: string;
  readonly json?: boolean;
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

export interface Opened {
  readonly name: string;
  readonly stack: Stack;
  readonly cfg: StackFile;
  readonly environment: string;
  readonly release: ReleaseConfig;
}

// One `pulumi version` per process, however many stacks an operation opens (promote opens two).
let command: Promise<PulumiCommand> | undefined;
function engine(ctx: Ctx): Promise<PulumiCommand> {
  // --pulumi <dir>/bin/pulumi: PulumiCommand wants the root that holds bin/.
  command ??= ctx.pulumi
    ? PulumiCommand.get({ root: path.dirname(path.dirname(path.resolve(ctx.pulumi))), skipVersionCheck: true })
    : defaultPulumi();
  return command;
}

/**
 * Opens a stack. Only `deploy` may create it in the backend (as `pulumi up` of a new stack
 * would); the others need its state, and skip `pulumi stack select` — one CLI run, and every
 * Automation API call names the stack anyway: a missing stack surfaces at the first engine call.
 */
export async function open(ctx: Ctx, name: string, create = false): Promise<Opened> {
  const cfg = readStackFile(ctx.dir, name);
  let stack: Stack;
  try {
    const pulumiCommand = await engine(ctx);
    if (create) {
      stack = await LocalWorkspace.createOrSelectStack({ stackName: name, workDir: ctx.dir }, { pulumiCommand });
    } else {
      const ws = await LocalWorkspace.create({ workDir: ctx.dir, pulumiCommand });
      ws.selectStack = () => Promise.resolve();
      stack = await Stack.select(name, ws);
    }
  } catch (e) {
    throw engineError(`cannot open stack "${name}"`, name, e, 2);
  }
  return { name, stack, cfg, environment: cfg.environment, release: cfg.release };
}

/** The same stack with its config file read again (after an update of this process changed it). */
export function reread(ctx: Ctx, s: Opened): Opened {
  const cfg = readStackFile(ctx.dir, s.name);
  return { ...s, cfg, environment: cfg.environment, release: cfg.release };
}

/** The engine's error lines (its messages carry the whole CLI output). */
export const errorLines = (e: unknown) => {
  const text = String((e as Error)?.message ?? e);
  const lines = text.split("\n").filter((l) => /error|lock|no stack|^\s+- gantry:/i.test(l));
  return [...new Set(lines.map((l) => l.trim()))].slice(0, 6).join("\n  ") || text.split("\n")[0]!;
};

const LOCKED = /currently locked|locked by \d+ lock|stack is locked|conflict: another update is currently in progress/i;

/** An engine failure as a ReleaseError: exit 3 with what to do when another operation holds the lock. */
export function engineError(what: string, stack: string, e: unknown, code: 1 | 2 = 1): ReleaseError {
  if (LOCKED.test(String((e as Error)?.message ?? e))) {
    return new ReleaseError(
      `stack locked: another operation on ${stack} is running; nothing changed. Wait for it to finish and run the command again ` +
        `(if it died: \`pulumi cancel --stack ${stack}\` on Pulumi Cloud, or remove its lock under .pulumi/locks/ on a file or S3 backend).\n` +
        `  ${errorLines(e)}`,
      3,
    );
  }
  if (/no stack named/i.test(String((e as Error)?.message ?? e)))
    return new ReleaseError(
      `stack ${stack} does not exist in this backend: \`pulumi up --stack ${stack}\` (or gantry deploy) first`,
      2,
    );
  return new ReleaseError(`${what}: ${errorLines(e)}`, code);
}

function gitUser(): string | undefined {
  try {
    return execFileSync("git", ["config", "user.name"], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const summary = (c: Record<string, number | undefined>) =>
  Object.entries(c)
    .filter(([k, n]) => k !== "same" && n)
    .map(([k, n]) => `${n} ${k}`)
    .join(", ") || "nothing";

const plainOutputs = (o: Record<string, { value: unknown }>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.value]));

/**
 * Sets config keys and runs one update (a preview with --dry-run, the file put back after). On
 * failure the file goes back to what the state was built from: a failed change is not
 * half-recorded. Returns the stack's outputs after the update (the engine reads them anyway).
 */
export async function update(
  ctx: Ctx,
  s: Opened,
  sets: Record<string, string | number | undefined>,
  meta: Omit<ReleaseMeta, "who">,
): Promise<Record<string, unknown>> {
  const before = s.cfg.snapshot();
  s.cfg.set(sets);
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
      return {};
    }
    const r = await s.stack.up({ onEvent, message });
    ctx.out(`changed: ${summary(r.summary.resourceChanges ?? {})} (${done} resources)\n`);
    return plainOutputs(r.outputs);
  } catch (e) {
    s.cfg.restore(before);
    throw engineError(`${meta.op} of ${s.name} failed`, s.name, e);
  } finally {
    if (ctx.dryRun) s.cfg.restore(before);
  }
}

/** Engine reads, their failures as ReleaseErrors (a stack missing from the backend: exit 2). */
async function read<T>(s: Opened, what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw engineError(`cannot read the ${what} of ${s.name}`, s.name, e);
  }
}

export async function outputs(s: Opened): Promise<Record<string, unknown>> {
  return plainOutputs(await read(s, "outputs", () => s.stack.outputs()));
}

export async function exportState(s: Opened): Promise<ExportedState> {
  return ((await read(s, "state", () => s.stack.exportStack())).deployment ?? {}) as ExportedState;
}

export const updateHistory = (s: Opened) => read(s, "history", () => s.stack.history());
