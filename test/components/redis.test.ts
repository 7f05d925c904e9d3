// The Redis component under Pulumi's mock runtime: failover, encryption, auth and secrecy decisions.
import { beforeAll, describe, expect, it } from "vitest";
import { type Capture, type CapturedResource, isSecretValue, one, plain, resolve, startCapture } from "../helpers/pulumi";
import { maskSecrets } from "../../src/plan/capture";
import { schemaErrors, toObject } from "../helpers/k8s-schema";

let cap: Capture;
const env: Record<
  string,
  Array<{ name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } }>
> = {};
const endpoints: Record<string, string> = {};
let invalidError: unknown;

const network = {
  vpcId: "vpc-1",
  subnetIds: ["subnet-a", "subnet-b"],
  allowedSecurityGroupIds: ["sg-app"],
  allowedCidrs: ["10.20.0.0/16"],
};
const common = { namespace: "app", version: "7.1", storageGb: 5 } as const;

beforeAll(async () => {
  cap = await startCapture({ stack: "test" });
  const { Redis } = await import("../../components/redis");
  const made = {
    prodcache: new Redis("prodcache", { ...common, environment: "production", tier: "managed", replicas: 2, network }),
    stagecache: new Redis("stagecache", { ...common, environment: "staging", tier: "managed", replicas: 0, network }),
    prodkv: new Redis("prodkv", { ...common, environment: "production", tier: "in-cluster", replicas: 1 }),
    stagekv: new Redis("stagekv", { ...common, environment: "staging", tier: "in-cluster", replicas: 0 }),
    localkv: new Redis("localkv", {
      ...common,
      environment: "development",
      tier: "in-cluster",
      replicas: 0,
      credentials: { existingSecret: { name: "local-redis", key: "password" } },
    }),
  };
  for (const [name, r] of Object.entries(made)) {
    endpoints[name] = await resolve(r.endpoint);
    env[name] = await Promise.all(
      r.env.map(async (e) => ({
        name: e.name,
        ...(e.value !== undefined ? { value: await resolve(e.value) } : {}),
        ...(e.valueFrom
          ? {
              valueFrom: {
                secretKeyRef: { name: await resolve(e.valueFrom.secretKeyRef.name), key: e.valueFrom.secretKeyRef.key },
              },
            }
          : {}),
      })),
    );
  }
  try {
    new Redis("broken", {
      ...common,
      environment: "production",
      tier: "managed",
      replicas: 0,
      network: { ...network, allowedCidrs: ["0.0.0.0/0"] },
    });
  } catch (e) {
    invalidError = e;
  }
  await cap.settle();
});

const under = (name: string): CapturedResource[] => {
  const root = cap.resources().find((r) => r.type === "gantry:data:Redis" && r.name === name)!;
  return cap.resources().filter((r) => r.parent === root.urn);
};
const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const STS = "kubernetes:apps/v1:StatefulSet";

