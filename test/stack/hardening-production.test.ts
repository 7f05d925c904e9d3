// Production (managed): credentials as files, egress to the data subnets only, AWS hardening.
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan, PlanResource } from "../../src/plan/run";
import { mandatory, named, ofType, planStack } from "./harness";

let plan: Plan;
beforeAll(async () => {
  plan = await planStack("production");
}, 60_000);

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const JOB = "kubernetes:batch/v1:Job";
const NP = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const podSpec = (r: PlanResource) => (r.inputs.spec as any).template.spec;
const migrations = () => ofType(plan, JOB).filter((j) => j.name.includes("-migrate-"));
const appPods = () => [...ofType(plan, DEPLOYMENT).filter((d) => /^(app|worker)-/.test(d.name)), ...migrations()].map(podSpec);

describe("production credentials as files", () => {
  it("puts no secretKeyRef in any app, worker or migration container", () => {
    const pods = appPods();
    expect(pods.length).toBe(6); // app and worker × 2 colours, one migration Job per release image
    for (const spec of pods)
      for (const c of spec.containers) expect((c.env ?? []).filter((e: any) => e.valueFrom?.secretKeyRef)).toEqual([]);
  });

  it("points the app at read-only 0400 files with *_FILE variables", () => {
    const spec = podSpec(named(plan, DEPLOYMENT, "app-deploy-blue"));
    const env = Object.fromEntries(spec.containers[0].env.map((e: any) => [e.name, e.value]));
    expect(env).toMatchObject({
      DATABASE_URL_FILE: "/var/run/secrets/gantry/DATABASE_URL",
      REDIS_URL_FILE: "/var/run/secrets/gantry/REDIS_URL",
      REDIS_PASSWORD_FILE: "/var/run/secrets/gantry/REDIS_PASSWORD",
    });
    expect(env).not.toHaveProperty("DATABASE_URL");
    expect(spec.containers[0].volumeMounts).toContainEqual({
      name: "credentials",
      mountPath: "/var/run/secrets/gantry",
      readOnly: true,
    });
    const vol = spec.volumes.find((v: any) => v.name === "credentials");
    expect(vol.projected.defaultMode).toBe(0o400);
    expect(vol.projected.sources.map((s: any) => s.secret.items[0].path)).toEqual([
      "DATABASE_URL",
      "REDIS_PASSWORD",
      "REDIS_URL",
    ]);
  });

  it("gives the migration Job the database URL file only", () => {
    expect(migrations()).toHaveLength(2);
    for (const job of migrations()) {
      const spec = podSpec(job);
      expect(spec.containers[0].env.filter((e: any) => e.name.endsWith("_FILE")).map((e: any) => e.name)).toEqual([
        "DATABASE_URL_FILE",
      ]);
      const vol = spec.volumes.find((v: any) => v.name === "credentials");
      expect(vol.projected.sources.map((s: any) => s.secret.items[0].path)).toEqual(["DATABASE_URL"]);
    }
  });
});

describe("production (managed) egress", () => {
  const spec = (n: string) => ofType(plan, NP).find((r) => (r.inputs.metadata as any).name === n)!.inputs.spec as any;
  it("sends database and Redis clients to the configured data CIDR only, on 5432 and 6379", () => {
    expect(spec("egress-postgres-clients").egress).toEqual([
      { to: [{ ipBlock: { cidr: "10.20.0.0/16" } }], ports: [{ port: 5432, protocol: "TCP" }] },
    ]);
    expect(spec("egress-redis-clients").egress).toEqual([
      { to: [{ ipBlock: { cidr: "10.20.0.0/16" } }], ports: [{ port: 6379, protocol: "TCP" }] },
    ]);
  });
  it("creates no in-cluster peer allows on the managed tier", () => {
    const names = ofType(plan, NP).map((r) => (r.inputs.metadata as any).name);
    expect(names).toContain("default-deny-egress");
    expect(names.filter((n) => n.endsWith("-peers") || n.includes("apiserver"))).toEqual([]);
  });
  it("has no mandatory violation", () => {
    expect(mandatory(plan)).toEqual([]);
  });
});

