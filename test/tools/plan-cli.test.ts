// `gantry plan` and `gantry report` as a user runs them: exit codes, the JSON contract, masking.
import { describe, expect, it } from "vitest";
import { gantry } from "./cli";

describe("gantry plan", () => {
  it("prints the JSON contract for production: replicated, encrypted, protected Postgres and Redis with failover", () => {
    const r = gantry("plan", "production", "--json");
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(Object.keys(plan)).toEqual(expect.arrayContaining(["stack", "resources", "policies", "outputs", "policiesEvaluated"]));
    for (const res of plan.resources)
      expect(Object.keys(res)).toEqual(expect.arrayContaining(["urn", "type", "name", "parent", "inputs", "protect"]));
    const rds = plan.resources.filter((x: any) => x.type === "aws:rds/instance:Instance");
    expect(rds.map((x: any) => [x.name, x.protect, x.inputs.storageEncrypted])).toEqual([
      ["db-primary", true, true],
      ["db-replica-0", true, true],
    ]);
    const redis = plan.resources.find((x: any) => x.type === "aws:elasticache/replicationGroup:ReplicationGroup");
    expect(redis.inputs.automaticFailoverEnabled).toBe(true);
    expect(plan.policies.filter((v: any) => v.enforcementLevel === "mandatory")).toEqual([]);
    expect(r.stdout).not.toMatch(/mock-[\w-]+-0123456789abcdef/);
  });

  it("exits 2 naming the key for invalid config, with no stack trace", () => {
    const r = gantry("plan", "production", "--set", "postgres.replicas=-1");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("gantry:postgres.replicas: must be >= 0, got -1");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe("");
  });

  it("exits 2 naming the key for a production release image without a digest", () => {
    const r = gantry("plan", "production", "--set", "release.green.image=ghcr.io/acme/app:1.5.0");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('gantry:release.green.image: "ghcr.io/acme/app:1.5.0" has no digest');
    expect(r.stdout).toBe("");
  });

  it("exits 2 for an unknown stack or a malformed --set", () => {
    expect(gantry("plan", "prod").stderr).toMatch(/no stack config Pulumi\.prod\.yaml .*production/);
    expect(gantry("plan", "prod").code).toBe(2);
    expect(gantry("plan", "staging", "--set", "postgres.replicas").code).toBe(2);
  });

  it("exits 1 and lists the mandatory violation for an insecure override", () => {
    const r = gantry("plan", "production", "--set", `release.blue.image=quay.io/someone/app:1.0.0@sha256:${"e".repeat(64)}`);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/MANDATORY\s+k8s-image-registry/);
  });

  it("prints a readable tree grouped by component", () => {
    const r = gantry("plan", "staging");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}gantry:data:Postgres {2}db\n {4}\S+/m);
    expect(r.stdout).toMatch(/Policies: \d+ evaluated/);
  });

  it("shows real examples in --help", () => {
    const r = gantry("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("gantry diff production --set release.active=green");
  });
});

describe("gantry report", () => {
  it("prints Markdown with a summary and collapsed details, under 64 KB", () => {
    const r = gantry("report", "staging");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^## Gantry plan: `staging` \(staging\)/);
    expect(r.stdout).toContain("No mandatory policy violations");
    expect(r.stdout).toContain("<details><summary>Resources by type</summary>");
    expect(r.stdout).toMatch(/\| advisory \| `rds-deletion-protection` \| `aws:rds\/instance:Instance::db-primary` \|/);
    expect(Buffer.byteLength(r.stdout)).toBeLessThan(64 * 1024);
  });
});
