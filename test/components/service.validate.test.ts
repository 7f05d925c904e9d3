import { describe, expect, it } from "vitest";
import { type ReleasedServiceArgs, resolveServiceArgs, validateServiceArgs } from "../../components/service";

const WEB: ReleasedServiceArgs = {
  kind: "web",
  namespace: "shop",
  environment: "staging",
  release: { active: "blue", images: { blue: "app:1" } },
  replicas: 2,
  resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
  ingressFrom: { namespace: "gateway" },
};
const paths = (a: ReleasedServiceArgs, name = "app") =>
  validateServiceArgs(resolveServiceArgs(name, a))
    .map((p) => p.path)
    .sort();

describe("resolveServiceArgs", () => {
  it("keeps an explicit 0 (?? not ||) and derives the grace period from the preStop sleep", () => {
    const r = resolveServiceArgs("app", { ...WEB, preStopSeconds: 0, replicas: 0 });
    expect(r.preStopSeconds).toBe(0);
    expect(r.terminationGraceSeconds).toBe(30);
    expect(resolveServiceArgs("app", WEB)).toMatchObject({
      port: 8080,
      preStopSeconds: 10,
      terminationGraceSeconds: 40,
      imagePullPolicy: "IfNotPresent",
    });
  });
});

describe("validateServiceArgs", () => {
  it("accepts a valid web service", () => expect(paths(WEB)).toEqual([]));
  it("names every problem by path, all at once", () => {
    expect(
      paths({
        ...WEB,
        kind: "worker",
        release: { active: "green", images: { blue: "app:1" } },
        hpa: { maxReplicas: 1, targetCpuPercent: 0 },
        port: 70000,
        preStopSeconds: 20,
        terminationGraceSeconds: 15,
        env: { GANTRY_SLOT: "x", "bad name": "y", DATABASE_URL: "z" },
        secretEnv: { DATABASE_URL: { name: "db", key: "url" } },
        podLabels: { "gantry.dev/slot": "blue" },
      }),
    ).toEqual([
      "env.DATABASE_URL",
      "env.GANTRY_SLOT",
      "env.bad name",
      "hpa",
      "hpa.maxReplicas",
      "hpa.targetCpuPercent",
      "podLabels.gantry.dev/slot",
      "port",
      "release.images.green",
      "terminationGraceSeconds",
    ]);
  });
  it("requires ingressFrom for web, two replicas for production web, and a DNS-label name", () => {
    expect(paths({ ...WEB, ingressFrom: undefined })).toEqual(["ingressFrom"]);
    expect(paths({ ...WEB, environment: "production", replicas: 1 })).toEqual(["replicas"]);
    expect(paths(WEB, "App_1")).toEqual(["name"]);
  });
  it("refuses exclusive on web and an HPA ceiling below replicas", () => {
    expect(paths({ ...WEB, exclusive: true, hpa: { maxReplicas: 1, targetCpuPercent: 70 } })).toEqual([
      "exclusive",
      "hpa.maxReplicas",
    ]);
  });
  it("surfaces release rules with their release.* path", () => {
    expect(
      paths({ ...WEB, release: { active: "blue", images: { blue: "app:1", green: "app:2" }, migration: "contract" } }),
    ).toEqual(["release.migration"]);
  });
});
