// The Postgres component under Pulumi's mock runtime: the decisions each environment and tier encode.
import { beforeAll, describe, expect, it } from "vitest";
import { type Capture, type CapturedResource, isSecretValue, one, plain, resolve, startCapture } from "../helpers/pulumi";
import { maskSecrets } from "../../src/plan/capture";
import { schemaErrors, toObject } from "../helpers/k8s-schema";

let cap: Capture;
let mod: typeof import("../../components/postgres");
const outputs: Record<string, { primary: string; reader: string; port: number; url: { name: string; key: string } }> = {};
let invalidError: unknown;

const network = {
  vpcId: "vpc-1",
  subnetIds: ["subnet-a", "subnet-b"],
  allowedSecurityGroupIds: ["sg-app"],
  allowedCidrs: ["10.20.0.0/16"],
};
const common = { namespace: "app", version: "17", databaseName: "app", username: "app", storageGb: 50 } as const;

beforeAll(async () => {
  cap = await startCapture({ stack: "test" });
  mod = await import("../../components/postgres");
  const make = {
    prodrds: () => new mod.Postgres("prodrds", { ...common, environment: "production", tier: "managed", replicas: 2, network }),
    stagerds: () => new mod.Postgres("stagerds", { ...common, environment: "staging", tier: "managed", replicas: 0, network }),
    prodcnpg: () => new mod.Postgres("prodcnpg", { ...common, environment: "production", tier: "in-cluster", replicas: 2 }),
    stagecnpg: () => new mod.Postgres("stagecnpg", { ...common, environment: "staging", tier: "in-cluster", replicas: 0 }),
    localcnpg: () =>
      new mod.Postgres("localcnpg", {
        ...common,
        environment: "development",
        tier: "in-cluster",
        replicas: 0,
        credentials: "operator",
      }),
  };
  for (const [name, build] of Object.entries(make)) {
    const pg = build();
    const url = pg.databaseUrl;
    outputs[name] = {
      primary: await resolve(pg.primaryEndpoint),
      reader: await resolve(pg.readerEndpoint),
      port: await resolve(pg.port),
      url: { name: await resolve(url.name), key: url.key },
    };
  }
  try {
    new mod.Postgres("broken", { ...common, environment: "production", tier: "managed", replicas: 0, credentials: "operator" });
  } catch (e) {
    invalidError = e;
  }
  await cap.settle();
});

/** Resources whose URN sits under the component `name`. */
const under = (name: string): CapturedResource[] => {
  const root = cap.resources().find((r) => r.type.startsWith("gantry:data:Postgres") && r.name === name)!;
  return cap.resources().filter((r) => r.parent === root.urn);
};
const childOf = (name: string, type: string) => under(name).filter((r) => r.type === type);

