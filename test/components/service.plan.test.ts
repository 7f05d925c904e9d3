// The blue-green decisions of ReleasedService, tested on its pure plan (no Pulumi runtime): a
// switch, a deploy and a rollback are diffs between two plans of the same service.
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { schemaErrors } from "../helpers/k8s-schema";
import type { Colour } from "../../components/common/types";
import type { ReleaseState } from "../../components/release";
import { type PlannedObject, type ReleasedServiceArgs, planService, resolveServiceArgs } from "../../components/service";

const WEB: ReleasedServiceArgs = {
  kind: "web",
  namespace: "shop",
  environment: "production",
  release: { active: "blue", images: { blue: "ghcr.io/acme/app:1.0.0", green: "ghcr.io/acme/app:1.1.0" } },
  replicas: 3,
  resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
  env: { LOG_LEVEL: "info" },
  secretEnv: { DATABASE_URL: { name: "app-db", key: "url" }, REDIS_URL: { name: "app-redis", key: "url" } },
  podLabels: { "gantry.dev/db-client": "true" },
  ingressFrom: { namespace: "gateway" },
};
const WORKER: ReleasedServiceArgs = { ...WEB, kind: "worker", ingressFrom: undefined, command: ["node", "worker.js"] };

function plan(args: ReleasedServiceArgs, release: Partial<ReleaseState> = {}, name = "app"): PlannedObject[] {
  return planService(resolveServiceArgs(name, { ...args, release: { ...args.release, ...release } }));
}

/** Roles added, removed and changed between two plans. */
function diff(a: PlannedObject[], b: PlannedObject[]) {
  const ma = new Map(a.map((o) => [o.role, o]));
  const mb = new Map(b.map((o) => [o.role, o]));
  return {
    added: [...mb.keys()].filter((k) => !ma.has(k)).sort(),
    removed: [...ma.keys()].filter((k) => !mb.has(k)).sort(),
    changed: [...mb.keys()].filter((k) => ma.has(k) && !isDeepStrictEqual(ma.get(k)!.object, mb.get(k)!.object)).sort(),
  };
}

const byRole = (p: PlannedObject[], role: string) => p.find((o) => o.role === role)!;
const flip = (c: Colour): Colour => (c === "blue" ? "green" : "blue");

describe("switch (flip the active colour)", () => {
  for (const from of ["blue", "green"] as const) {
    it(`web, ${from} → ${flip(from)}: no service object changes, nothing created or deleted`, () => {
      expect(diff(plan(WEB, { active: from }), plan(WEB, { active: flip(from) }))).toEqual({
        added: [],
        removed: [],
        changed: [],
      });
    });
    it(`web with HPA, ${from} → ${flip(from)}: HPAs and Deployments unchanged`, () => {
      const hpa = { ...WEB, hpa: { maxReplicas: 10, targetCpuPercent: 70 } };
      expect(diff(plan(hpa, { active: from }), plan(hpa, { active: flip(from) }))).toEqual({
        added: [],
        removed: [],
        changed: [],
      });
    });
    it(`worker, ${from} → ${flip(from)}: only the two Deployments' replica counts change`, () => {
      const a = plan(WORKER, { active: from });
      const b = plan(WORKER, { active: flip(from) });
      expect(diff(a, b)).toEqual({ added: [], removed: [], changed: ["deploy-blue", "deploy-green"] });
      for (const role of ["deploy-blue", "deploy-green"]) {
        const before = structuredClone(byRole(a, role).object);
        const after = structuredClone(byRole(b, role).object);
        before.spec.replicas = after.spec.replicas = 0;
        expect(after).toEqual(before);
      }
      expect(byRole(b, `deploy-${from}`).object.spec.replicas).toBe(0);
      expect(byRole(b, `deploy-${flip(from)}`).object.spec.replicas).toBe(3);
    });
  }
});

describe("deploy (new image to the idle colour)", () => {
  it("changes only the idle Deployment; the active colour is byte-for-byte untouched", () => {
    const before = plan(WEB);
    const after = plan(WEB, { images: { blue: "ghcr.io/acme/app:1.0.0", green: "ghcr.io/acme/app:1.2.0" } });
    expect(diff(before, after)).toEqual({ added: [], removed: [], changed: ["deploy-green"] });
    expect(JSON.stringify(byRole(after, "deploy-blue").object)).toBe(JSON.stringify(byRole(before, "deploy-blue").object));
  });

  it("a first deploy to an empty idle colour adds only idle-slot objects", () => {
    const before = plan(WEB, { images: { blue: "ghcr.io/acme/app:1.0.0" } });
    const after = plan(WEB);
    const d = diff(before, after);
    expect(d).toEqual({ added: ["deploy-green", "pdb-green"], removed: [], changed: [] });
    for (const role of d.added) expect(byRole(after, role).colour).toBe("green");
  });

  it("a worker deploy changes only the idle (0-replica) Deployment", () => {
    const after = plan(WORKER, { images: { blue: "ghcr.io/acme/app:1.0.0", green: "ghcr.io/acme/app:1.2.0" } });
    expect(diff(plan(WORKER), after)).toEqual({ added: [], removed: [], changed: ["deploy-green"] });
    expect(byRole(after, "deploy-green").object.spec.replicas).toBe(0);
  });
});