describe("managed Redis (ElastiCache)", () => {
  it("production: 3 nodes with automatic failover, Multi-AZ, both encryptions and a secret auth token", () => {
    const group = one(cap, GROUP, "prodcache-group");
    expect(plain(group)).toMatchObject({
      numCacheClusters: 3,
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      transitEncryptionEnabled: true,
      atRestEncryptionEnabled: true,
      authTokenUpdateStrategy: "ROTATE",
      snapshotRetentionLimit: 7,
      engineVersion: "7.1",
      applyImmediately: false,
    });
    expect(isSecretValue(group.inputs.authToken)).toBe(true);
    expect(group.protect).toBe(true);
  });

  it("staging: one node, no failover (ElastiCache refuses it on one node), unprotected", () => {
    const group = one(cap, GROUP, "stagecache-group");
    expect(plain(group)).toMatchObject({
      numCacheClusters: 1,
      automaticFailoverEnabled: false,
      multiAzEnabled: false,
      transitEncryptionEnabled: true,
      snapshotRetentionLimit: 1,
    });
    expect(group.protect).toBe(false);
  });

  it("admits 6379 only from the given security group and CIDR", () => {
    const rules = under("prodcache")
      .filter((r) => r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
      .map(plain);
    expect(rules.map((r) => [r.fromPort, r.toPort, r.referencedSecurityGroupId ?? r.cidrIpv4]).sort()).toEqual([
      [6379, 6379, "10.20.0.0/16"],
      [6379, 6379, "sg-app"],
    ]);
  });

  it("writes a secret rediss:// URL to the primary endpoint", () => {
    const secret = one(cap, "kubernetes:core/v1:Secret", "prodcache-url");
    const data = secret.inputs.stringData as Record<string, unknown>;
    expect(isSecretValue(data) || isSecretValue(data.REDIS_URL)).toBe(true);
    expect(plain(secret).stringData.REDIS_URL).toMatch(
      /^rediss:\/\/:mock-prodcache-auth-token-\w+@master\.prodcache-group\..*:6379$/,
    );
    expect(endpoints.prodcache).toBe("master.prodcache-group.abc123.euw1.cache.amazonaws.com");
  });
});

describe("in-cluster Redis", () => {
  it("production: 1 + replicas pods with AOF volumes, protected, and 3 sentinels", () => {
    const sts = one(cap, STS, "prodkv-server");
    const spec = plain(sts).spec;
    expect(spec.replicas).toBe(2);
    expect(spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe("5Gi");
    expect(sts.protect).toBe(true);
    expect(plain(one(cap, STS, "prodkv-sentinel")).spec.replicas).toBe(3);
  });

  it("runs non-root with a read-only root and authenticates probes", () => {
    const pod = plain(one(cap, STS, "prodkv-server")).spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10999, fsGroup: 10999 });
    const c = pod.containers[0];
    expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(c.volumeMounts.map((m: { mountPath: string }) => m.mountPath)).toContain("/tmp");
    expect(c.env).toContainEqual({
      name: "REDISCLI_AUTH",
      valueFrom: { secretKeyRef: { name: "prodkv-auth", key: "password" } },
    });
    expect(c.readinessProbe.exec.command.join(" ")).toContain("ping");
  });

  it("runs Redis and Sentinel as their own ServiceAccounts without an API token", () => {
    for (const [sts, sa] of [
      ["prodkv-server", "prodkv-server-sa"],
      ["prodkv-sentinel", "prodkv-sentinel-sa"],
    ]) {
      const account = plain(one(cap, "kubernetes:core/v1:ServiceAccount", sa));
      expect(account.automountServiceAccountToken).toBe(false);
      const pod = plain(one(cap, STS, sts)).spec.template.spec;
      expect(pod.serviceAccountName).toBe(account.metadata.name);
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.securityContext.runAsUser).toBeGreaterThanOrEqual(10000);
      for (const c of pod.containers) {
        expect(c.securityContext).toMatchObject({ runAsNonRoot: true, capabilities: { drop: ["ALL"] } });
        expect(c.resources.requests["ephemeral-storage"]).toBeDefined();
        expect(c.resources.limits["ephemeral-storage"]).toBeDefined();
      }
      for (const v of pod.volumes.filter((v: any) => v.emptyDir)) expect(v.emptyDir.sizeLimit, v.name).toBeDefined();
    }
  });

  it("has a PDB (maxUnavailable 1) only with more than one pod", () => {
    const pdbs = (name: string) => under(name).filter((r) => r.type === "kubernetes:policy/v1:PodDisruptionBudget");
    expect(pdbs("prodkv").map((r) => plain(r).spec.maxUnavailable)).toEqual([1, 1]);
    expect(pdbs("stagekv")).toEqual([]);
  });

  it("staging: a single pod, no sentinel, REDIS_URL to the client Service", () => {
    expect(plain(one(cap, STS, "stagekv-server")).spec.replicas).toBe(1);
    expect(under("stagekv").filter((r) => r.name === "stagekv-sentinel")).toEqual([]);
    expect(plain(one(cap, "kubernetes:core/v1:Secret", "stagekv-url")).stringData.REDIS_URL).toMatch(
      /^redis:\/\/:mock-stagekv-password-\w+@stagekv\.app\.svc:6379\/0$/,
    );
    expect(env.stagekv!.map((e) => e.name)).toEqual(["REDIS_URL", "REDIS_PASSWORD"]);
  });

  it("gives Sentinel-aware clients the sentinels and master name when failover is on", () => {
    const vars = Object.fromEntries(env.prodkv!.map((e) => [e.name, e.value]));
    expect(vars.REDIS_SENTINEL_MASTER).toBe("primary");
    expect(vars.REDIS_SENTINELS!.split(",")).toHaveLength(3);
  });

  it("admits 6379/26379 only from labelled clients and its own pods", () => {
    const np = plain(one(cap, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "prodkv-netpol")).spec;
    expect(np.ingress).toHaveLength(2);
    expect(np.ingress[0].from).toEqual([{ podSelector: { matchLabels: { "gantry.dev/redis-client": "true" } } }]);
    expect(np.ingress[1].from[0].podSelector.matchLabels).toEqual(np.podSelector.matchLabels);
    for (const rule of np.ingress) expect(rule.ports.map((p: { port: number }) => p.port)).toEqual([6379, 26379]);
  });

  it("existing-secret credentials: no @pulumi/random, the pods read the given Secret, the URL holds no password", () => {
    expect(under("localkv").filter((r) => r.type.startsWith("random:"))).toEqual([]);
    const c = plain(one(cap, STS, "localkv-server")).spec.template.spec.containers[0];
    expect(c.env).toContainEqual({
      name: "REDIS_PASSWORD",
      valueFrom: { secretKeyRef: { name: "local-redis", key: "password" } },
    });
    expect(plain(one(cap, "kubernetes:core/v1:Secret", "localkv-url")).stringData.REDIS_URL).toBe(
      "redis://localkv.app.svc:6379/0",
    );
    expect(env.localkv).toContainEqual({
      name: "REDIS_PASSWORD",
      valueFrom: { secretKeyRef: { name: "local-redis", key: "password" } },
    });
  });
});

describe("schemas", () => {
  it("every Kubernetes object validates against the Kubernetes OpenAPI schema", async () => {
    const objs = cap.resources().flatMap((r) => {
      const o = toObject(r.type, plain(r));
      return o ? [o] : [];
    });
    expect(objs.map((o) => o.kind)).toEqual(
      expect.arrayContaining(["StatefulSet", "Service", "PodDisruptionBudget", "NetworkPolicy", "ConfigMap", "Secret"]),
    );
    const errors = (await Promise.all(objs.map((o) => schemaErrors(o)))).flat();
    expect(errors).toEqual([]);
  });
});

describe("secrets and validation", () => {
  it("never puts a generated password or token in plaintext in any captured input", () => {
    const masked = JSON.stringify(cap.resources().map((r) => maskSecrets(r.inputs)));
    expect(masked).not.toMatch(/mock-[a-z]+-(password|auth-token)/);
  });

  it("throws one error naming every problem and registers no child", () => {
    expect(String(invalidError)).toMatch(/replicas/);
    expect(String(invalidError)).toMatch(/network\.allowedCidrs/);
    expect(under("broken")).toEqual([]);
  });
});
