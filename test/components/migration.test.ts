// Migration Jobs: naming by image hash, stability across switch/deploy, shape, and ordering
// before traffic moves.
import { isDeepStrictEqual } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { type Capture, ofType, one, plain, startCapture } from "../helpers/pulumi";
import { schemaErrors } from "../helpers/k8s-schema";
import type { ReleaseState } from "../../components/release";
import type { ReleasedServiceArgs } from "../../components/service";

let cap: Capture;
let m: typeof import("../../components/migration");
let svcMod: typeof import("../../components/service");
let release: typeof import("../../components/release");

const ARGS: ReleasedServiceArgs = {
  kind: "web",
  namespace: "shop",
  environment: "staging",
  replicas: 2,
  release: { active: "blue", images: { blue: "ghcr.io/acme/app:1.0.0", green: "ghcr.io/acme/app:1.1.0" } },
  resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
  secretEnv: { DATABASE_URL: { name: "app-db", key: "url" }, REDIS_PASSWORD: { name: "app-redis", key: "password" } },
  env: { LOG_LEVEL: "info" },
  podLabels: { "gantry.dev/db-client": "true", "gantry.dev/redis-client": "true" },
  ingressFrom: { namespace: "gateway" },
};

beforeAll(async () => {
  cap = await startCapture({ stack: "migration" });
  m = await import("../../components/migration");
  svcMod = await import("../../components/service");
  release = await import("../../components/release");
  const service = new svcMod.ReleasedService("app", ARGS);
  const mig = new m.Migration("app-migrations", {
    service,
    command: ["npm", "run", "migrate"],
    podLabels: { "gantry.dev/db-client": "true" },
  });
  const gw = await import("../../components/gateway");
  new gw.ServiceRoute("app", {
    namespace: "shop",
    target: gw.routeTargetOf(service.resolved),
    gateway: { name: "edge", namespace: "gateway", sectionName: "https" },
    hostnames: ["shop.example.com"],
    migrations: mig.jobs,
  });
  await cap.settle();
});

function jobs(rel: Partial<ReleaseState> = {}) {
  const resolved = svcMod.resolveServiceArgs("app", { ...ARGS, release: { ...ARGS.release, ...rel } });
  return m.planMigration(m.resolveMigrationArgs({ service: { resolved }, command: ["migrate"] }));
}

describe("Migration plan", () => {
  it("has one expand Job per image, named <svc>-migrate-<hash of the image>", () => {
    expect(
      jobs()
        .map((j) => j.name)
        .sort(),
    ).toEqual(
      [
        release.migrationJobName("app", "ghcr.io/acme/app:1.0.0"),
        release.migrationJobName("app", "ghcr.io/acme/app:1.1.0"),
      ].sort(),
    );
    expect(jobs().every((j) => (j.object as any).metadata.annotations[m.MODE_ANNOTATION] === "expand")).toBe(true);
  });

  it("switching changes no Job", () => {
    expect(jobs({ active: "green" })).toEqual(jobs({ active: "blue" }));
  });

  it("deploying a new idle image adds a new Job name and leaves the active image's Job untouched", () => {
    const before = jobs();
    const after = jobs({ images: { blue: "ghcr.io/acme/app:1.0.0", green: "ghcr.io/acme/app:1.2.0" } });
    const activeJob = release.migrationJobName("app", "ghcr.io/acme/app:1.0.0");
    expect(
      isDeepStrictEqual(
        after.find((j) => j.name === activeJob),
        before.find((j) => j.name === activeJob),
      ),
    ).toBe(true);
    expect(after.map((j) => j.name)).toContain(release.migrationJobName("app", "ghcr.io/acme/app:1.2.0"));
    expect(after.map((j) => j.name)).not.toContain(release.migrationJobName("app", "ghcr.io/acme/app:1.1.0"));
  });

  it("one Job when both colours run the same image", () => {
    expect(jobs({ images: { blue: "ghcr.io/acme/app:1.0.0", green: "ghcr.io/acme/app:1.0.0" } })).toHaveLength(1);
  });

  it("adds a contract Job for the active image, annotated contract, under its own name", () => {
    const planned = jobs({ migration: "contract", idleReplicas: 0 });
    const contract = planned.filter((j) => j.mode === "contract");
    expect(contract.map((j) => j.name)).toEqual([release.contractJobName("app", "ghcr.io/acme/app:1.0.0")]);
    expect((contract[0]!.object as any).metadata.annotations).toEqual({ [m.MODE_ANNOTATION]: "contract" });
    expect((contract[0]!.object as any).spec.template.spec.containers[0].env).toContainEqual({
      name: "GANTRY_MIGRATION_MODE",
      value: "contract",
    });
  });
});