describe("rollback", () => {
  it("is the mirror of the switch: the previous colour is still running at full size", () => {
    const released = plan(WEB, { active: "green" });
    const rolledBack = plan(WEB, { active: "blue" });
    expect(diff(released, rolledBack)).toEqual({ added: [], removed: [], changed: [] });
    expect(byRole(released, "deploy-blue").object.spec.replicas).toBe(3);
  });
});

describe("selectors and labels", () => {
  const all = [...plan(WEB), ...plan(WORKER), ...plan({ ...WEB, hpa: { maxReplicas: 6, targetCpuPercent: 70 } })];
  it("select on exactly the two slot labels, never an image or version", () => {
    for (const o of all.filter((x) => x.colour)) {
      const sel = o.object.spec.selector?.matchLabels ?? o.object.spec.selector;
      if (o.kind === "HorizontalPodAutoscaler") continue;
      expect(sel, o.role).toEqual({ "app.kubernetes.io/name": "app", "gantry.dev/slot": o.colour });
    }
    for (const o of all) {
      const labels = JSON.stringify([o.object.metadata.labels, o.object.spec?.selector, o.object.spec?.template?.metadata]);
      expect(labels).not.toMatch(/1\.0\.0|1\.1\.0|ghcr\.io/);
    }
  });
  it("puts extra pod labels on pods only, and the image only in the container and GANTRY_IMAGE", () => {
    const d = byRole(plan(WEB), "deploy-green").object;
    expect(d.spec.template.metadata.labels["gantry.dev/db-client"]).toBe("true");
    const c = d.spec.template.spec.containers[0];
    expect(c.image).toBe("ghcr.io/acme/app:1.1.0");
    expect(c.env).toContainEqual({ name: "GANTRY_SLOT", value: "green" });
    expect(c.env).toContainEqual({ name: "GANTRY_IMAGE", value: "ghcr.io/acme/app:1.1.0" });
    expect(c.env).toContainEqual({ name: "DATABASE_URL", valueFrom: { secretKeyRef: { name: "app-db", key: "url" } } });
    expect(c.env).toContainEqual({ name: "LOG_LEVEL", value: "info" });
  });
});

describe("replicas, HPA and PDB decisions", () => {
  it("idle worker colour runs 0 replicas", () => {
    expect(byRole(plan(WORKER), "deploy-green").object.spec.replicas).toBe(0);
    expect(byRole(plan(WORKER), "deploy-blue").object.spec.replicas).toBe(3);
  });
  it("with an HPA, replicas is left to the HPA whose floor is the slot's count", () => {
    const p = plan({ ...WEB, hpa: { maxReplicas: 10, targetCpuPercent: 70 } }, { idleReplicas: 2 });
    expect(byRole(p, "deploy-blue").object.spec).not.toHaveProperty("replicas");
    expect(byRole(p, "hpa-blue").object.spec).toMatchObject({ minReplicas: 3, maxReplicas: 10 });
    expect(byRole(p, "hpa-green").object.spec).toMatchObject({ minReplicas: 2, scaleTargetRef: { name: "app-green" } });
  });
  it("a colour scaled to 0 has no HPA (it could not hold 0) and an explicit replicas: 0", () => {
    const p = plan({ ...WEB, hpa: { maxReplicas: 10, targetCpuPercent: 70 } }, { idleReplicas: 0 });
    expect(p.map((o) => o.role)).not.toContain("hpa-green");
    expect(byRole(p, "deploy-green").object.spec.replicas).toBe(0);
  });
  it("PDBs allow one disruption whatever the count, so a 0- or 1-pod colour never blocks a drain", () => {
    for (const o of plan(WORKER).filter((x) => x.kind === "PodDisruptionBudget")) {
      expect(o.object.spec.maxUnavailable).toBe(1);
      expect(o.object.spec).not.toHaveProperty("minAvailable");
    }
  });
});

