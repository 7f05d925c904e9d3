import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { k8sNetworkPolicy as policy } from "../../../policies/rules/kubernetes/network-policy";
import { levels, runStack, type StackFixture } from "../harness";
import { cronJob, deployment } from "../fixtures";

const netpol = (namespace?: string): StackFixture => ({
  type: T.networkPolicy,
  name: `deny-${namespace ?? "default"}`,
  props: {
    metadata: { name: "default-deny", ...(namespace ? { namespace } : {}) },
    spec: { podSelector: {}, policyTypes: ["Ingress"] },
  },
});
const api: StackFixture = { type: T.deployment, name: "api-blue", props: deployment() };
const drill: StackFixture = { type: T.cronJob, name: "drill", props: cronJob() };

describe("k8s-network-policy", () => {
  it("passes when the workloads' namespace has a policy", () => {
    expect(runStack(policy, [api, drill, netpol("gantry")])).toEqual([]);
  });
  it("reports a namespace without a policy once", () => {
    expect(runStack(policy, [api, drill, netpol("other")])).toEqual([
      'Namespace "gantry" runs workloads but has no NetworkPolicy: add a default-deny policy and explicit allows.',
    ]);
  });
  it("treats an unset namespace as default", () => {
    const bare = { ...api, props: { ...api.props, metadata: { name: "x" } } };
    expect(runStack(policy, [bare, netpol()])).toEqual([]);
    expect(runStack(policy, [bare])).toEqual([
      'Namespace "default" runs workloads but has no NetworkPolicy: add a default-deny policy and explicit allows.',
    ]);
  });
  it("is not applicable without workloads", () => {
    expect(runStack(policy, [netpol("gantry")])).toBeNull();
  });
  it("is mandatory in production, advisory in staging", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "advisory" });
  });
});
