import * as k8s from "@pulumi/kubernetes";
import { describe, expect, it } from "vitest";
import { k8sProbes as policy } from "../../../policies/rules/kubernetes/probes";
import { levels, mutate, runResource } from "../harness";
import { cronJob, deployment } from "../fixtures";

const c0 = (d: any) => d.spec.template.spec.containers[0];

describe("k8s-probes", () => {
  it("passes a Deployment with both probes; does not apply to CronJobs", () => {
    expect(runResource(policy, k8s.apps.v1.Deployment, deployment())).toEqual([]);
    expect(runResource(policy, k8s.batch.v1.CronJob, cronJob())).toBeNull();
  });
  it("reports a missing liveness probe", () => {
    expect(runResource(policy, k8s.apps.v1.Deployment, mutate(deployment(), (d: any) => delete c0(d).livenessProbe))).toEqual([
      'container "app": livenessProbe is not set.',
    ]);
  });
  it("reports a missing readiness probe on a StatefulSet", () => {
    const sts = mutate(deployment(), (d: any) => { d.kind = "StatefulSet"; delete c0(d).readinessProbe; });
    expect(runResource(policy, k8s.apps.v1.StatefulSet, sts)).toEqual(['container "app": readinessProbe is not set.']);
  });
  it("is mandatory in production, advisory in staging", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "advisory" });
  });
});
