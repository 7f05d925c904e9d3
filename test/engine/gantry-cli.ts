// Shared by the engine tests that drive the `gantry` CLI as a user runs it: the CLI as a child
// process against a test's own project directory and backend, a loopback smoke target, and a
// fingerprint of state + config + rendered manifests (a refusal must leave all three byte-identical).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { type Dirent, readFileSync, readdirSync, symlinkSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { type EngineStack, ROOT, engineEnv } from "./harness";
import { readStackFile } from "../../src/release/stack-file";

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function gantry(s: EngineStack, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [path.join(ROOT, "bin", "gantry.js"), ...args, "--cwd", s.dir], {
      env: { ...process.env, ...engineEnv(s.stateDir), GANTRY_ACTOR: "tester" },
    });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    p.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export function files(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)])).sort();
}

/** State, config and rendered manifests, hashed. */
export const fingerprint = (s: EngineStack, stack = "local", outDir = s.outDir) =>
  [...files(s.stateDir), ...files(outDir), path.join(s.dir, `Pulumi.${stack}.yaml`)]
    .map((f) => `${path.relative(s.dir, f)} ${createHash("sha256").update(readFileSync(f)).digest("hex")}`)
    .join("\n");

/** Edits `gantry:` keys of the test's stack file as a person would (typed values, comments kept). */
export const edit = (s: EngineStack, values: Record<string, unknown>, stack = "local") => readStackFile(s.dir, stack).set(values);

const manifest = (s: EngineStack, suffix: string, outDir = s.outDir) => {
  const f = files(outDir).find((x) => x.endsWith(suffix));
  if (!f) throw new Error(`no rendered manifest *${suffix} in ${outDir}`);
  return readFileSync(f, "utf8");
};

/** The colour the app route's default (last) rule sends traffic to. */
export function routedTo(s: EngineStack, ns = "gantry-local", outDir = s.outDir): "blue" | "green" {
  const route = manifest(s, `httproute-${ns}-app.yaml`, outDir);
  return route.lastIndexOf("app-green") > route.lastIndexOf("app-blue") ? "green" : "blue";
}

/** `spec.replicas` of a rendered Deployment (`app-blue`, `worker-green`, …). */
export function replicas(s: EngineStack, deployment: string, ns = "gantry-local"): number {
  const m = /^ {2}replicas: (\d+)$/m.exec(manifest(s, `deployment-${ns}-${deployment}.yaml`));
  if (!m) throw new Error(`deployment ${deployment} has no spec.replicas`);
  return Number(m[1]);
}

/** The release checklist's item lines of a run (the five after its heading), trimmed. */
export function checklistItems(out: string): string[] {
  const lines = out.split("\n");
  const at = lines.findIndex((l) => l.startsWith("release checklist ("));
  return at < 0 ? [] : lines.slice(at + 1, at + 6).map((l) => l.trim());
}

/** The project's policy pack next to the test's project, for the checklist's offline plan. */
export const linkPolicies = (s: EngineStack) => symlinkSync(path.join(ROOT, "policies"), path.join(s.dir, "policies"));

/** A smoke target on loopback: 200 "ok", or 503 while `fail` says so (per request: preview or not). */
export async function smokeTarget(): Promise<{
  url: string;
  fail: (f: (preview: boolean) => boolean) => void;
  close: () => void;
}> {
  let failing: (preview: boolean) => boolean = () => false;
  const server: Server = createServer((req, res) => {
    const bad = failing(req.headers["x-gantry-preview"] === "1");
    res.writeHead(bad ? 503 : 200).end(bad ? "down" : "ok");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    fail: (f) => (failing = f),
    close: () => server.close(),
  };
}

/** Smoke checks against the target, as a stack's `gantry:release.smoke`. */
export const smokeConfig = (url: string) => ({
  baseUrl: url,
  retries: 1,
  intervalSeconds: 0,
  checks: [{ path: "/healthz", expectStatus: 200, bodyMatch: "^ok$", maxLatencyMs: 5000 }],
});
