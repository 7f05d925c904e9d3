// Egress of production on the in-cluster data tier, with one external API from config.
import { beforeAll, describe, expect, it } from "vitest";
import { metadataIn } from "../../components/common/network";
import type { Plan } from "../../src/plan/run";
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
      "egress-drill-objectstore",
      "egress-drill-pushgateway",
      "egress-gateway-app",
      "egress-gateway-controller",
      "egress-postgres-apiserver",
      "egress-postgres-clients",
      "egress-postgres-objectstore",
      "egress-postgres-peers",
      "egress-redis-backup-objectstore",
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
    // Object store (WAL, drill, Redis copy) and the API server: S3 and the API have no fixed range.
    expect(wide).toHaveLength(8);
    for (const w of wide) expect(w.except).toEqual(w.cidr === "::/0" ? ["fd00:ec2::254/128"] : ["169.254.169.254/32"]);
  });

  it("has no egress policy violation", () => {
    expect(plan.policies.filter((v) => v.policyName === "k8s-egress-default-deny")).toEqual([]);
    expect(plan.policies.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
  });
});

describe("production (in-cluster) backup jobs' egress", () => {
  it("lets the restore drill reach the object store and its Pushgateway, and the Redis copy the object store", () => {
    expect(byName("egress-drill-objectstore").podSelector).toEqual({ matchLabels: { "gantry.dev/component": "backup-drill" } });
    expect(byName("egress-drill-objectstore").egress[0].ports).toEqual([{ port: 443, protocol: "TCP" }]);
    // http://pushgateway.monitoring.svc:9091: the monitoring namespace, port 9091 only.
    expect(byName("egress-drill-pushgateway").egress).toEqual([
      {
        to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }],
        ports: [{ port: 9091, protocol: "TCP" }],
      },
    ]);
    expect(byName("egress-redis-backup-objectstore").podSelector).toEqual({
      matchLabels: { "gantry.dev/component": "redis-backup" },
    });
    // The drill and copy pods carry the labels these allows select.
    const pods = ofType(plan, "kubernetes:batch/v1:CronJob").map(
      (r) => (r.inputs.spec as any).jobTemplate.spec.template.metadata.labels["gantry.dev/component"],
    );
    expect(pods).toEqual(expect.arrayContaining(["backup-drill", "redis-backup"]));
  });
});
