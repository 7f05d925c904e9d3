import * as fs from "node:fs";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { describe, expect, it } from "vitest";
import { allPolicies, gantryPolicies } from "../../policies/list";
import { T } from "../../policies/lib/types";
import { validatePolicyConfig } from "../../policies/evaluate";
import { envConfig } from "./harness";

const ROOT = path.join(__dirname, "../../policies");
const ruleFiles = (dir = path.join(ROOT, "rules")): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? ruleFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [],
    );

describe("the policy list", () => {
  it("has at least 30 policies with unique kebab-case names", () => {
    const names = allPolicies.map((p) => p.name);
    expect(names.length).toBeGreaterThanOrEqual(30);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("lists every rule file exactly once (one policy per file)", async () => {
    const files = ruleFiles();
    expect(files.length).toBe(allPolicies.length);
    for (const file of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      const exported = Object.values(mod).filter((v) => allPolicies.includes(v as never));
      expect(exported, path.relative(ROOT, file)).toHaveLength(1);
    }
  });

  it("gives every rule a TSDoc summary with @severity matching the policy's severity", async () => {
    for (const file of ruleFiles()) {
      const src = fs.readFileSync(file, "utf8");
      const rel = path.relative(ROOT, file);
      const doc = /\/\*\*([\s\S]*?)\*\/\s*export const (\w+)\s*:\s*Gantry(Resource|Stack)Policy/.exec(src);
      expect(doc, `${rel} has a TSDoc block on its exported policy`).not.toBeNull();
      const severity = /@severity (high|medium|low)\b/.exec(doc![1]!);
      expect(severity, `${rel} tags @severity high|medium|low`).not.toBeNull();
      expect(doc![1]!).toMatch(/Why:/);
      const mod = (await import(file)) as Record<string, { severity?: string }>;
      expect(mod[doc![2]!]?.severity, rel).toBe(severity![1]);
    }
  });

  it("gives every policy a description and an explicit enforcement level", () => {
    for (const p of gantryPolicies) {
      expect(p.description.length, p.name).toBeGreaterThan(10);
      expect(["advisory", "mandatory"], p.name).toContain(p.enforcementLevel);
    }
  });

  it("never declares enforcementLevel as a config property (the engine rejects it)", () => {
    for (const p of allPolicies) expect(Object.keys(p.configSchema?.properties ?? {})).not.toContain("enforcementLevel");
  });

  it("uses the SDK classes' type tokens", () => {
    const classes: Record<string, unknown> = {
      rdsInstance: aws.rds.Instance,
      replicationGroup: aws.elasticache.ReplicationGroup,
      bucket: aws.s3.Bucket,
      bucketV2: aws.s3.BucketV2,
      publicAccessBlock: aws.s3.BucketPublicAccessBlock,
      versioning: aws.s3.BucketVersioning,
      versioningV2: aws.s3.BucketVersioningV2,
      sse: aws.s3.BucketServerSideEncryptionConfiguration,
      sseV2: aws.s3.BucketServerSideEncryptionConfigurationV2,
      bucketPolicy: aws.s3.BucketPolicy,
      snsTopic: aws.sns.Topic,
      logGroup: aws.cloudwatch.LogGroup,
      deployment: k8s.apps.v1.Deployment,
      statefulSet: k8s.apps.v1.StatefulSet,
      daemonSet: k8s.apps.v1.DaemonSet,
      job: k8s.batch.v1.Job,
      cronJob: k8s.batch.v1.CronJob,
      service: k8s.core.v1.Service,
      pdb: k8s.policy.v1.PodDisruptionBudget,
      hpa: k8s.autoscaling.v2.HorizontalPodAutoscaler,
      networkPolicy: k8s.networking.v1.NetworkPolicy,
      role: k8s.rbac.v1.Role,
      clusterRole: k8s.rbac.v1.ClusterRole,
    };
    for (const [key, cls] of Object.entries(classes)) {
      expect((cls as { __pulumiType: string }).__pulumiType, key).toBe(T[key as keyof typeof T]);
    }
  });
});

describe("the environment config files", () => {
  it.each(["production", "staging"] as const)("%s.json is valid for the pack and names every policy", (env) => {
    const config = envConfig(env);
    expect(validatePolicyConfig(config)).toEqual([]);
    expect(Object.keys(config).sort()).toEqual(allPolicies.map((p) => p.name).sort());
  });

  it("makes production at least as strict as staging for every policy", () => {
    const rank = { disabled: 0, advisory: 1, mandatory: 2, remediate: 2 } as const;
    const prod = envConfig("production");
    const staging = envConfig("staging");
    for (const p of allPolicies) {
      expect(rank[prod[p.name].enforcementLevel as keyof typeof rank], p.name).toBeGreaterThanOrEqual(
        rank[staging[p.name].enforcementLevel as keyof typeof rank],
      );
    }
  });

  it("never decides by environment name in code (environments differ only through config files)", () => {
    for (const file of [...ruleFiles(), ...fs.readdirSync(path.join(ROOT, "lib")).map((f) => path.join(ROOT, "lib", f))]) {
      const code = fs
        .readFileSync(file, "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/\/\/.*$/gm, "");
      expect(code, file).not.toMatch(/prod|staging/i);
    }
  });

  it("keeps index.ts to constructing the pack from the list", () => {
    const src = fs.readFileSync(path.join(ROOT, "index.ts"), "utf8");
    expect(src).toMatch(/new PolicyPack\("gantry", \{ policies: allPolicies, enforcementLevel: PACK_ENFORCEMENT_LEVEL \}\)/);
    expect(src).not.toMatch(/rules\//);
  });
});
