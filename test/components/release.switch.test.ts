// The whole release of one app (web + worker + route + migrations) as pure plans: the switch,
// deploy and rollback measures of DESIGN.md, checked as object-level diffs.
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { planRoute, resolveRouteArgs, routeTargetOf } from "../../components/gateway";
import { planMigration, resolveMigrationArgs } from "../../components/migration";
import type { ReleaseState } from "../../components/release";
import { type ReleasedServiceArgs, planService, resolveServiceArgs } from "../../components/service";

const common = {
  namespace: "shop",
  environment: "production" as const,
  replicas: 3,
  resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
  secretEnv: { DATABASE_URL: { name: "app-db", key: "url" } },
};
const V1 = "ghcr.io/acme/app:1.0.0";
const V2 = "ghcr.io/acme/app:1.1.0";
const V3 = "ghcr.io/acme/app:1.2.0";

/** Every object of the app for a release state, keyed `<component>/<role>`. */
function system(release: ReleaseState): Map<string, unknown> {
  const web: ReleasedServiceArgs = {
    ...common,
    kind: "web",
    release,
    ingressFrom: { namespace: "gateway" },
    hpa: { maxReplicas: 9, targetCpuPercent: 70 },
  };
  const worker: ReleasedServiceArgs = {
    ...common,
    kind: "worker",
    release: { active: release.active, images: release.images },
    exclusive: true,
  };
  const rweb = resolveServiceArgs("app", web);
  const out = new Map<string, unknown>();
  for (const o of planService(rweb)) out.set(`app/${o.role}`, o.object);
  for (const o of planService(resolveServiceArgs("worker", worker))) out.set(`worker/${o.role}`, o.object);
  const route = resolveRouteArgs({
    namespace: "shop",
    target: routeTargetOf(rweb),
    gateway: { name: "edge", namespace: "gateway", sectionName: "https" },
    hostnames: ["shop.example.com"],
  });
  for (const o of planRoute(route)) out.set(`route/${o.role}`, o.object);
  for (const j of planMigration(resolveMigrationArgs({ service: { resolved: rweb }, command: ["migrate"] })))
    out.set(`job/${j.name}`, j.object);
  return out;
}

function diff(a: Map<string, unknown>, b: Map<string, unknown>) {
  return {
    added: [...b.keys()].filter((k) => !a.has(k)).sort(),
    removed: [...a.keys()].filter((k) => !b.has(k)).sort(),
    changed: [...b.keys()].filter((k) => a.has(k) && !isDeepStrictEqual(a.get(k), b.get(k))).sort(),
  };
}

describe("release of a whole app", () => {
  const blueLive: ReleaseState = { active: "blue", images: { blue: V1, green: V2 } };

  it("switch: exactly the HTTPRoute and the worker replica counts change; nothing added or removed", () => {
    expect(diff(system(blueLive), system({ ...blueLive, active: "green" }))).toEqual({
      added: [],
      removed: [],
      changed: ["route/route", "worker/deploy-blue", "worker/deploy-green"],
    });
  });

  it("rollback is the mirror of the switch", () => {
    expect(diff(system({ ...blueLive, active: "green" }), system(blueLive))).toEqual({
      added: [],
      removed: [],
      changed: ["route/route", "worker/deploy-blue", "worker/deploy-green"],
    });
  });

  it("deploy to the idle colour: idle Deployments change, the new image's Job replaces the old idle one, the route's preview stays", () => {
    const d = diff(system(blueLive), system({ ...blueLive, images: { blue: V1, green: V3 } }));
    expect(d.changed).toEqual(["app/deploy-green", "worker/deploy-green"]);
    expect(d.added).toHaveLength(1);
    expect(d.added[0]).toMatch(/^job\/app-migrate-[0-9a-f]{10}$/);
    expect(d.removed).toHaveLength(1);
    expect(d.removed[0]).toMatch(/^job\/app-migrate-/);
  });

  it("canary: only the HTTPRoute changes", () => {
    expect(diff(system(blueLive), system({ ...blueLive, canaryWeight: 10 }))).toEqual({
      added: [],
      removed: [],
      changed: ["route/route"],
    });
  });
});
