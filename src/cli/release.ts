/**
 * The release commands (deploy, switch, rollback, promote, status, history). Bad input is caught
 * here, before the Automation API is loaded (src/release/ops.ts, a dynamic import): unknown
 * stacks and bad references exit 2 fast, and `gantry plan` never loads the engine client.
 */
import { existsSync, readdirSync } from "node:fs";
import * as path from "node:path";
import type { CommandSpec, OptionSpec } from "./registry";
import type { Ctx } from "../release/ops";

const COMMON: OptionSpec[] = [
  { flags: "--dry-run", description: "preview only: print what would change, apply nothing" },
  { flags: "--yes", description: "confirm a production operation (required in non-interactive runs)" },
  { flags: "--pulumi <path>", description: "the pulumi binary (default: the engine from `npm run engine:install`, else PATH)" },
  { flags: "--cwd <dir>", description: "the Pulumi project directory (default: the current directory)" },
];
const GATES: OptionSpec[] = [
  { flags: "--force-without-backup", description: "production checklist: go on when the backup age is unknown" },
  {
    flags: "--backup-endpoint <url>",
    description:
      "production checklist: read the newest backup through this endpoint (in-cluster: the object store, e.g. a port-forward; managed: the RDS API) instead of the stack's",
  },
];

/** Bad input: exit 2 with the message. */
export class BadInput extends Error {}

export function stacksIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .map((f) => /^Pulumi\.([\w.-]+)\.yaml$/.exec(f)?.[1])
      .filter((x): x is string => !!x)
      .sort();
  } catch {
    return [];
  }
}

/** Checks a stack name against the project's Pulumi.<stack>.yaml files. */
export function checkStack(dir: string, name: string): void {
  if (!existsSync(path.join(dir, "Pulumi.yaml")))
    throw new BadInput(`${dir} is not a Pulumi project (no Pulumi.yaml); use --cwd`);
  if (!/^[\w.-]+$/.test(name) || !existsSync(path.join(dir, `Pulumi.${name}.yaml`)))
    throw new BadInput(
      `unknown stack "${name}": no Pulumi.${name}.yaml in ${dir} (stacks: ${stacksIn(dir).join(", ") || "none"})`,
    );
}

/** `--backup-endpoint`: an http(s) URL, or bad input. */
export function backupEndpoint(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  const text = typeof v === "string" ? v : JSON.stringify(v);
  if (typeof v !== "string" || !/^https?:\/\/[^\s/]+/.test(v))
    throw new BadInput(`--backup-endpoint "${text}" is not an http(s) URL (e.g. http://127.0.0.1:9000 for a port-forward)`);
  return v;
}

function ctxOf(o: Record<string, unknown>): Ctx {
  const endpoint = backupEndpoint(o.backupEndpoint);
  return {
    dir: path.resolve(typeof o.cwd === "string" ? o.cwd : process.cwd()),
    pulumi: o.pulumi as string | undefined,
    dryRun: Boolean(o.dryRun),
    yes: Boolean(o.yes),
    forceWithoutBackup: Boolean(o.forceWithoutBackup),
    ...(endpoint ? { backupEndpoint: endpoint } : {}),
    json: Boolean(o.json),
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  };
}

/** Validates the stacks, loads the operations lazily, maps errors to exit codes. */
function op(
  stackArgs: number,
  fn: (ops: typeof import("../release/ops"), ctx: Ctx, args: string[], o: Record<string, unknown>) => Promise<void>,
) {
  return async (args: string[], o: Record<string, unknown>): Promise<number> => {
    let ctx: Ctx;
    try {
      ctx = ctxOf(o);
      for (const name of args.slice(0, stackArgs)) checkStack(ctx.dir, name);
    } catch (e) {
      process.stderr.write(`gantry: ${(e as Error).message}\n`);
      return 2;
    }
    // Required here, not at the top: scripts/register-ts.js compiles it on demand (a native
    // dynamic import would bypass it), and only release commands pay for the Automation API.

    const ops = require("../release/ops") as typeof import("../release/ops");
    try {
      await fn(ops, ctx, args, o);
      return 0;
    } catch (e) {
      process.stderr.write(`gantry: ${(e as Error).message}\n`);
      return e instanceof ops.ReleaseError ? e.code : 1;
    }
  };
}