describe("production AWS hardening", () => {
  const KEY_ARN = "arn:aws:mock:eu-west-1:123456789012:data-key";
  const RDS = "aws:rds/instance:Instance";
  const LOGS = "aws:cloudwatch/logGroup:LogGroup";

  it("creates one rotating customer-managed key whose policy limits services to this account", () => {
    const [key, ...more] = ofType(plan, "aws:kms/key:Key").filter((k) => k.name === "data-key");
    expect(more).toEqual([]);
    expect(key!.inputs.enableKeyRotation).toBe(true);
    expect(key!.protect).toBe(true);
    const statements = JSON.parse(key!.inputs.policy as string).Statement as any[];
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
    expect(bySid.AccountAdministers.Principal).toEqual({ AWS: "arn:aws:iam::123456789012:root" });
    expect(bySid.ServicesUseForThisAccount.Condition.StringEquals).toEqual({
      "kms:CallerAccount": "123456789012",
      "kms:ViaService": ["rds.eu-west-1.amazonaws.com", "elasticache.eu-west-1.amazonaws.com", "sns.eu-west-1.amazonaws.com"],
    });
    expect(bySid.ServicesUseForThisAccount.Action).not.toContain("kms:*");
    expect(bySid.CloudWatchLogsForOurLogGroups.Condition.ArnLike).toEqual({
      "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:eu-west-1:123456789012:log-group:*",
    });
    expect(bySid.CloudWatchAlarmsPublish.Condition.StringEquals).toEqual({ "aws:SourceAccount": "123456789012" });
  });

  it("encrypts RDS storage and Performance Insights with it and exports the postgresql and upgrade logs", () => {
    const primary = named(plan, RDS, "db-primary").inputs;
    expect(primary).toMatchObject({
      kmsKeyId: KEY_ARN,
      performanceInsightsKmsKeyId: KEY_ARN,
      enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
    });
  });

  it("creates the RDS log groups RDS writes to, with retention and the key", () => {
    const groups = ofType(plan, LOGS).filter((g) => g.name.startsWith("db-"));
    expect(groups.map((g) => g.inputs.name).sort()).toEqual([
      "/aws/rds/instance/db-primary/postgresql",
      "/aws/rds/instance/db-primary/upgrade",
      "/aws/rds/instance/db-replica-0/postgresql",
      "/aws/rds/instance/db-replica-0/upgrade",
    ]);
    for (const g of groups) expect(g.inputs).toMatchObject({ retentionInDays: 30, kmsKeyId: KEY_ARN });
  });

  it("delivers ElastiCache slow-log and engine-log to CloudWatch Logs as JSON, encrypted at rest with the key", () => {
    const group = named(plan, "aws:elasticache/replicationGroup:ReplicationGroup", "cache-group").inputs as any;
    expect(group.kmsKeyId).toBe(KEY_ARN);
    expect(group.logDeliveryConfigurations).toEqual([
      {
        destinationType: "cloudwatch-logs",
        destination: "/gantry/production/elasticache/cache/slow-log",
        logFormat: "json",
        logType: "slow-log",
      },
      {
        destinationType: "cloudwatch-logs",
        destination: "/gantry/production/elasticache/cache/engine-log",
        logFormat: "json",
        logType: "engine-log",
      },
    ]);
  });

  it("lets only RDS acting for this account's instances assume the monitoring role", () => {
    const trust = JSON.parse(named(plan, "aws:iam/role:Role", "db-monitoring").inputs.assumeRolePolicy as string);
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "monitoring.rds.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": "123456789012" },
          ArnLike: { "aws:SourceArn": "arn:aws:rds:eu-west-1:123456789012:db:*" },
        },
      },
    ]);
  });

  it("has no kms-customer-managed-key violation", () => {
    expect(plan.policies.filter((v) => v.policyName === "kms-customer-managed-key")).toEqual([]);
  });
});
