import * as aws from "@pulumi/aws";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { validateResourceOfType } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { configKeyHints, evaluatePolicies, evaluatePoliciesAsync, type PolicyResourceInput } from "../../policies/evaluate";
import { allPolicies } from "../../policies/list";
import { envConfig, urnOf } from "./harness";
import {
  appRoute,
  bucketStack,
  CMK_ARN,
  cronJob,
  deployment,
  GATEWAY,
  gateway,
  HTTPROUTE,
  rdsPrimary,
  rdsReplica,
  redirectRoute,
  replicationGroup,
} from "./fixtures";
import { CLUSTER, cluster, SCHEDULED_BACKUP, scheduledBackup } from "./cnpg/fixtures";
import { routingFixture, ruleFixtures } from "./alerting/fixtures";

const res = (
  type: string,
  name: string,
  props: Record<string, any>,
  extra: Partial<PolicyResourceInput> = {},
): PolicyResourceInput => ({
  urn: urnOf(type, name),
  type,
  name,
  props,
  protect: false,
  ...extra,
});
const RDS = "aws:rds/instance:Instance";

/** A tiny pack to pin down the evaluator's mechanics. */
const encrypted: ResourceValidationPolicy = {
  name: "t-encrypted",
  description: "must be encrypted",
  enforcementLevel: "mandatory",
  configSchema: { properties: { minDays: { type: "integer", default: 7 }, note: { type: "string" } } },
  validateResource: validateResourceOfType(aws.rds.Instance, (db, args, report) => {
    const cfg = args.getConfig<{ minDays: number; note?: string }>();
    if (!db.storageEncrypted)
      report(`not encrypted (minDays=${cfg.minDays}, note=${cfg.note ?? "-"}, protect=${args.opts.protect})`);
    if (args.asType(aws.rds.Instance)?.engine !== db.engine) report("asType broken");
  }),
};
const counting: StackValidationPolicy = {
  name: "t-stack",
  description: "stack view",
  enforcementLevel: "advisory",
  validateStack: (args, report) => {
    const replica = args.resources.find((r) => r.name === "replica")!;
    report(
      `resources=${args.resources.length} parent=${replica.parent?.name} deps=${replica.dependencies.map((d) => d.name).join(",")} ` +
        `prop=${replica.propertyDependencies.replicateSourceDb?.map((d) => d.name).join(",")} isType=${replica.isType(aws.rds.Instance)} ` +
        `protect=${replica.opts.protect}`,
      replica.urn,
    );
  },
};
const never: StackValidationPolicy = {
  name: "t-not-applicable",
  description: "never applies",
  validateStack: (args) => args.notApplicable("nothing here"),
};
const tiny = [encrypted, counting, never];
const tinyStack = [
  res(RDS, "db", { engine: "postgres", storageEncrypted: false }, { protect: true }),
  res(
    RDS,
    "replica",
    { engine: "postgres", storageEncrypted: true },
    {
      parent: urnOf(RDS, "db"),
      dependencies: [urnOf(RDS, "db")],
      propertyDependencies: { replicateSourceDb: [urnOf(RDS, "db")] },
    },
  ),
  res("aws:s3/bucket:Bucket", "b", {}),
];

