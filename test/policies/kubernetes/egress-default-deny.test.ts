import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { k8sEgressDefaultDeny as policy } from "../../../policies/rules/kubernetes/egress-default-deny";
import { levels, runStack, type StackFixture } from "../harness";
import { deployment } from "../fixtures";

const netpol = (name: string, spec: Record<string, unknown>, namespace = "gantry"): StackFixture => ({
  type: T.networkPolicy,
  name,
  props: { metadata: { name, namespace }, spec },
});
const deny = netpol("default-deny-egress", { podSelector: {}, policyTypes: ["Egress"] });
const api: StackFixture = { type: T.deployment, name: "api-blue", props: deployment() };
const allow = (to: unknown[]) =>
  netpol("egress-api", {
    podSelector: { matchLabels: { app: "api" } },
    policyTypes: ["Egress"],
    egress: [{ to, ports: [{ port: 443 }] }],
  });
const NO_DENY =
  'Namespace "gantry" runs workloads without a default-deny egress NetworkPolicy: add one selecting every pod (podSelector: {}) with policyTypes [Egress] and no rules, then explicit allows.';
const meta = (hits: string) =>
  `NetworkPolicy "egress-api" admits the cloud metadata endpoint ${hits}: name a destination and add it to the ipBlock's except (e.g. 169.254.169.254/32).`;

describe("k8s-egress-default-deny", () => {
  it("passes with a default deny and allows that except the metadata endpoint", () => {
    const wide = allow([
      { ipBlock: { cidr: "0.0.0.0/0", except: ["169.254.169.254/32"] } },
      { ipBlock: { cidr: "::/0", except: ["fd00:ec2::254/128"] } },
      { ipBlock: { cidr: "203.0.113.0/24" } },
      { podSelector: { matchLabels: { db: "x" } } },
    ]);
    expect(runStack(policy, [api, deny, wide])).toEqual([]);
  });
  it("reports a namespace whose workloads have no default deny", () => {
    expect(runStack(policy, [api])).toEqual([NO_DENY]);
  });
  it("does not count an ingress-only or a pod-scoped policy as the default deny", () => {
    const ingressOnly = netpol("deny", { podSelector: {}, policyTypes: ["Ingress"] });
    const scoped = netpol("deny", { podSelector: { matchLabels: { app: "api" } }, policyTypes: ["Egress"] });
    const withRule = netpol("deny", { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ podSelector: {} }] }] });
    for (const p of [ingressOnly, scoped, withRule]) expect(runStack(policy, [api, p])).toEqual([NO_DENY]);
  });
  it("does not count another namespace's default deny", () => {
    expect(runStack(policy, [api, netpol("default-deny-egress", { podSelector: {}, policyTypes: ["Egress"] }, "other")])).toEqual(
      [NO_DENY],
    );
  });
  it("reports an ipBlock that contains the metadata endpoint without except", () => {
    expect(runStack(policy, [api, deny, allow([{ ipBlock: { cidr: "0.0.0.0/0" } }])])).toEqual([meta("169.254.169.254")]);
    expect(runStack(policy, [api, deny, allow([{ ipBlock: { cidr: "169.254.0.0/16", except: ["169.254.1.0/24"] } }])])).toEqual([
      meta("169.254.169.254"),
    ]);
    expect(runStack(policy, [api, deny, allow([{ ipBlock: { cidr: "fd00::/8" } }])])).toEqual([meta("fd00:ec2::254")]);
  });
  it("reports a rule with no destination (it admits everything)", () => {
    expect(runStack(policy, [api, deny, allow([])])).toEqual([meta("169.254.169.254, fd00:ec2::254")]);
  });
  it("is not applicable to a stack with no workload and no NetworkPolicy", () => {
    expect(runStack(policy, [])).toBeNull();
  });
  it("is mandatory in production, advisory in staging", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "advisory" });
  });
});
