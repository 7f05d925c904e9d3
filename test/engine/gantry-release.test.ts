// `gantry deploy / switch / promote / rollback / history` as a user runs them, on real local
// stacks (file backend, manifests rendered to a directory). The smoke target is a real HTTP
// server on loopback that the test makes fail on demand: through the preview route (refused
// switch, nothing changed) or through the main route only (switch, then auto-rollback).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { type Dirent, cpSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import yaml from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EngineStack, ROOT, engineEnv, freshLocalStack } from "./harness";

const DIGEST_A = `ghcr.io/acme/app@sha256:${"a1".repeat(32)}`;

let s: EngineStack;
let server: Server;
/** ok: 200 everywhere; fail: 503 everywhere; fail-main: 503 unless the preview header is set. */
let mode: "ok" | "fail" | "fail-main" = "ok";

function gantry(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
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

function files(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)])).sort();
}
/** State, config and rendered manifests, hashed: a refusal must leave all three byte-identical. */
const fingerprint = () =>
  [...files(s.stateDir), ...files(s.outDir), path.join(s.dir, "Pulumi.local.yaml")]
    .map((f) => `${path.relative(s.dir, f)} ${createHash("sha256").update(readFileSync(f)).digest("hex")}`)
    .join("\n");

const route = () =>
  readFileSync(
    files(s.outDir).find((f) => f.includes("httproute-gantry-local-app"))!,
    "utf8",
  );
/** The colour the route's default (last) rule sends traffic to. */
const routedTo = () => (route().lastIndexOf("app-green") > route().lastIndexOf("app-blue") ? "green" : "blue");
const deployment = (c: string) =>
  readFileSync(
    files(s.outDir).find((f) => f.endsWith(`deployment-gantry-local-app-${c}.yaml`))!,
    "utf8",
  );

beforeAll(async () => {
  server = createServer((req, res) => {
    const preview = req.headers["x-gantry-preview"] === "1";
    const fail = mode === "fail" || (mode === "fail-main" && !preview);
    res.writeHead(fail ? 503 : 200).end(fail ? "down" : "ok");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  s = await freshLocalStack();
  // The smoke checks, written into the stack's config file as a person would.
  const file = path.join(s.dir, "Pulumi.local.yaml");
  const doc = yaml.load(readFileSync(file, "utf8")) as { config: Record<string, Record<string, unknown>> };
  doc.config["gantry:release"]!.smoke = {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    retries: 2,
    intervalSeconds: 0,
    checks: [{ path: "/healthz", expectStatus: 200, bodyMatch: "^ok$", maxLatencyMs: 2000 }],
  };
  writeFileSync(file, yaml.dump(doc));
  await s.up();
});
afterAll(() => {
  server?.close();
  s?.cleanup();
});

describe("gantry release operations on the real engine", () => {
  it("deploy sets the idle colour's image through config, runs one update and smoke-tests the preview route", async () => {
    const r = await gantry("deploy", "local", "--image", DIGEST_A);
    expect(r.stderr + r.stdout).toContain("smoke (preview route): passed");
    expect(r.code).toBe(0);
    expect(deployment("green")).toContain(DIGEST_A);
    expect(routedTo()).toBe("blue");
    expect(readFileSync(path.join(s.dir, "Pulumi.local.yaml"), "utf8")).toContain(DIGEST_A);
  });

  it("switch refuses while the idle colour's smoke tests fail: exit 1, state, config and manifests byte-identical", async () => {
    const before = fingerprint();
    mode = "fail";
    const r = await gantry("switch", "local");
    mode = "ok";
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/smoke tests of green failed through the preview route; nothing changed/);
    expect(fingerprint()).toBe(before);
  });

  it("switch moves the route to green", async () => {
    const r = await gantry("switch", "local");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("smoke (main route): passed");
    expect(routedTo()).toBe("green");
  });

  it("promote refuses a source tag and deploys + switches a second stack to the source's digest", async () => {
    // The target: a second local-style stack in the same project and backend, its own render dir.
    const target = path.join(s.dir, "Pulumi.target.yaml");
    cpSync(path.join(s.dir, "Pulumi.local.yaml"), target);
    const doc = yaml.load(readFileSync(target, "utf8")) as { config: Record<string, Record<string, unknown>> };
    doc.config["gantry:kubernetes"]!.renderToDirectory = path.join(s.dir, "out-target");
    doc.config["gantry:kubernetes"]!.namespace = "gantry-target";
    // Not yet released: blue active on a tag (the local stack itself ships digests), green idle and empty.
    doc.config["gantry:release"] = {
      ...doc.config["gantry:release"],
      active: "blue",
      blue: { image: "ghcr.io/acme/app:1.4.2" },
      green: {},
    };
    writeFileSync(target, yaml.dump(doc));
    const refused = await gantry("promote", "target", "local");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/runs "ghcr\.io\/acme\/app:1\.4\.2", a tag that can move/);

    const r = await gantry("promote", "local", "target");
    expect(r.code, r.stderr).toBe(0);
    const out = files(path.join(s.dir, "out-target"));
    const targetRoute = readFileSync(
      out.find((f) => f.includes("httproute-gantry-target-app"))!,
      "utf8",
    );
    expect(targetRoute.lastIndexOf("app-green")).toBeGreaterThan(targetRoute.lastIndexOf("app-blue"));
    expect(
      readFileSync(
        out.find((f) => f.endsWith("deployment-gantry-target-app-green.yaml"))!,
        "utf8",
      ),
    ).toContain(DIGEST_A);
  });

  it("a switch whose post-switch smoke fails rolls back automatically (a second update) and exits 1", async () => {
    mode = "fail-main";
    const r = await gantry("switch", "local");
    mode = "ok";
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("switched to blue, smoke tests failed, rolled back automatically to green");
    expect(routedTo()).toBe("green");
  });

  it("rollback returns to the previous release recorded in the stack", async () => {
    const r = await gantry("rollback", "local");
    expect(r.code, r.stderr).toBe(0);
    expect(routedTo()).toBe("blue");
  });

  it("history lists every operation from the engine's update history: who, what, result", async () => {
    const r = await gantry("history", "local", "--json");
    expect(r.code).toBe(0);
    const h = JSON.parse(r.stdout) as { op: string; who: string; result: string; what: Record<string, string> }[];
    // Newest first, as the engine keeps it; the first plain `up` carries no gantry metadata.
    expect(h.map((e) => `${e.op} ${e.what.to ?? e.what.colour}`)).toEqual([
      "rollback blue",
      "auto-rollback green",
      "switch blue",
      "switch green",
      "deploy green",
    ]);
    expect(new Set(h.map((e) => `${e.who} ${e.result}`))).toEqual(new Set(["tester succeeded"]));
    expect(h.find((e) => e.op === "deploy")!.what.image).toBe(DIGEST_A);
  });
});
