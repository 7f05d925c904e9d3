// The shipped staging stack's managed-tier alarms: how many, on what, and all into the encrypted topic.
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../src/plan/run";
import { mandatory, named, ofType, planStack } from "./harness";

let plan: Plan;
beforeAll(async () => {
  plan = await planStack("staging");
}, 60_000);

describe("staging CloudWatch alarms", () => {
  it("has 10 alarms, each acting on the KMS-encrypted alert topic", () => {
    const alarms = ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm");
    expect(alarms).toHaveLength(10);
    const topic = named(plan, "aws:sns/topic:Topic", "alarms-topic");
    expect(topic.inputs.kmsMasterKeyId).toBe("arn:aws:mock:eu-west-1:123456789012:alarms-key");
    for (const a of alarms) expect(a.inputs.alarmActions).toEqual(["arn:aws:mock:eu-west-1:123456789012:alarms-topic"]);
  });

  it("watches the RDS instances and cache nodes the stack creates", () => {
    const dims = ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm").map(
      (a) => Object.values(a.inputs.dimensions as object)[0],
    );
    expect([...new Set(dims)].sort()).toEqual(["backups-vault", "cache-group-001", "db-primary"]);
  });

  it("subscribes the shipped e-mail endpoint as a secret and has no mandatory violation", () => {
    expect(named(plan, "aws:sns/topicSubscription:TopicSubscription", "alarms-sub-oncall-email").inputs.endpoint).toBe(
      "[secret]",
    );
    expect(mandatory(plan)).toEqual([]);
  });
});