describe("evaluatePolicies mechanics", () => {
  it("runs resource policies on matching types and stack policies once, with the engine's args", () => {
    const out = evaluatePolicies(tinyStack, { config: {}, policies: tiny });
    expect(out.violations).toEqual([
      {
        policyName: "t-encrypted",
        enforcementLevel: "mandatory",
        urn: urnOf(RDS, "db"),
        message: "not encrypted (minDays=7, note=-, protect=true)",
      },
      {
        policyName: "t-stack",
        enforcementLevel: "advisory",
        urn: urnOf(RDS, "replica"),
        message: "resources=3 parent=db deps=db prop=db isType=true protect=false",
      },
    ]);
    // 2 RDS instances × t-encrypted + 1 t-stack; the not-applicable policy and the bucket do not count.
    expect(out.evaluated).toBe(3);
  });

  it("merges schema defaults with the file's properties in getConfig", () => {
    const out = evaluatePolicies(tinyStack, { config: { "t-encrypted": { minDays: 3, note: "x" } }, policies: [encrypted] });
    expect(out.violations.map((v) => v.message)).toEqual(["not encrypted (minDays=3, note=x, protect=true)"]);
  });

  it("resolves levels: policy entry, then `all`, then the policy's own, then the pack's", () => {
    const level = (config: Record<string, any>, policies = tiny) =>
      evaluatePolicies(tinyStack, { config, policies }).violations.map((v) => `${v.policyName}:${v.enforcementLevel}`);
    expect(level({})).toEqual(["t-encrypted:mandatory", "t-stack:advisory"]);
    expect(level({ all: "advisory" })).toEqual(["t-encrypted:advisory", "t-stack:advisory"]);
    expect(level({ all: { enforcementLevel: "mandatory" }, "t-encrypted": "advisory" })).toEqual([
      "t-encrypted:advisory",
      "t-stack:mandatory",
    ]);
    const noLevel = { ...encrypted, enforcementLevel: undefined };
    expect(
      evaluatePolicies(tinyStack, { config: {}, policies: [noLevel], packEnforcementLevel: "advisory" }).violations[0]!
        .enforcementLevel,
    ).toBe("advisory");
  });

  it("skips disabled policies entirely", () => {
    const out = evaluatePolicies(tinyStack, {
      config: { "t-encrypted": { enforcementLevel: "disabled" }, "t-stack": "disabled" },
      policies: tiny,
    });
    expect(out).toEqual({ evaluated: 0, violations: [] });
  });

  it("reports remediate resource policies as remediate (not run offline) and remediate stack policies as mandatory", () => {
    const out = evaluatePolicies(tinyStack, { config: { all: "remediate" }, policies: tiny });
    expect(out.violations.map((v) => `${v.policyName}:${v.enforcementLevel}`)).toEqual([
      "t-encrypted:remediate",
      "t-stack:mandatory",
    ]);
  });

  it("rejects an invalid config file, listing every problem", () => {
    expect(() =>
      evaluatePolicies(tinyStack, {
        config: { "no-such": "mandatory", "t-encrypted": { enforcementLevel: "loud", minDays: "7", extra: 1 }, all: "nope" },
        policies: tiny,
      }),
    ).toThrow(
      [
        "invalid policy config:",
        "  no-such: no such policy in the pack",
        '  t-encrypted.enforcementLevel: "loud" is not one of advisory, mandatory, remediate, disabled',
        "  t-encrypted.minDays: expected integer",
        "  t-encrypted.extra: not a property of this policy",
        '  all.enforcementLevel: "nope" is not one of advisory, mandatory, remediate, disabled',
      ].join("\n"),
    );
  });

  it("refuses asynchronous policies synchronously and runs them with evaluatePoliciesAsync", async () => {
    const slow: StackValidationPolicy = {
      name: "t-async",
      description: "async",
      enforcementLevel: "mandatory",
      validateStack: async (_args, report) => {
        await new Promise((r) => setTimeout(r, 1));
        report("late");
      },
    };
    expect(() => evaluatePolicies(tinyStack, { config: {}, policies: [slow] })).toThrow(
      "policy t-async is asynchronous: use evaluatePoliciesAsync",
    );
    expect(await evaluatePoliciesAsync(tinyStack, { config: {}, policies: [slow] })).toEqual({
      evaluated: 1,
      violations: [{ policyName: "t-async", enforcementLevel: "mandatory", message: "late" }],
    });
  });
});

