// Pure defaults and validation of the Postgres component: no Pulumi runtime involved.
import { describe, expect, it } from "vitest";
import type { PostgresArgs } from "../../components/postgres/args";
import { resolvePostgresArgs, validatePostgresArgs } from "../../components/postgres/defaults";
import { isCidr, isOpenCidr } from "../../components/common/network";
import { cnpgServices, postgresUrl } from "../../components/postgres/naming";
import { cnpgClusterSpec } from "../../components/postgres/in-cluster";

const network = { vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"], allowedSecurityGroupIds: ["sg-app"], allowedCidrs: [] };
const base: PostgresArgs = {
  environment: "production",
  tier: "managed",
  namespace: "app",
  version: "17",
  replicas: 1,
  databaseName: "app",
  username: "app",
  storageGb: 50,
  network,
};
const problems = (a: Partial<PostgresArgs>, name?: string) => validatePostgresArgs(resolvePostgresArgs({ ...base, ...a }), name);
const paths = (a: Partial<PostgresArgs>) => problems(a).map((p) => p.path);

describe("resolvePostgresArgs", () => {
  it("turns on protection, Multi-AZ, deletion protection and 14-day PITR in production", () => {
    const r = resolvePostgresArgs(base);
    expect(r).toMatchObject({ protect: true, multiAz: true, deletionProtection: true, backupRetentionDays: 14 });
    expect(r.synchronousReplication).toBe(true);
    expect(r.instanceClass).toBe("db.t4g.medium");
    expect(r.credentials).toBe("generated");
  });

  it("keeps staging cheap and unprotected with 7 days of PITR", () => {
    const r = resolvePostgresArgs({ ...base, environment: "staging", replicas: 0 });
    expect(r).toMatchObject({
      protect: false,
      multiAz: false,
      deletionProtection: false,
      backupRetentionDays: 7,
      synchronousReplication: false,
    });
  });

  it("keeps explicit falsy values (?? not ||)", () => {
    const r = resolvePostgresArgs({ ...base, monitoring: false, monitoringIntervalSeconds: 0, parameters: {} });
    expect(r.monitoring).toBe(false);
    expect(r.monitoringIntervalSeconds).toBe(0);
    expect(resolvePostgresArgs({ ...base, monitoring: true, monitoringIntervalSeconds: 0 }).monitoringIntervalSeconds).toBe(0);
  });

  it("does not ask for synchronous replication in production without replicas", () => {
    expect(resolvePostgresArgs({ ...base, replicas: 0 }).synchronousReplication).toBe(false);
  });
});

describe("validatePostgresArgs", () => {
  it("accepts a valid production managed and in-cluster configuration", () => {
    expect(problems({})).toEqual([]);
    expect(problems({ tier: "in-cluster", network: undefined, credentials: "operator" })).toEqual([]);
  });

  it.each<[string, Partial<PostgresArgs>, string]>([
    ["production without replicas", { replicas: 0 }, "replicas"],
    ["fractional replicas", { environment: "staging", replicas: 1.5 }, "replicas"],
    ["managed without network", { network: undefined }, "network"],
    ["the internet in allowedCidrs", { network: { ...network, allowedCidrs: ["0.0.0.0/0"] } }, "network.allowedCidrs"],
    ["IPv6 internet in allowedCidrs", { network: { ...network, allowedCidrs: ["::/0"] } }, "network.allowedCidrs"],
    ["a malformed CIDR", { network: { ...network, allowedCidrs: ["10.0.0.0"] } }, "network.allowedCidrs"],
    ["a single subnet", { network: { ...network, subnetIds: ["subnet-a"] } }, "network.subnetIds"],
    ["no allowed source", { network: { ...network, allowedSecurityGroupIds: [] } }, "network.allowedSecurityGroupIds"],
    ["operator credentials on RDS", { credentials: "operator" }, "credentials"],
    ["an unpinned version", { version: "12" }, "version"],
    ["a reserved user", { username: "postgres" }, "username"],
    ["a database name with a dash", { databaseName: "my-db" }, "databaseName"],
    ["RDS below 20 GiB", { storageGb: 10 }, "storageGb"],
    ["autoscaling below storage", { maxStorageGb: 40 }, "maxStorageGb"],
    ["no PITR", { environment: "staging", backupRetentionDays: 0 }, "backupRetentionDays"],
    ["short production PITR", { backupRetentionDays: 3 }, "backupRetentionDays"],
    ["unprotected production", { protect: false }, "protect"],
    ["single-AZ production", { multiAz: false }, "multiAz"],
    ["production without deletion protection", { deletionProtection: false }, "deletionProtection"],
    ["TLS switched off", { parameters: { "rds.force_ssl": "0" } }, "parameters"],
    ["a non-RDS class", { instanceClass: "m5.large" }, "instanceClass"],
    ["Performance Insights on a small class", { instanceClass: "db.t4g.small" }, "instanceClass"],
    ["an odd monitoring interval", { monitoringIntervalSeconds: 7 }, "monitoringIntervalSeconds"],
    [
      "sync replication without replicas",
      { tier: "in-cluster", environment: "staging", replicas: 0, synchronousReplication: true },
      "synchronousReplication",
    ],
    ["autoscaling in-cluster", { tier: "in-cluster", maxStorageGb: 100 }, "maxStorageGb"],
    ["a bad namespace", { namespace: "App_NS" }, "namespace"],
  ])("rejects %s at its path", (_why, a, path) => {
    const found = problems(a);
    expect(found.map((p) => p.path)).toContain(path);
    // Every message names the argument it is about.
    for (const p of found) expect(p.message).toContain(p.path.split(".")[0]!);
  });

  it("reports every problem at once, not the first only", () => {
    const found = paths({ replicas: 0, network: undefined, credentials: "operator", version: "9" });
    expect(found).toEqual(expect.arrayContaining(["replicas", "network", "credentials", "version"]));
  });

  it("rejects a component name that cannot name Kubernetes objects", () => {
    expect(problems({}, "My_DB").map((p) => p.path)).toEqual(["name"]);
  });
});

describe("cnpgClusterSpec", () => {
  const spec = (a: Partial<PostgresArgs>) =>
    cnpgClusterSpec("db", resolvePostgresArgs({ ...base, tier: "in-cluster", network: undefined, ...a }));

  it("keeps writes available with one standby and strict with two", () => {
    expect(spec({ replicas: 1 }).postgresql.synchronous).toEqual({ method: "any", number: 1, dataDurability: "preferred" });
    expect(spec({ replicas: 2 }).postgresql.synchronous).toEqual({ method: "any", number: 1, dataDurability: "required" });
    expect(spec({ environment: "staging", replicas: 1 }).postgresql.synchronous).toBeUndefined();
  });

  it("disables the PDB only for a single instance", () => {
    expect(spec({ environment: "staging", replicas: 0 })).toMatchObject({ instances: 1, enablePDB: false });
    expect(spec({ replicas: 1 })).toMatchObject({ instances: 2, enablePDB: true });
  });
});

describe("helpers", () => {
  it("recognises open and malformed CIDRs", () => {
    expect(isOpenCidr("0.0.0.0/0")).toBe(true);
    expect(isOpenCidr("10.0.0.0/8")).toBe(false);
    expect(isCidr("10.0.0.0/8")).toBe(true);
    expect(isCidr("300.0.0.0/8")).toBe(false);
    expect(isCidr("fd00::/8")).toBe(true);
  });

  it("names CNPG services by role", () => {
    expect(cnpgServices("db", "app")).toEqual({ rw: "db-rw.app.svc", ro: "db-ro.app.svc", r: "db-r.app.svc" });
  });

  it("builds a TLS URL and keeps it secret", async () => {
    const pulumi = await import("@pulumi/pulumi");
    const url = postgresUrl({ username: "app", password: "p@ss", host: "h", port: 5432, database: "app" });
    expect(await pulumi.isSecret(url)).toBe(true);
    const value = await new Promise<string>((res) => url.apply(res));
    expect(value).toBe("postgresql://app:p%40ss@h:5432/app?sslmode=require");
  });
});
