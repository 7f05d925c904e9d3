// Egress of production on the in-cluster data tier, with one external API from config.
import { beforeAll, describe, expect, it } from "vitest";
import { metadataIn } from "../../components/common/network";
import type { Plan } from "../../src/plan/run";
import { mandatoryUnlessDrillPending } from "../helpers/drill-pending";
import { ofType, planStack } from "./harness";

const NP = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
let plan: Plan;
beforeAll(async () => {
  plan = await planStack("production", [
    "dataTier=in-cluster",
    'network.egress=[{"name":"payments","cidrs":["203.0.113.0/24"],"ports":[443]}]',
  ]);
}, 60_000);

const egress = () => ofType(plan, NP).filter((r) => (r.inputs.spec as any).policyTypes.includes("Egress"));
const byName = (n: string) => egress().find((r) => (r.inputs.metadata as any).name === n)!.inputs.spec as any;

describe("production (in-cluster) egress", () => {
  it("denies all egress in the namespace, then allows exactly the paths the stack uses", () => {
    expect(byName("default-deny-egress")).toEqual({ podSelector: {}, policyTypes: ["Egress"] });
    expect(
      egress()
        .map((r) => (r.inputs.metadata as any).name)
        .sort(),
    ).toEqual([
      "default-deny-egress",
      "egress-app-payments",
      "egress-dns",
      "egress-gateway-app",
      "egress-gateway-controller",
      "egress-postgres-apiserver",
      "egress-postgres-clients",
      "egress-postgres-objectstore",
      "egress-postgres-peers",
      "egress-redis-clients",
      "egress-redis-peers",
      "egress-worker-payments",
    ]);
    for (const r of egress()) expect((r.inputs.metadata as any).namespace).toBe("gantry-production");
  });

  it("sends database clients to the CNPG pods only, and Redis clients to Redis and Sentinel", () => {
    expect(byName("egress-postgres-clients")).toMatchObject({
      podSelector: { matchLabels: { "gantry.dev/db-client": "true" } },
      egress: [{ to: [{ podSelector: { matchLabels: { "cnpg.io/cluster": "db" } } }], ports: [{ port: 5432, protocol: "TCP" }] }],
    });
    expect(byName("egress-redis-clients").egress[0].ports.map((p: any) => p.port)).toEqual([6379, 26379]);
    expect(byName("egress-postgres-peers").egress[0].ports.map((p: any) => p.port)).toEqual([5432, 8000]);
  });

  it("lets DNS through to kube-dns on UDP and TCP 53", () => {
    expect(byName("egress-dns").egress[0]).toEqual({
      to: [
        {
          namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
          podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
        },
      ],
      ports: [
        { port: 53, protocol: "UDP" },
        { port: 53, protocol: "TCP" },
      ],
    });
  });

  it("gives the app and worker the configured API, on its port only", () => {
    expect(byName("egress-app-payments")).toMatchObject({
      podSelector: { matchLabels: { "app.kubernetes.io/name": "app" } },
      egress: [{ to: [{ ipBlock: { cidr: "203.0.113.0/24" } }], ports: [{ port: 443, protocol: "TCP" }] }],
    });
    expect(byName("egress-worker-payments").podSelector).toEqual({ matchLabels: { "app.kubernetes.io/name": "worker" } });
  });

  it("never admits the metadata endpoint: every wide ipBlock carries it in except", () => {
    const blocks = egress().flatMap((r) =>
      ((r.inputs.spec as any).egress ?? []).flatMap((e: any) => e.to.map((t: any) => t.ipBlock)),
    );
    const wide = blocks.filter((b: any) => b && metadataIn(b.cidr).length > 0);
    expect(wide.map((b: any) => [b.cidr, b.except])).toEqual([
      ["0.0.0.0/0", ["169.254.169.254/32"]],
      ["::/0", ["fd00:ec2::254/128"]],
      ["0.0.0.0/0", ["169.254.169.254/32"]],
      ["::/0", ["fd00:ec2::254/128"]],
    ]);
  });

  it("has no egress policy violation", () => {
    expect(plan.policies.filter((v) => v.policyName === "k8s-egress-default-deny")).toEqual([]);
    // backup-restore-drill waits for B1's drill CronJob (see the helper).
    expect(mandatoryUnlessDrillPending(plan)).toEqual([]);
  });
});
