// Production (managed): credentials as files, egress to the data subnets only, AWS hardening.
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan, PlanResource } from "../../src/plan/run";
import { mandatory, named, ofType, planStack } from "./harness";

let plan: Plan;
beforeAll(async () => {
  plan = await planStack("production");
}, 60_000);

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const JOB = "kubernetes:batch/v1:Job";
const NP = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const podSpec = (r: PlanResource) => (r.inputs.spec as any).template.spec;
const appPods = () =>
  [...ofType(plan, DEPLOYMENT).filter((d) => /^(app|worker)-/.test(d.name)), ...ofType(plan, JOB)].map(podSpec);

describe("production credentials as files", () => {
  it("puts no secretKeyRef in any app, worker or migration container", () => {
    const pods = appPods();
    expect(pods.length).toBe(6); // app and worker × 2 colours, one migration Job per release image
    for (const spec of pods)
      for (const c of spec.containers) expect((c.env ?? []).filter((e: any) => e.valueFrom?.secretKeyRef)).toEqual([]);
  });

  it("points the app at read-only 0400 files with *_FILE variables", () => {
    const spec = podSpec(named(plan, DEPLOYMENT, "app-deploy-blue"));
    const env = Object.fromEntries(spec.containers[0].env.map((e: any) => [e.name, e.value]));
    expect(env).toMatchObject({
      DATABASE_URL_FILE: "/var/run/secrets/gantry/DATABASE_URL",
      REDIS_URL_FILE: "/var/run/secrets/gantry/REDIS_URL",
      REDIS_PASSWORD_FILE: "/var/run/secrets/gantry/REDIS_PASSWORD",
    });
    expect(env).not.toHaveProperty("DATABASE_URL");
    expect(spec.containers[0].volumeMounts).toContainEqual({
      name: "credentials",
      mountPath: "/var/run/secrets/gantry",
      readOnly: true,
    });
    const vol = spec.volumes.find((v: any) => v.name === "credentials");
    expect(vol.projected.defaultMode).toBe(0o400);
    expect(vol.projected.sources.map((s: any) => s.secret.items[0].path)).toEqual([
      "DATABASE_URL",
      "REDIS_PASSWORD",
      "REDIS_URL",
    ]);
  });

  it("gives the migration Job the database URL file only", () => {
    for (const job of ofType(plan, JOB)) {
      const spec = podSpec(job);
      expect(spec.containers[0].env.filter((e: any) => e.name.endsWith("_FILE")).map((e: any) => e.name)).toEqual([
        "DATABASE_URL_FILE",
      ]);
      const vol = spec.volumes.find((v: any) => v.name === "credentials");
      expect(vol.projected.sources.map((s: any) => s.secret.items[0].path)).toEqual(["DATABASE_URL"]);
    }
  });
});

describe("production (managed) egress", () => {
  const spec = (n: string) => ofType(plan, NP).find((r) => (r.inputs.metadata as any).name === n)!.inputs.spec as any;
  it("sends database and Redis clients to the configured data CIDR only, on 5432 and 6379", () => {
    expect(spec("egress-postgres-clients").egress).toEqual([
      { to: [{ ipBlock: { cidr: "10.20.0.0/16" } }], ports: [{ port: 5432, protocol: "TCP" }] },
    ]);
    expect(spec("egress-redis-clients").egress).toEqual([
      { to: [{ ipBlock: { cidr: "10.20.0.0/16" } }], ports: [{ port: 6379, protocol: "TCP" }] },
    ]);
  });
  it("creates no in-cluster peer allows on the managed tier", () => {
    const names = ofType(plan, NP).map((r) => (r.inputs.metadata as any).name);
    expect(names).toContain("default-deny-egress");
    expect(names.filter((n) => n.endsWith("-peers") || n.includes("apiserver"))).toEqual([]);
  });
  it("has no mandatory violation", () => {
    expect(mandatory(plan)).toEqual([]);
  });
});
