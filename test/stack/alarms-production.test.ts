// The shipped production stack's managed-tier alarms (how many, on what, all into the encrypted topic) and its dashboard.
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../src/plan/run";
import { mandatory, named, ofType, planStack } from "./harness";

let plan: Plan;
beforeAll(async () => {
  plan = await planStack("production");
}, 60_000);

describe("production CloudWatch alarms", () => {
  it("has 20 alarms, each acting on the KMS-encrypted alert topic", () => {
    const alarms = ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm");
    expect(alarms).toHaveLength(20);
    const topic = named(plan, "aws:sns/topic:Topic", "alarms-topic");
    expect(topic.inputs.kmsMasterKeyId).toBe("arn:aws:mock:eu-west-1:123456789012:alarms-key");
    for (const a of alarms) expect(a.inputs.alarmActions).toEqual(["arn:aws:mock:eu-west-1:123456789012:alarms-topic"]);
  });

  it("watches the RDS instances and cache nodes the stack creates", () => {
    const dims = ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm").map(
      (a) => Object.values(a.inputs.dimensions as object)[0],
    );
    expect([...new Set(dims)].sort()).toEqual([
      "backups-vault",
      "cache-group-001",
      "cache-group-002",
      "db-primary",
      "db-replica-0",
    ]);
  });

  it("ships one Grafana dashboard ConfigMap labelled for the sidecar, charting the stack's RDS instances", () => {
    const maps = ofType(plan, "kubernetes:core/v1:ConfigMap").filter(
      (c) => (c.inputs.metadata as any).labels?.grafana_dashboard === "1",
    );
    expect(maps.map((m) => m.name)).toEqual(["gantry-configmap"]);
    const board = JSON.parse((maps[0]!.inputs.data as Record<string, string>)["gantry-production.json"]!);
    expect(board.uid).toBe("gantry-production");
    expect(JSON.stringify(board)).toContain('"DBInstanceIdentifier":"db-replica-0"');
  });

  it("subscribes the shipped e-mail endpoint as a secret and has no mandatory violation", () => {
    expect(named(plan, "aws:sns/topicSubscription:TopicSubscription", "alarms-sub-oncall-email").inputs.endpoint).toBe(
      "[secret]",
    );
    expect(mandatory(plan)).toEqual([]);
  });
});