describe("managed Postgres in production", () => {
  it("makes a Multi-AZ, encrypted, protected primary that keeps its backups and a final snapshot", () => {
    const primary = one(cap, "aws:rds/instance:Instance", "prodrds-primary");
    expect(plain(primary)).toMatchObject({
      multiAz: true,
      storageEncrypted: true,
      publiclyAccessible: false,
      deletionProtection: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: "prodrds-final-snapshot",
      deleteAutomatedBackups: false,
      backupRetentionPeriod: 14,
      engineVersion: "17.6",
      applyImmediately: false,
      performanceInsightsEnabled: true,
    });
    expect(primary.protect).toBe(true);
  });

  it("adds N encrypted, protected read replicas of the primary", () => {
    const replicas = childOf("prodrds", "aws:rds/instance:Instance").filter((r) => r.name !== "prodrds-primary");
    expect(replicas.map((r) => r.name).sort()).toEqual(["prodrds-replica-0", "prodrds-replica-1"]);
    for (const r of replicas) {
      expect(plain(r)).toMatchObject({ replicateSourceDb: "prodrds-primary", storageEncrypted: true, publiclyAccessible: false });
      expect(r.protect).toBe(true);
    }
    expect(outputs.prodrds!.reader).toBe("prodrds-replica-0.abc123.eu-west-1.rds.amazonaws.com");
  });

  it("admits 5432 only from the given security group and CIDR", () => {
    const rules = childOf("prodrds", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map(plain);
    expect(rules).toHaveLength(2);
    for (const r of rules) expect(r).toMatchObject({ fromPort: 5432, toPort: 5432, ipProtocol: "tcp" });
    expect(rules.map((r) => r.referencedSecurityGroupId ?? r.cidrIpv4).sort()).toEqual(["10.20.0.0/16", "sg-app"]);
    const sg = plain(one(cap, "aws:ec2/securityGroup:SecurityGroup", "prodrds-sg"));
    expect(sg.ingress ?? []).toEqual([]);
    expect(sg.egress ?? []).toEqual([]);
  });

  it("forces TLS in the parameter group of the pinned family", () => {
    const pg = plain(one(cap, "aws:rds/parameterGroup:ParameterGroup", "prodrds-params"));
    expect(pg.family).toBe("postgres17");
    expect(pg.parameters).toContainEqual(expect.objectContaining({ name: "rds.force_ssl", value: "1" }));
  });
});

describe("managed Postgres in staging", () => {
  it("is a single unprotected instance without replicas", () => {
    const instances = childOf("stagerds", "aws:rds/instance:Instance");
    expect(instances.map((r) => r.name)).toEqual(["stagerds-primary"]);
    expect(plain(instances[0]!)).toMatchObject({
      multiAz: false,
      deletionProtection: false,
      skipFinalSnapshot: false,
      backupRetentionPeriod: 7,
    });
    expect(instances[0]!.protect).toBe(false);
    expect(outputs.stagerds!.reader).toBe(outputs.stagerds!.primary);
  });
});

describe("in-cluster Postgres (CloudNativePG)", () => {
  const spec = (name: string) => plain(one(cap, "kubernetes:postgresql.cnpg.io/v1:Cluster", `${name}-cluster`)).spec;

  it("runs 1 + replicas instances with a PDB and synchronous replication in production", () => {
    expect(spec("prodcnpg")).toMatchObject({
      instances: 3,
      enablePDB: true,
      imageName:
        "ghcr.io/cloudnative-pg/postgresql:17.6-standard-bookworm@sha256:a62c149a342b2b1955dda3a9d75e2c6851622e43302a577f393271c19a3c8622",
      postgresql: { synchronous: { method: "any", number: 1, dataDurability: "required" } },
      bootstrap: { initdb: { database: "app", owner: "app", secret: { name: "prodcnpg-app-user" } } },
      ephemeralVolumesSizeLimit: { shm: "256Mi", temporaryData: "1Gi" },
    });
    expect(one(cap, "kubernetes:postgresql.cnpg.io/v1:Cluster", "prodcnpg-cluster").protect).toBe(true);
  });

  it("disables the PDB and synchronous replication for a single staging instance", () => {
    expect(spec("stagecnpg")).toMatchObject({ instances: 1, enablePDB: false });
    expect(spec("stagecnpg").postgresql.synchronous).toBeUndefined();
    expect(one(cap, "kubernetes:postgresql.cnpg.io/v1:Cluster", "stagecnpg-cluster").protect).toBe(false);
  });

  it("exposes CNPG's service hosts", () => {
    expect(outputs.prodcnpg).toMatchObject({ primary: "prodcnpg-rw.app.svc", reader: "prodcnpg-ro.app.svc", port: 5432 });
    expect(outputs.stagecnpg!.reader).toBe("stagecnpg-rw.app.svc");
  });

  it("admits clients on 5432 only when labelled, and the operator only on 8000", () => {
    const np = plain(one(cap, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "prodcnpg-netpol")).spec;
    expect(np.podSelector).toEqual({ matchLabels: { "cnpg.io/cluster": "prodcnpg" } });
    expect(np.ingress).toContainEqual({
      from: [{ podSelector: { matchLabels: { "gantry.dev/db-client": "true" } } }],
      ports: [{ protocol: "TCP", port: 5432 }],
    });
    expect(np.ingress).toContainEqual({
      from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "cnpg-system" } } }],
      ports: [{ protocol: "TCP", port: 8000 }],
    });
  });

  it("uses CNPG's own app secret and no @pulumi/random with operator credentials", () => {
    expect(outputs.localcnpg!.url).toEqual({ name: "localcnpg-app", key: "uri" });
    expect(under("localcnpg").filter((r) => r.type.startsWith("random:") || r.type === "kubernetes:core/v1:Secret")).toEqual([]);
    expect(spec("localcnpg").bootstrap.initdb.secret).toBeUndefined();
  });
});

