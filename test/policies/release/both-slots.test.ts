import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { bluegreenBothSlots as policy } from "../../../policies/rules/release/both-slots";
import { levels, runStack, type StackFixture } from "../harness";
import { deployment } from "../fixtures";

const slot = (service: string, colour: string, namespace = "gantry"): StackFixture => {
  const props = deployment(service, colour);
  props.metadata.namespace = namespace;
  return { type: T.deployment, name: `${service}-${colour}-${namespace}`, props };
};

describe("bluegreen-both-slots", () => {
  it("passes services with both colours", () => {
    expect(runStack(policy, [slot("api", "blue"), slot("api", "green"), slot("jobs", "green"), slot("jobs", "blue")])).toEqual(
      [],
    );
  });
  it("reports a missing green slot", () => {
    expect(runStack(policy, [slot("api", "blue")])).toEqual([
      'Service "api" (namespace gantry) has no green Deployment: every release-managed service needs both slots.',
    ]);
  });
  it("reports a missing blue slot", () => {
    expect(runStack(policy, [slot("api", "green"), slot("jobs", "blue"), slot("jobs", "green")])).toEqual([
      'Service "api" (namespace gantry) has no blue Deployment: every release-managed service needs both slots.',
    ]);
  });
  it("does not pair slots across namespaces", () => {
    expect(runStack(policy, [slot("api", "blue"), slot("api", "green", "other")])).toEqual([
      'Service "api" (namespace gantry) has no green Deployment: every release-managed service needs both slots.',
      'Service "api" (namespace other) has no blue Deployment: every release-managed service needs both slots.',
    ]);
  });
  it("is not applicable without slot Deployments", () => {
    expect(runStack(policy, [])).toBeNull();
  });
  it("is mandatory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
  });
});
