import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { k8sNoPrivilegeEscalation as policy } from "../../../policies/rules/kubernetes/no-privilege-escalation";
import { levels, mutate, runResource } from "../harness";
import { deployment } from "../fixtures";

const sc = (d: any) => d.spec.template.spec.containers[0].securityContext;

describe("k8s-no-privilege-escalation", () => {
  it("passes allowPrivilegeEscalation false", () => {
    expect(runResource(policy, T.deployment, deployment())).toEqual([]);
  });
  it.each([
    ["unset (Kubernetes allows it)", (d: any) => delete sc(d).allowPrivilegeEscalation],
    ["true", (d: any) => (sc(d).allowPrivilegeEscalation = true)],
  ])("reports allowPrivilegeEscalation %s", (_, change) => {
    expect(runResource(policy, T.deployment, mutate(deployment(), change))).toEqual([
      'container "app": securityContext.allowPrivilegeEscalation is not false.',
    ]);
  });
  it("reports a privileged container", () => {
    expect(
      runResource(
        policy,
        T.deployment,
        mutate(deployment(), (d: any) => (sc(d).privileged = true)),
      ),
    ).toEqual(['container "app": securityContext.privileged is true.']);
  });
  it("is mandatory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
  });
});