describe("schemas", () => {
  // CNPG Clusters against the upstream v1.30 CRD (JSON schema only: CEL rules are not evaluated);
  // built-in kinds against the Kubernetes OpenAPI schema.
  it("every Kubernetes object validates", async () => {
    const objs = cap.resources().flatMap((r) => {
      const o = toObject(r.type, plain(r));
      return o ? [o] : [];
    });
    expect(objs.map((o) => o.kind)).toEqual(expect.arrayContaining(["Cluster", "Secret", "NetworkPolicy"]));
    const errors = (await Promise.all(objs.map((o) => schemaErrors(o)))).flat();
    expect(errors).toEqual([]);
  });

  it("would catch a schema error (the check can fail)", async () => {
    const cluster = plain(one(cap, "kubernetes:postgresql.cnpg.io/v1:Cluster", "prodcnpg-cluster"));
    const broken = { ...cluster, spec: { ...cluster.spec, postgresql: { synchronous: { method: "all", number: 1 } } } };
    expect(await schemaErrors(broken)).not.toEqual([]);
  });
});

describe("secrets", () => {
  it.each(["prodrds", "prodcnpg"])("%s: DATABASE_URL is a secret input of the ${name}-url Secret", (name) => {
    const secret = one(cap, "kubernetes:core/v1:Secret", `${name}-url`);
    const data = secret.inputs.stringData as Record<string, unknown>;
    expect(isSecretValue(data) || isSecretValue(data.DATABASE_URL)).toBe(true);
    expect(plain(secret).stringData.DATABASE_URL).toMatch(
      /^postgresql:\/\/app:mock-.*-password-.*@.*:5432\/app\?sslmode=require$/,
    );
    expect(outputs[name]!.url).toEqual({ name: `${name}-url`, key: "DATABASE_URL" });
  });

  it("never puts a generated password in plaintext in any captured input", () => {
    const masked = JSON.stringify(cap.resources().map((r) => maskSecrets(r.inputs)));
    expect(masked).not.toMatch(/mock-[a-z]+-password/);
  });
});

describe("invalid arguments", () => {
  it("throws one error naming every problem and registers no child", () => {
    expect(String(invalidError)).toMatch(/replicas.*\n.*network.*\n.*credentials/s);
    expect(under("broken")).toEqual([]);
    expect(cap.resources().filter((r) => r.name.startsWith("broken-"))).toEqual([]);
  });

  it("keeps child names stable", () => {
    expect(
      under("prodrds")
        .map((r) => `${r.type} ${r.name}`)
        .sort(),
    ).toMatchInlineSnapshot(`
      [
        "aws:cloudwatch/logGroup:LogGroup prodrds-primary-postgresql-logs",
        "aws:cloudwatch/logGroup:LogGroup prodrds-primary-upgrade-logs",
        "aws:cloudwatch/logGroup:LogGroup prodrds-replica-0-postgresql-logs",
        "aws:cloudwatch/logGroup:LogGroup prodrds-replica-0-upgrade-logs",
        "aws:cloudwatch/logGroup:LogGroup prodrds-replica-1-postgresql-logs",
        "aws:cloudwatch/logGroup:LogGroup prodrds-replica-1-upgrade-logs",
        "aws:ec2/securityGroup:SecurityGroup prodrds-sg",
        "aws:iam/role:Role prodrds-monitoring",
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment prodrds-monitoring-policy",
        "aws:rds/instance:Instance prodrds-primary",
        "aws:rds/instance:Instance prodrds-replica-0",
        "aws:rds/instance:Instance prodrds-replica-1",
        "aws:rds/parameterGroup:ParameterGroup prodrds-params",
        "aws:rds/subnetGroup:SubnetGroup prodrds-subnets",
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule prodrds-in-10-20-0-0-16",
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule prodrds-in-sg-app",
        "kubernetes:core/v1:Secret prodrds-url",
        "random:index/randomPassword:RandomPassword prodrds-password",
      ]
    `);
  });
});
