import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { k8sResources as policy } from "../../../policies/rules/kubernetes/resources";
import { levels, mutate, runResource } from "../harness";
import { container, cronJob, deployment } from "../fixtures";

const c0 = (d: any) => d.spec.template.spec.containers[0];

describe("k8s-resources", () => {
  it("passes valid Deployments and CronJobs", () => {
    expect(runResource(policy, T.deployment, deployment())).toEqual([]);
    expect(runResource(policy, T.cronJob, cronJob())).toEqual([]);
  });
  it.each([
    ["cpu request", (d: any) => delete c0(d).resources.requests.cpu, 'container "app": resources.requests.cpu is not set.'],
    [
      "memory request",
      (d: any) => delete c0(d).resources.requests.memory,
      'container "app": resources.requests.memory is not set.',
    ],
    ["memory limit", (d: any) => delete c0(d).resources.limits, 'container "app": resources.limits.memory is not set.'],
  ])("reports a missing %s", (_, change, message) => {
    expect(runResource(policy, T.deployment, mutate(deployment(), change))).toEqual([message]);
  });
  it("checks init containers and CronJob pod templates", () => {
    const init = { ...container("migrate"), resources: undefined };
    const d = mutate(deployment(), (x: any) => (x.spec.template.spec.initContainers = [init]));
    expect(runResource(policy, T.deployment, d)).toEqual([
      'init container "migrate": resources.requests.cpu is not set.',
      'init container "migrate": resources.requests.memory is not set.',
      'init container "migrate": resources.limits.memory is not set.',
    ]);
    const cj = mutate(cronJob(), (x: any) => delete x.spec.jobTemplate.spec.template.spec.containers[0].resources.limits);
    expect(runResource(policy, T.cronJob, cj)).toEqual(['container "backup-check": resources.limits.memory is not set.']);
  });
  it("skips excluded namespaces and other types", () => {
    const d = mutate(deployment(), (x: any) => delete c0(x).resources);
    expect(runResource(policy, T.deployment, d, { config: { excludeNamespaces: ["gantry"] } })).toBeNull();
    expect(runResource(policy, T.service, {})).toBeNull();
  });
  it("is mandatory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
  });
});
