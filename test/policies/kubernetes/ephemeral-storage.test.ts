import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { k8sEphemeralStorage as policy } from "../../../policies/rules/kubernetes/ephemeral-storage";
import { levels, mutate, runResource } from "../harness";
import { cronJob, deployment } from "../fixtures";

const pod = (d: any) => d.spec.template.spec;

describe("k8s-ephemeral-storage", () => {
  it("passes bounded emptyDirs and ephemeral-storage requests and limits", () => {
    expect(runResource(policy, T.deployment, deployment())).toEqual([]);
    expect(runResource(policy, T.cronJob, cronJob())).toEqual([]);
  });
  it("reports an emptyDir without a sizeLimit", () => {
    const d = mutate(deployment(), (x: any) => (pod(x).volumes = [{ name: "tmp", emptyDir: {} }]));
    expect(runResource(policy, T.deployment, d)).toEqual(['emptyDir volume "tmp" has no sizeLimit.']);
  });
  it("reports a container without ephemeral-storage", () => {
    const d = mutate(deployment(), (x: any) => {
      delete pod(x).containers[0].resources.requests["ephemeral-storage"];
      delete pod(x).containers[0].resources.limits["ephemeral-storage"];
    });
    expect(runResource(policy, T.deployment, d)).toEqual(['container "app": no ephemeral-storage requests or limits.']);
  });
  it("reports a missing limit alone", () => {
    const d = mutate(deployment(), (x: any) => delete pod(x).containers[0].resources.limits["ephemeral-storage"]);
    expect(runResource(policy, T.deployment, d)).toEqual(['container "app": no ephemeral-storage limits.']);
  });
  it("is mandatory in production, advisory in staging", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "advisory" });
  });
});