const JSON_FLAG: OptionSpec = { flags: "--json", description: "machine-readable output" };
const { cwd: CWD, pulumi: PULUMI } = { cwd: COMMON[3]!, pulumi: COMMON[2]! };

export const RELEASE_COMMANDS: CommandSpec[] = [
  {
    name: "deploy",
    args: ["<stack>"],
    summary: "Set the idle colour's image, run one update (migration Job included), then smoke-test it through the preview route",
    examples: [
      "gantry deploy staging --image ghcr.io/acme/app:1.5.0",
      "gantry deploy production --image ghcr.io/acme/app@sha256:4f1c…e9 --yes",
      "gantry deploy staging --image ghcr.io/acme/app:1.5.0 --dry-run",
    ],
    options: [{ flags: "--image <ref>", description: "the image for the idle colour (production: repo@sha256:…)" }, ...COMMON],
    run: op(1, async (ops, ctx, [stack], o) => {
      if (typeof o.image !== "string") throw new ops.ReleaseError("`gantry deploy` needs --image <ref>", 2);
      await ops.deploy(ctx, stack!, o.image);
    }),
  },
  {
    name: "switch",
    args: ["<stack>"],
    summary:
      "Move traffic to the idle colour after the gates (image, migration, smoke, production checklist); auto-rollback if post-switch smoke fails",
    examples: [
      "gantry switch staging",
      "gantry switch production --yes",
      "gantry switch staging --dry-run",
      "gantry switch production --yes --backup-endpoint http://127.0.0.1:9000   # object store through kubectl port-forward",
    ],
    options: [...COMMON, ...GATES],
    run: op(1, (ops, ctx, [stack]) => ops.switchColour(ctx, stack!)),
  },
  {
    name: "rollback",
    args: ["<stack>"],
    summary: "Back to the previous release recorded in the stack (refused after a contract migration: restore instead)",
    examples: ["gantry rollback staging", "gantry rollback production --yes"],
    options: COMMON,
    run: op(1, (ops, ctx, [stack]) => ops.rollback(ctx, stack!)),
  },
  {
    name: "promote",
    args: ["<from>", "<to>"],
    summary: "Deploy the source stack's active image (by digest, never a tag) to the target's idle colour, smoke-test, switch",
    examples: [
      "gantry promote staging production --yes",
      "gantry promote staging production --dry-run",
      "gantry promote staging production --yes --force-without-backup   # backup age unknown (no credentials, store unreachable)",
    ],
    options: [...COMMON, ...GATES],
    run: op(2, (ops, ctx, [from, to]) => ops.promote(ctx, from!, to!)),
  },
  {
    name: "status",
    args: ["<stack>"],
    summary: "Active colour, image per colour, replicas, last operation and its result",
    examples: ["gantry status staging", "gantry status production --json"],
    options: [JSON_FLAG, PULUMI, CWD],
    run: op(1, async (ops, ctx, [stack]) => {
      const s = await ops.status(ctx, stack!);
      ctx.out(
        ctx.json
          ? `${JSON.stringify(s, null, 2)}\n`
          : `${Object.entries(s)
              .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
              .join("\n")}\n`,
      );
    }),
  },
  {
    name: "history",
    args: ["<stack>"],
    summary: "Every deploy/switch/rollback/promote: who, what, when, result, duration (from the engine's update history)",
    examples: ["gantry history staging", "gantry history production --json"],
    options: [JSON_FLAG, PULUMI, CWD],
    run: op(1, async (ops, ctx, [stack]) => {
      const h = await ops.history(ctx, stack!);
      if (ctx.json) return ctx.out(`${JSON.stringify(h, null, 2)}\n`);
      for (const e of h) {
        const what = Object.entries(e.what)
          .map(([k, v]) => `${k}=${v ?? "-"}`)
          .join(" ");
        ctx.out(
          `${e.when}  ${e.op.padEnd(13)} ${e.result.padEnd(9)} ${String(e.durationSeconds).padStart(6)} s  ${e.who}  ${what}\n`,
        );
      }
    }),
  },
];
