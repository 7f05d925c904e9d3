// Pure decisions of the restore helpers (components/postgres/restore.ts): no Pulumi runtime.
import { describe, expect, it } from "vitest";
import type { PostgresArgs } from "../../components/postgres/args";
import { resolvePostgresArgs, validatePostgresArgs } from "../../components/postgres/defaults";
import {
  barmanServerName,
  cnpgRestoredSpec,
  rdsRestoreArgs,
  rdsRestoreSource,
  restoreLabel,
} from "../../components/postgres/restore";

const restore = { targetTime: "2026-11-20T10:00:00Z", source: "primary" };
const walArchive = {
  plugin: { name: "barman-cloud.cloudnative-pg.io", isWALArchiver: true, parameters: { barmanObjectName: "db-backups" } },
  archiveTimeoutSeconds: 120,
};
const base: PostgresArgs = {
  environment: "production",
  tier: "in-cluster",
  namespace: "app",
  version: "17",
  replicas: 2,
  databaseName: "shop",
  username: "shop",
  storageGb: 50,
  walArchive,
  restore,
};
const resolved = (a: Partial<PostgresArgs> = {}) => resolvePostgresArgs({ ...base, ...a });

describe("component validation of restore arguments", () => {
  it("refuses serveFrom restored without a restore, and an in-cluster restore without WAL archive", () => {
    expect(validatePostgresArgs(resolved({ restore: undefined, serveFrom: "restored" })).map((p) => p.path)).toEqual([
      "serveFrom",
    ]);
    expect(validatePostgresArgs(resolved({ walArchive: undefined })).map((p) => p.path)).toEqual(["restore"]);
    expect(validatePostgresArgs(resolved())).toEqual([]);
  });
});

describe("in-cluster restore spec", () => {
  it("recovers from the given Barman server, archives under its own name, keeps instances and archive_timeout", () => {
    const spec = cnpgRestoredSpec("db", resolved({ restore: { ...restore, source: "db-old" } }), "db-app-user");
    expect(spec.externalClusters[0]!.plugin.parameters).toEqual({ barmanObjectName: "db-backups", serverName: "db-old" });
    expect(spec.plugins[0]!.parameters).toEqual({ barmanObjectName: "db-backups", serverName: "db-restored" });
    expect(spec.bootstrap.recovery).toMatchObject({ database: "shop", owner: "shop", secret: { name: "db-app-user" } });
    expect(spec).not.toHaveProperty("bootstrap.initdb");
    expect(spec.instances).toBe(3);
    expect(spec.postgresql.parameters.archive_timeout).toBe("120s");
  });

  it("leaves the owner secret to CNPG when credentials are the operator's", () => {
    expect(cnpgRestoredSpec("db", resolved()).bootstrap.recovery).not.toHaveProperty("secret");
  });

  it("names sources and labels plainly", () => {
    expect([barmanServerName("primary", "db"), barmanServerName("legacy", "db")]).toEqual(["db", "legacy"]);
    expect([rdsRestoreSource("primary", "db-primary-1a2b"), rdsRestoreSource("orders-db", "x")]).toEqual([
      "db-primary-1a2b",
      "orders-db",
    ]);
    expect(restoreLabel(resolved({ restore: { ...restore, targetTime: "2026-11-20T10:00:00.250Z" } }))).toBe("20261120T100000Z");
  });
});

describe("managed restore arguments", () => {
  it("keeps PITR, the final snapshot and the automated backups of the copy in production", () => {
    const a = rdsRestoreArgs(resolved({ tier: "managed", walArchive: undefined }), "db");
    expect(a).toMatchObject({
      restoreToPointInTime: { restoreTime: "2026-11-20T10:00:00Z" },
      multiAz: true,
      backupRetentionPeriod: 14,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: "db-restored-final-snapshot",
      deleteAutomatedBackups: false,
    });
  });

  it("is single-AZ and drops automated backups with the copy in staging", () => {
    const a = rdsRestoreArgs(resolved({ tier: "managed", environment: "staging", replicas: 0, walArchive: undefined }), "db");
    expect([a.multiAz, a.backupRetentionPeriod, a.deleteAutomatedBackups]).toEqual([false, 7, true]);
  });
});
