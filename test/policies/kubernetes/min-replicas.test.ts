import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { k8sMinReplicas as policy } from "../../../policies/rules/kubernetes/min-replicas";
import { levels, mutate, propsIn, runStack, type StackFixture } from "../harness";
import { deployment } from "../fixtures";

const dep = (props: Record<string, any>): StackFixture => ({ type: T.deployment, name: props.metadata.name, props });
const hpa = (target: string, minReplicas?: number): StackFixture => ({
  type: T.hpa,
  name: `${target}-hpa`,
  props: {
    metadata: { name: target, namespace: "gantry" },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: target },
      maxReplicas: 10,
      ...(minReplicas === undefined ? {} : { minReplicas }),
    },
  },
});
const noSlot = (d: any) => {
  delete d.metadata.labels["gantry.dev/slot"];
  delete d.spec.template.metadata.labels["gantry.dev/slot"];
};
const msg = (name: string, n: number, min = 2, hpaName?: string) =>
  `Deployment "${name}": ${hpaName ? `HorizontalPodAutoscaler "${hpaName}" minReplicas is` : "spec.replicas is"} ${n}: run at least ${min} so a single pod failure or node drain is not an outage.`;

describe("k8s-min-replicas", () => {
  it("passes 2 replicas", () => {
    expect(runStack(policy, [dep(deployment())])).toEqual([]);
  });
  it("reports 1 replica", () => {
    expect(runStack(policy, [dep(deployment("api", "blue", 1))])).toEqual([msg("api-blue", 1)]);
  });
  it("counts unset replicas as 1 when no autoscaler owns the count", () => {
    expect(runStack(policy, [dep(mutate(deployment(), (d: any) => delete d.spec.replicas))])).toEqual([msg("api-blue", 1)]);
  });
  it("uses the HPA's minReplicas when one targets the Deployment (HPA-managed slots omit replicas)", () => {
    const managed = dep(mutate(deployment(), (d: any) => delete d.spec.replicas));
    expect(runStack(policy, [managed, hpa("api-blue", 2)])).toEqual([]);
    expect(runStack(policy, [managed, hpa("api-blue", 1)])).toEqual([msg("api-blue", 1, 2, "api-blue")]);
    expect(runStack(policy, [managed, hpa("api-blue")])).toEqual([msg("api-blue", 1, 2, "api-blue")]);
    expect(runStack(policy, [managed, hpa("other", 3)])).toEqual([msg("api-blue", 1)]);
  });
  it("allows a parked idle slot at exactly 0, but not a slotless Deployment at 0", () => {
    expect(runStack(policy, [dep(deployment("api", "green", 0))])).toEqual([]);
    expect(runStack(policy, [dep(mutate(deployment("api", "green", 0), noSlot))])).toEqual([msg("api-green", 0)]);
  });
  it("exempts workers by either label", () => {
    const role = mutate(deployment("jobs", "blue", 1), (d: any) => (d.metadata.labels["gantry.dev/role"] = "worker"));
    const component = mutate(
      deployment("jobs", "blue", 1),
      (d: any) => (d.metadata.labels["app.kubernetes.io/component"] = "worker"),
    );
    expect(runStack(policy, [dep(role)])).toBeNull();
    expect(runStack(policy, [dep(component), dep(deployment())])).toEqual([]);
  });
  it("uses staging's minimum of 1", () => {
    const config = propsIn(policy.name, "staging");
    expect(config).toEqual({ minReplicas: 1 });
    expect(runStack(policy, [dep(deployment("api", "blue", 1))], config)).toEqual([]);
    expect(runStack(policy, [dep(mutate(deployment("api", "blue", 0), noSlot))], config)).toEqual([msg("api-blue", 0, 1)]);
  });
  it("is mandatory everywhere (2 in production, 1 in staging)", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
    expect(propsIn(policy.name, "production")).toEqual({ minReplicas: 2 });
  });
});
