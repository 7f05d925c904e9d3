import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { k8sPdb as policy } from "../../../policies/rules/kubernetes/pdb";
import { levels, runStack, type StackFixture } from "../harness";
import { deployment } from "../fixtures";

const pdb = (selector: unknown, namespace = "gantry"): StackFixture => ({
  type: T.pdb,
  name: "api-pdb",
  props: { metadata: { name: "api", namespace }, spec: { maxUnavailable: 1, selector } },
});
const blue: StackFixture = { type: T.deployment, name: "api-blue", props: deployment("api", "blue", 2) };
const MSG = 'Deployment "api-blue" (gantry/api-blue) runs up to 2 replicas but no PodDisruptionBudget selects its pods.';

describe("k8s-pdb", () => {
  it("passes a PDB whose matchLabels are a subset of the pod labels", () => {
    expect(runStack(policy, [blue, pdb({ matchLabels: { "app.kubernetes.io/name": "api" } })])).toEqual([]);
  });
  it("supports matchExpressions", () => {
    const sel = { matchExpressions: [{ key: "gantry.dev/slot", operator: "In", values: ["blue", "green"] }] };
    expect(runStack(policy, [blue, pdb(sel)])).toEqual([]);
    const wrong = { matchExpressions: [{ key: "gantry.dev/slot", operator: "NotIn", values: ["blue"] }] };
    expect(runStack(policy, [blue, pdb(wrong)])).toEqual([MSG]);
  });
  it("reports a workload without a PDB", () => {
    expect(runStack(policy, [blue])).toEqual([MSG]);
  });
  it("reports a PDB whose selector asks for a label the pods lack", () => {
    expect(runStack(policy, [blue, pdb({ matchLabels: { "app.kubernetes.io/name": "api", tier: "web" } })])).toEqual([MSG]);
  });
  it("reports a PDB in another namespace", () => {
    expect(runStack(policy, [blue, pdb({ matchLabels: { "app.kubernetes.io/name": "api" } }, "other")])).toEqual([MSG]);
  });
  it("skips single-replica workloads", () => {
    expect(runStack(policy, [{ ...blue, props: deployment("api", "blue", 1) }])).toBeNull();
  });
  it("counts an HPA's maxReplicas for autoscaled workloads", () => {
    const managed = { ...blue, props: deployment("api", "blue", 1) };
    delete managed.props.spec.replicas;
    const hpa: StackFixture = {
      type: T.hpa,
      name: "api-blue-hpa",
      props: {
        metadata: { name: "api-blue", namespace: "gantry" },
        spec: { scaleTargetRef: { kind: "Deployment", name: "api-blue" }, minReplicas: 1, maxReplicas: 6 },
      },
    };
    expect(runStack(policy, [managed, hpa])).toEqual([
      'Deployment "api-blue" (gantry/api-blue) runs up to 6 replicas but no PodDisruptionBudget selects its pods.',
    ]);
    expect(runStack(policy, [managed, hpa, pdb({ matchLabels: { "app.kubernetes.io/name": "api" } })])).toEqual([]);
  });
  it("is mandatory in production, advisory in staging", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "advisory" });
  });
});
