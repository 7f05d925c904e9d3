import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { k8sNoLoadBalancer as policy } from "../../../policies/rules/kubernetes/no-load-balancer";
import { levels, mutate, runResource } from "../harness";

const service = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "api-blue", namespace: "gantry" },
  spec: { type: "ClusterIP", selector: { "app.kubernetes.io/name": "api" }, ports: [{ port: 80, targetPort: 8080 }] },
};
const lb = mutate(service, (s: any) => (s.spec.type = "LoadBalancer"));
const MSG =
  'spec.type is LoadBalancer: use ClusterIP behind the gateway, or label the gateway\'s Service gantry.dev/gateway: "true".';

describe("k8s-no-load-balancer", () => {
  it("passes ClusterIP Services", () => {
    expect(runResource(policy, T.service, service)).toEqual([]);
  });
  it("reports a LoadBalancer Service", () => {
    expect(runResource(policy, T.service, lb)).toEqual([MSG]);
  });
  it("allows the gateway's Service by label", () => {
    expect(
      runResource(
        policy,
        T.service,
        mutate(lb, (s: any) => (s.metadata.labels = { "gantry.dev/gateway": "true" })),
      ),
    ).toEqual([]);
    expect(
      runResource(
        policy,
        T.service,
        mutate(lb, (s: any) => (s.metadata.labels = { "gantry.dev/gateway": "false" })),
      ),
    ).toEqual([MSG]);
  });
  it("allows Services named in allowedLoadBalancers (name or namespace/name)", () => {
    expect(runResource(policy, T.service, lb, { config: { allowedLoadBalancers: ["api-blue"] } })).toEqual([]);
    expect(runResource(policy, T.service, lb, { config: { allowedLoadBalancers: ["gantry/api-blue"] } })).toEqual([]);
    expect(runResource(policy, T.service, lb, { config: { allowedLoadBalancers: ["other/api-blue"] } })).toEqual([MSG]);
  });
  it("is mandatory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
  });
});
