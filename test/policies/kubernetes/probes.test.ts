import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { k8sProbes as policy } from "../../../policies/rules/kubernetes/probes";
import { levels, mutate, runResource } from "../harness";
import { cronJob, deployment } from "../fixtures";

const c0 = (d: any) => d.spec.template.spec.containers[0];

describe("k8s-probes", () => {
  it("passes a Deployment with both probes; does not apply to CronJobs", () => {
    expect(runResource(policy, T.deployment, deployment())).toEqual([]);
    expect(runResource(policy, T.cronJob, cronJob())).toBeNull();
  });
  it("reports a missing liveness probe", () => {
    expect(
      runResource(
        policy,
        T.deployment,
        mutate(deployment(), (d: any) => delete c0(d).livenessProbe),
      ),
    ).toEqual(['container "app": livenessProbe is not set.']);
  });
  it("reports a missing readiness probe on a StatefulSet", () => {
    const sts = mutate(deployment(), (d: any) => {
      d.kind = "StatefulSet";
      delete c0(d).readinessProbe;
    });
    expect(runResource(policy, T.statefulSet, sts)).toEqual(['container "app": readinessProbe is not set.']);
  });
  it("is mandatory in production, advisory in staging", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "advisory" });
  });
});
