import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { k8sRunAsNonRoot as policy } from "../../../policies/rules/kubernetes/run-as-non-root";
import { levels, mutate, runResource } from "../harness";
import { deployment } from "../fixtures";

const pod = (d: any) => d.spec.template.spec;
const c0 = (d: any) => pod(d).containers[0];
const MSG = 'container "app": runAsNonRoot is not true (set it on the pod or container securityContext).';

describe("k8s-run-as-non-root", () => {
  it("passes with the setting on the container, or only on the pod", () => {
    expect(runResource(policy, T.deployment, deployment())).toEqual([]);
    expect(
      runResource(
        policy,
        T.deployment,
        mutate(deployment(), (d: any) => delete c0(d).securityContext.runAsNonRoot),
      ),
    ).toEqual([]);
  });
  it("reports when neither pod nor container sets it", () => {
    const d = mutate(deployment(), (x: any) => {
      delete c0(x).securityContext.runAsNonRoot;
      delete pod(x).securityContext;
    });
    expect(runResource(policy, T.deployment, d)).toEqual([MSG]);
  });
  it("reports a container overriding the pod with false", () => {
    expect(
      runResource(
        policy,
        T.deployment,
        mutate(deployment(), (d: any) => (c0(d).securityContext.runAsNonRoot = false)),
      ),
    ).toEqual([MSG]);
  });
  it("is mandatory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
  });
});