/** A stack that passes every policy of the pack under the production config. */
function validStack(): PolicyResourceInput[] {
  const dep = (svc: string, colour: string, replicas: number) =>
    res("kubernetes:apps/v1:Deployment", `${svc}-${colour}`, deployment(svc, colour, replicas));
  const buckets = bucketStack().map((b) =>
    res(b.type, b.name, b.props, {
      protect: b.protect ?? false,
      dependencies: (b.deps ?? []).map((d) => urnOf("aws:s3/bucket:Bucket", d)),
    }),
  );
  return [
    res(RDS, "db", { ...rdsPrimary, identifier: "db" }, { protect: true }),
    res(RDS, "db-replica", { ...rdsReplica, replicateSourceDb: "db" }, { protect: true }),
    res("aws:elasticache/replicationGroup:ReplicationGroup", "cache", replicationGroup, { protect: true }),
    res("aws:sns/topic:Topic", "alerts", { kmsMasterKeyId: CMK_ARN }),
    ...buckets,
    dep("api", "blue", 2),
    dep("api", "green", 0),
    res("kubernetes:policy/v1:PodDisruptionBudget", "api-pdb", {
      metadata: { name: "api", namespace: "gantry" },
      spec: { maxUnavailable: 1, selector: { matchLabels: { "app.kubernetes.io/name": "api" } } },
    }),
    res("kubernetes:networking.k8s.io/v1:NetworkPolicy", "deny", {
      metadata: { name: "default-deny", namespace: "gantry" },
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    }),
    res("kubernetes:core/v1:Service", "api-blue-svc", {
      metadata: { name: "api-blue", namespace: "gantry" },
      spec: { type: "ClusterIP" },
    }),
    res(GATEWAY, "gateway", gateway()),
    res(HTTPROUTE, "redirect", redirectRoute()),
    res(HTTPROUTE, "api", appRoute("blue", "green")),
    res(CLUSTER, "pg", cluster(), { protect: true }),
    res(SCHEDULED_BACKUP, "pg-daily", scheduledBackup()),
    // backup-monthly and backup-restore-drill: a monthly base backup and the restore drill CronJob.
    res(SCHEDULED_BACKUP, "pg-monthly", { ...scheduledBackup(), spec: { ...scheduledBackup().spec, schedule: "0 0 3 1 * *" } }),
    res("kubernetes:batch/v1:CronJob", "drill", {
      ...cronJob(),
      metadata: { ...cronJob().metadata, labels: { "gantry.dev/component": "backup-drill" } },
    }),
    ...[...ruleFixtures(), routingFixture()].map((f) => res(f.type as string, f.name, f.props)),
  ];
}

describe("evaluatePolicies with the real pack", () => {
  it("finds nothing in a valid stack under both environment configs", () => {
    for (const env of ["production", "staging"] as const) {
      const out = evaluatePolicies(validStack(), { config: envConfig(env) });
      expect(out.violations, env).toEqual([]);
      expect(out.evaluated, env).toBeGreaterThan(30);
    }
  });

  it("counts fewer checks in staging, where some policies are disabled", () => {
    const prod = evaluatePolicies(validStack(), { config: envConfig("production") }).evaluated;
    const staging = evaluatePolicies(validStack(), { config: envConfig("staging") }).evaluated;
    // rds-multi-az (1 primary; the replica counts as a run that passes), rds-read-replica,
    // backup-monthly, backup-restore-drill and alerting-paging-receiver (staging pages nobody)
    // are disabled in staging.
    expect(prod - staging).toBe(6);
  });

  it("reports one break with production's mandatory level and the config key, staging's level, or nothing when disabled", () => {
    const broken = validStack().map((r) => (r.name === "db" ? { ...r, props: { ...r.props, multiAz: false } } : r));
    const expected = {
      policyName: "rds-multi-az",
      urn: urnOf(RDS, "db"),
      message: "multiAz is not true: set multiAz: true so a standby in another zone takes over on failure.",
      configKey: "postgres.multiAz",
    };
    expect(evaluatePolicies(broken, { config: envConfig("production") }).violations).toEqual([
      { ...expected, enforcementLevel: "mandatory" },
    ]);
    expect(evaluatePolicies(broken, { config: envConfig("staging") }).violations).toEqual([]);
    expect(evaluatePolicies(broken, { config: {} }).violations).toEqual([{ ...expected, enforcementLevel: "mandatory" }]);
  });

  it("applies staging's relaxed thresholds and levels", () => {
    const unprotected = validStack().map((r) =>
      r.name === "db" ? { ...r, protect: false, props: { ...r.props, backupRetentionPeriod: 1 } } : r,
    );
    const levels = (env: "production" | "staging") =>
      evaluatePolicies(unprotected, { config: envConfig(env) }).violations.map((v) => `${v.policyName}:${v.enforcementLevel}`);
    expect(levels("production")).toEqual([
      "rds-protected:mandatory",
      "rds-backup-retention:mandatory",
      "stateful-protected:mandatory",
    ]);
    expect(levels("staging")).toEqual(["rds-protected:advisory", "stateful-protected:advisory"]);
  });

  it("exposes a config-key hint for the policies a stack config setting fixes", () => {
    const hints = configKeyHints();
    expect(hints["rds-multi-az"]).toBe("postgres.multiAz");
    expect(hints["rds-read-replica"]).toBe("postgres.replicas");
    expect(hints["k8s-min-replicas"]).toBe("app.replicas");
    expect(Object.keys(hints).every((k) => allPolicies.some((p) => p.name === k))).toBe(true);
  });
});