describe("Migration component", () => {
  it("runs as its own ServiceAccount, which mounts no token", () => {
    const sa = plain(one(cap, "kubernetes:core/v1:ServiceAccount", "app-migrations-sa"));
    expect(sa.metadata).toMatchObject({ name: "app-migrate", namespace: "shop" });
    expect(sa.automountServiceAccountToken).toBe(false);
  });

  it("refuses a secret the service does not have", () => {
    const resolved = svcMod.resolveServiceArgs("app", ARGS);
    const r = m.resolveMigrationArgs({ service: { resolved }, command: ["migrate"], secretEnv: ["NOPE"] });
    expect(m.validateMigrationArgs(r)).toEqual([{ path: "secretEnv", message: "NOPE is not in the service's secretEnv" }]);
  });

  it("runs the command with the image and DATABASE_URL only, never restarting in place", () => {
    const job = plain(
      one(cap, "kubernetes:batch/v1:Job", `app-migrations-${release.migrationJobName("app", "ghcr.io/acme/app:1.1.0")}`),
    );
    expect(job.metadata.name).toBe(release.migrationJobName("app", "ghcr.io/acme/app:1.1.0"));
    const pod = job.spec.template.spec;
    const c = pod.containers[0];
    expect(c.image).toBe("ghcr.io/acme/app:1.1.0");
    expect(c.command).toEqual(["npm", "run", "migrate"]);
    expect(c.env).toContainEqual({ name: "DATABASE_URL", valueFrom: { secretKeyRef: { name: "app-db", key: "url" } } });
    // Least privilege: no Redis password, none of the service's plain settings, no slot.
    expect(c.env.map((e: any) => e.name)).toEqual(["DATABASE_URL", "GANTRY_IMAGE", "GANTRY_MIGRATION_MODE"]);
    expect(c.securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
    expect(pod.restartPolicy).toBe("Never");
    expect(pod.serviceAccountName).toBe("app-migrate");
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(job.spec.backoffLimit).toBe(1);
    expect(job.spec).not.toHaveProperty("ttlSecondsAfterFinished");
    expect(job.spec.template.metadata.labels).toMatchObject({ "gantry.dev/db-client": "true" });
    // The Redis NetworkPolicy admits pods by this label: a migration must not carry it.
    expect(job.spec.template.metadata.labels).not.toHaveProperty("gantry.dev/redis-client");
    expect(job.spec.template.metadata.labels).not.toHaveProperty("gantry.dev/slot");
  });

  it("the HTTPRoute waits for every migration Job", () => {
    const route = one(cap, "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute", "app-route");
    const jobUrns = ofType(cap, "kubernetes:batch/v1:Job").map((j) => j.urn);
    expect(jobUrns).toHaveLength(2);
    for (const urn of jobUrns) expect(route.dependsOn).toContain(urn);
  });

  it("Jobs validate against the Kubernetes schema", async () => {
    for (const j of ofType(cap, "kubernetes:batch/v1:Job")) expect(await schemaErrors(plain(j))).toEqual([]);
  });

  it("validation names each problem", () => {
    const r = m.resolveMigrationArgs({
      service: { resolved: svcMod.resolveServiceArgs("app", ARGS) },
      command: [],
      backoffLimit: 10,
    });
    expect(m.validateMigrationArgs(r).map((p) => p.path)).toEqual(["command", "contractCommand", "backoffLimit"]);
  });
});
