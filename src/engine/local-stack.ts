/**
 * Drives the real Pulumi engine (built from Go modules by scripts/engine/install.sh) through the
 * Automation API on the `local` stack, for the engine tests and bench/engine: the Kubernetes provider renders manifests to
 * a directory, state lives in a `file://` backend. Every test gets a fresh temporary project
 * directory (Pulumi.yaml and Pulumi.local.yaml copied, the code linked), its own state and its
 * own render directory, so tests never share state or touch the checkout's files.
 */
import { type Dirent, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import * as path from "node:path";
import { type EngineEvent, LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";

export const ROOT = path.resolve(__dirname, "..", "..");

/** What one update or preview did to each resource, from the engine's own events. */
export interface Step {
  readonly op: string;
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly diffs: string[];
}

export interface EngineStack {
  readonly stack: Stack;
  readonly dir: string;
  readonly stateDir: string;
  readonly outDir: string;
  /** Sets `gantry:<path>` (dotted) in this test's copy of Pulumi.local.yaml. */
  set(key: string, value: string): Promise<void>;
  /** `pulumi up`; returns the steps other than `same`, and the engine's change summary. */
  up(): Promise<{ steps: Step[]; summary: Record<string, number> }>;
  /** `pulumi preview`; returns the steps other than `same`. */
  preview(opts?: {
    policyPacks?: string[];
    policyPackConfigs?: string[];
  }): Promise<{ steps: Step[]; summary: Record<string, number> }>;
  /** The rendered manifest files, relative to the render directory. */
  manifests(): string[];
  readManifest(rel: string): string;
  cleanup(): void;
}

/** The environment every engine command runs with. */
export function engineEnv(stateDir: string): Record<string, string> {
  return {
    PULUMI_BACKEND_URL: `file://${stateDir}`,
    // The local stack holds no secrets; its committed salt is for the empty passphrase.
    PULUMI_CONFIG_PASSPHRASE: "",
    PULUMI_SKIP_UPDATE_CHECK: "true",
  };
}

/**
 * The engine: GANTRY_ENGINE_ROOT if set, else the Go-built cache that scripts/engine/install.sh
 * fills, else a recent `pulumi` on PATH (install.sh accepts one and builds nothing).
 */
export async function pulumiCommand(): Promise<PulumiCommand> {
  const version = /^PULUMI_VERSION=(.+)$/m.exec(readFileSync(path.join(ROOT, "scripts/engine/versions.env"), "utf8"))![1]!;
  const cache = path.join(process.env.GANTRY_ENGINE_CACHE ?? path.join(homedir(), ".cache", "gantry", "engine"), version);
  const root = process.env.GANTRY_ENGINE_ROOT ?? (existsSync(path.join(cache, "bin", "pulumi")) ? cache : undefined);
  return root ? PulumiCommand.get({ root }) : PulumiCommand.get();
}

/** A fresh `local` stack in a temporary project directory. */
export async function freshLocalStack(): Promise<EngineStack> {
  const dir = mkdtempSync(path.join(tmpdir(), "gantry-engine-"));
  const stateDir = path.join(dir, ".state");
  const outDir = path.join(dir, "out");
  for (const f of ["Pulumi.yaml", "Pulumi.local.yaml"]) cpSync(path.join(ROOT, f), path.join(dir, f));
  for (const f of ["package.json", "tsconfig.json", "infra", "components", "scripts", "node_modules"]) {
    symlinkSync(path.join(ROOT, f), path.join(dir, f));
  }
  mkdirSync(stateDir);
  const stack = await LocalWorkspace.createStack(
    { stackName: "local", workDir: dir },
    { envVars: engineEnv(stateDir), pulumiCommand: await pulumiCommand() },
  );
  await stack.setConfig("gantry:kubernetes.renderToDirectory", { value: outDir }, true);

  const run = async (what: "up" | "preview", opts: { policyPacks?: string[]; policyPackConfigs?: string[] } = {}) => {
    const steps: Step[] = [];
    const onEvent = (e: EngineEvent) => {
      const m = e.resourcePreEvent?.metadata;
      if (!m || m.op === "same" || m.type === "pulumi:pulumi:Stack") return;
      steps.push({ op: m.op, urn: m.urn, type: m.type, name: m.urn.split("::").pop()!, diffs: m.diffs ?? [] });
    };
    const res = what === "up" ? await stack.up({ onEvent, ...opts }) : await stack.preview({ onEvent, diff: true, ...opts });
    const summary =
      what === "up"
        ? ((res as { summary: { resourceChanges?: Record<string, number> } }).summary.resourceChanges ?? {})
        : (res as { changeSummary: Record<string, number> }).changeSummary;
    return { steps, summary };
  };

  return {
    stack,
    dir,
    stateDir,
    outDir,
    set: (key, value) => stack.setConfig(`gantry:${key}`, { value }, true),
    up: () => run("up"),
    preview: (opts) => run("preview", opts),
    manifests: () =>
      listFiles(outDir)
        .map((f) => path.relative(outDir, f))
        .sort(),
    readManifest: (rel) => readFileSync(path.join(outDir, rel), "utf8"),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function listFiles(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
