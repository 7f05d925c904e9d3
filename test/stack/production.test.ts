// The shipped production config, managed data tier (RDS + ElastiCache), under mocks.
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../src/plan/run";
import { expectValidKubernetes, mandatory, named, ofType, planStack } from "./harness";

let plan: Plan;
beforeAll(async () => {
  plan = await planStack("production");
}, 60_000);

describe("production (managed)", () => {
  it("runs a Multi-AZ, encrypted, protected RDS primary with a read replica", () => {
    const primary = named(plan, "aws:rds/instance:Instance", "db-primary");
    expect(primary.inputs).toMatchObject({
      multiAz: true,
      storageEncrypted: true,
      publiclyAccessible: false,
      deletionProtection: true,
      skipFinalSnapshot: false,
      deleteAutomatedBackups: false,
      backupRetentionPeriod: 14,
      performanceInsightsEnabled: true,
    });
    expect(primary.protect).toBe(true);
    const replicas = ofType(plan, "aws:rds/instance:Instance").filter((r) => r.inputs.replicateSourceDb !== undefined);
    expect(replicas).toHaveLength(1);
    expect(replicas[0]!.protect).toBe(true);
    expect(replicas[0]!.inputs.storageEncrypted).toBe(true);
  });

  it("runs Redis with automatic failover across AZs, both encryptions and an auth token", () => {
    const group = named(plan, "aws:elasticache/replicationGroup:ReplicationGroup", "cache-group");
    expect(group.inputs).toMatchObject({
      numCacheClusters: 2,
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      transitEncryptionEnabled: true,
      atRestEncryptionEnabled: true,
      authToken: "[secret]",
      snapshotRetentionLimit: 7,
    });
    expect(group.protect).toBe(true);
  });

  it("admits the databases only from the cluster's security group", () => {
    const rules = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    expect(rules.length).toBeGreaterThanOrEqual(2);
    for (const r of rules) {
      expect(r.inputs.referencedSecurityGroupId).toBe("sg-0f1e2d3c4b5a60bbb");
      expect(r.inputs.cidrIpv4).toBeUndefined();
    }
  });

  it("keeps every secret masked in resources and outputs", () => {
    const text = JSON.stringify(plan);
    expect(text).not.toMatch(/mock-[\w-]+-0123456789abcdef/);
    const url = named(plan, "kubernetes:core/v1:Secret", "db-url");
    expect(JSON.stringify(url.inputs)).toContain("[secret]");
  });

  it("runs two app colours behind one HTTPRoute with a preview rule, and workers only on the active colour", () => {
    const blue = named(plan, "kubernetes:apps/v1:Deployment", "app-deploy-blue");
    const green = named(plan, "kubernetes:apps/v1:Deployment", "app-deploy-green");
    expect((blue.inputs.spec as any).selector.matchLabels).toEqual({
      "app.kubernetes.io/name": "app",
      "gantry.dev/slot": "blue",
    });
    expect((green.inputs.spec as any).selector.matchLabels).toEqual({
      "app.kubernetes.io/name": "app",
      "gantry.dev/slot": "green",
    });
    const workers = ofType(plan, "kubernetes:apps/v1:Deployment").filter((d) => d.name.startsWith("worker-"));
    const replicas = Object.fromEntries(workers.map((w) => [w.name, (w.inputs.spec as any).replicas]));
    expect(replicas).toEqual({ "worker-deploy-blue": 2, "worker-deploy-green": 0 });
    const routes = ofType(plan, "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute").filter((r) => r.name === "app-route");
    expect(routes).toHaveLength(1);
  });

  it("validates every Kubernetes object against its schema", async () => {
    expect(await expectValidKubernetes()).toBeGreaterThan(15);
  });

  it("has no mandatory policy violations", () => {
    expect(plan.policiesEvaluated).toBeGreaterThanOrEqual(30);
    expect(mandatory(plan)).toEqual([]);
  });

  it("exports the release state and endpoints", () => {
    expect(plan.outputs).toMatchObject({
      activeColour: "blue",
      images: {
        blue: "ghcr.io/acme/app:1.4.1@sha256:2b2d3f26a1dc735e84c607fcb5dffce3225a113de006ea02bc57cf113b4999e7",
        green: "ghcr.io/acme/app:1.4.0@sha256:5f8f3567e8a686e2e71c55512735ee9962a502ff7eaf74a8d998f66fa61c7b26",
      },
      previousRelease: {
        colour: "green",
        image: "ghcr.io/acme/app:1.4.0@sha256:5f8f3567e8a686e2e71c55512735ee9962a502ff7eaf74a8d998f66fa61c7b26",
      },
      url: "https://app.example.com",
      // The RDS primary's identifier: whose snapshots `gantry switch` dates.
      database: { servingFrom: "current", serving: "db-primary" },
    });
  });
});
