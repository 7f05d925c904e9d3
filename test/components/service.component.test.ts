// ReleasedService under the recording mock runtime: what the engine would receive.
import { beforeAll, describe, expect, it } from "vitest";
import { schemaErrors } from "../helpers/k8s-schema";
import { type Capture, one, plain, startCapture } from "../helpers/pulumi";

let cap: Capture;
let mod: typeof import("../../components/service");
let svc: InstanceType<typeof mod.ReleasedService>;

const base = {
  namespace: "shop",
  environment: "production" as const,
  replicas: 2,
  resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
  secretEnv: { DATABASE_URL: { name: "app-db", key: "url" } },
};

beforeAll(async () => {
  cap = await startCapture({ stack: "service" });
  mod = await import("../../components/service");
  svc = new mod.ReleasedService("app", {
    ...base,
    kind: "web",
    release: { active: "blue", images: { blue: "app:1", green: "app:2" } },
    ingressFrom: { namespace: "gateway" },
  });
  new mod.ReleasedService("jobs", {
    ...base,
    kind: "worker",
    exclusive: true,
    release: { active: "green", images: { blue: "app:1", green: "app:2" } },
  });
  await cap.settle();
});

describe("ReleasedService", () => {
  it("registers the component with its token and parents every child to it", () => {
    const comp = one(cap, "gantry:release:Service", "app");
    const children = cap.resources().filter((r) => r.parent === comp.urn);
    expect(children.map((c) => `${c.type} ${c.name}`).sort()).toEqual([
      "kubernetes:apps/v1:Deployment app-deploy-blue",
      "kubernetes:apps/v1:Deployment app-deploy-green",
      "kubernetes:core/v1:Service app-svc-blue",
      "kubernetes:core/v1:Service app-svc-green",
      "kubernetes:core/v1:ServiceAccount app-sa",
      "kubernetes:networking.k8s.io/v1:NetworkPolicy app-netpol",
      "kubernetes:policy/v1:PodDisruptionBudget app-pdb-blue",
      "kubernetes:policy/v1:PodDisruptionBudget app-pdb-green",
    ]);
  });

  it("exposes slot names as outputs", () => {
    expect(svc.serviceNames).toEqual({ blue: "app-blue", green: "app-green" });
    expect(svc.activeService).toBe("app-blue");
    expect(svc.idleService).toBe("app-green");
    expect(svc.deploymentNames).toEqual({ blue: "app-blue", green: "app-green" });
  });

  it("sends what the engine sees through the Kubernetes schema", async () => {
    const k8sObjects = cap.resources().filter((r) => r.type.startsWith("kubernetes:"));
    expect(k8sObjects.length).toBeGreaterThan(10);
    for (const r of k8sObjects) expect(await schemaErrors(plain(r)), r.name).toEqual([]);
  });

  it("orders an exclusive worker: the active (green) Deployment depends on the idle (blue) one", () => {
    const blue = one(cap, "kubernetes:apps/v1:Deployment", "jobs-deploy-blue");
    const green = one(cap, "kubernetes:apps/v1:Deployment", "jobs-deploy-green");
    expect(green.dependsOn).toContain(blue.urn);
    expect(blue.dependsOn).not.toContain(green.urn);
    expect(plain(blue).spec.replicas).toBe(0);
    expect(plain(green).spec.replicas).toBe(2);
  });

  it("refuses invalid args before creating any child, listing every problem", async () => {
    const before = cap.resources().length;
    expect(
      () =>
        new mod.ReleasedService("bad", {
          ...base,
          kind: "web",
          replicas: 1,
          release: { active: "green", images: { blue: "app:1" } },
        }),
    ).toThrow(/release\.images\.green[\s\S]*ingressFrom|ingressFrom[\s\S]*release\.images\.green/);
    await cap.settle();
    expect(cap.resources().filter((r) => r.name.startsWith("bad-"))).toEqual([]);
    expect(cap.resources().length - before).toBeLessThanOrEqual(1);
  });
});