describe("exclusive workers", () => {
  it("the active Deployment waits for the idle one; the edge flips on a switch", () => {
    const ex = { ...WORKER, exclusive: true };
    expect(byRole(plan(ex, { active: "blue" }), "deploy-blue").dependsOn).toEqual(["deploy-green"]);
    expect(byRole(plan(ex, { active: "blue" }), "deploy-green").dependsOn).toEqual([]);
    expect(byRole(plan(ex, { active: "green" }), "deploy-green").dependsOn).toEqual(["deploy-blue"]);
    expect(byRole(plan(WORKER), "deploy-blue").dependsOn).toEqual([]);
  });
  it("uses Recreate so one colour never runs two pollers during its own rollout", () => {
    expect(byRole(plan({ ...WORKER, exclusive: true }), "deploy-blue").object.spec.strategy).toEqual({ type: "Recreate" });
    expect(byRole(plan(WORKER), "deploy-blue").object.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
  });
});

describe("pod hardening and lifecycle", () => {
  const d = byRole(plan(WEB), "deploy-blue").object;
  const pod = d.spec.template.spec;
  const c = pod.containers[0];
  it("runs non-root with a read-only root, no capabilities and an emptyDir /tmp", () => {
    expect(c.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 10001,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(pod.volumes).toContainEqual({ name: "tmp", emptyDir: { sizeLimit: "256Mi" } });
    expect(c.resources.requests["ephemeral-storage"]).toBe("256Mi");
    expect(c.resources.limits["ephemeral-storage"]).toBe("1Gi");
    expect(c.volumeMounts).toContainEqual({ name: "tmp", mountPath: "/tmp" });
    expect(pod.automountServiceAccountToken).toBe(false);
  });
  it("has all three probes, a preStop sleep and a grace period longer than it", () => {
    expect(c.startupProbe.httpGet).toEqual({ path: "/healthz", port: "http" });
    expect(c.livenessProbe.httpGet.path).toBe("/healthz");
    expect(c.readinessProbe.httpGet.path).toBe("/readyz");
    expect(c.lifecycle.preStop.sleep.seconds).toBe(10);
    expect(pod.terminationGracePeriodSeconds).toBe(40);
  });
  it("spreads over zones (hard in production) and nodes (soft)", () => {
    const t = Object.fromEntries(pod.topologySpreadConstraints.map((x: any) => [x.topologyKey, x.whenUnsatisfiable]));
    expect(t).toEqual({ "topology.kubernetes.io/zone": "DoNotSchedule", "kubernetes.io/hostname": "ScheduleAnyway" });
    const staging = byRole(plan({ ...WEB, environment: "staging" }), "deploy-blue").object.spec.template.spec;
    expect(staging.topologySpreadConstraints[0].whenUnsatisfiable).toBe("ScheduleAnyway");
  });
  it("workers get no preStop sleep (no endpoints to drain; SIGTERM at once)", () => {
    const w = byRole(plan(WORKER), "deploy-blue").object.spec.template.spec;
    expect(w.containers[0]).not.toHaveProperty("lifecycle");
    expect(w.terminationGracePeriodSeconds).toBe(30);
  });
  it("workers probe and expose only their health port", () => {
    const w = byRole(plan(WORKER), "deploy-blue").object.spec.template.spec.containers[0];
    expect(w.ports).toEqual([{ name: "health", containerPort: 9090, protocol: "TCP" }]);
    expect(w.readinessProbe.httpGet.port).toBe("health");
  });
});

describe("network policy", () => {
  it("web admits its port only from the gateway namespace", () => {
    const np = byRole(plan({ ...WEB, ingressFrom: { namespace: "gateway", podLabels: { app: "ngf" } } }), "netpol").object;
    expect(np.spec.policyTypes).toEqual(["Ingress"]);
    expect(np.spec.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "gateway" } },
            podSelector: { matchLabels: { app: "ngf" } },
          },
        ],
        ports: [{ port: 8080, protocol: "TCP" }],
      },
    ]);
  });
  it("workers admit only the health port from monitoring", () => {
    const np = byRole(plan(WORKER), "netpol").object;
    expect(np.spec.ingress).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }],
        ports: [{ port: 9090, protocol: "TCP" }],
      },
    ]);
  });
});

describe("Kubernetes schema", () => {
  it("every planned object validates against the Kubernetes OpenAPI schema (kubernetes-models)", async () => {
    const objects = [
      ...plan(WEB),
      ...plan(WORKER, {}, "jobs"),
      ...plan({ ...WEB, hpa: { maxReplicas: 5, targetCpuPercent: 60 } }),
    ];
    expect(new Set(objects.map((o) => o.kind)).size).toBe(6);
    for (const o of objects) expect(await schemaErrors(o.object), o.role).toEqual([]);
  });
  it("the validator is not vacuous: a string replica count is rejected", async () => {
    const d = structuredClone(byRole(plan(WEB), "deploy-blue").object);
    d.spec.replicas = "3";
    expect((await schemaErrors(d)).length).toBeGreaterThan(0);
  });
});
