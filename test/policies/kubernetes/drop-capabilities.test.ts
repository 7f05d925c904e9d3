import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { k8sDropCapabilities as policy } from "../../../policies/rules/kubernetes/drop-capabilities";
import { levels, mutate, runResource } from "../harness";
import { deployment } from "../fixtures";

const caps = (d: any) => d.spec.template.spec.containers[0].securityContext.capabilities;

describe("k8s-drop-capabilities", () => {
  it("passes drop ALL (with a justified add)", () => {
    expect(
      runResource(
        policy,
        T.deployment,
        mutate(deployment(), (d: any) => (caps(d).add = ["NET_BIND_SERVICE"])),
      ),
    ).toEqual([]);
  });
  it.each([
    ["a partial drop", (d: any) => (caps(d).drop = ["NET_RAW"])],
    ["no capabilities", (d: any) => delete d.spec.template.spec.containers[0].securityContext.capabilities],
  ])("reports %s", (_, change) => {
    expect(runResource(policy, T.deployment, mutate(deployment(), change))).toEqual([
      'container "app": securityContext.capabilities.drop does not include "ALL".',
    ]);
  });
  it("is mandatory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
  });
});
