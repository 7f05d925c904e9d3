// `gantry dr <stack>`: the disaster-recovery table per environment and tier, from the real CLI.
import { beforeAll, describe, expect, it } from "vitest";
import type { DrRow, DrTable } from "../../src/dr/table";
import { gantry } from "./cli";

const tables: Record<string, DrTable> = {};
const dr = (stack: string, ...sets: string[]): DrTable => {
  const r = gantry("dr", stack, ...sets.flatMap((s) => ["--set", s]), "--json");
  if (r.code !== 0) throw new Error(`dr exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as DrTable;
};
beforeAll(() => {
  tables.production = dr("production");
  tables.staging = dr("staging");
  tables.productionInCluster = dr("production", "dataTier=in-cluster");
  tables.stagingInCluster = dr("staging", "dataTier=in-cluster", "postgres.storageGb=50");
}, 120_000);

const row = (t: DrTable, component: DrRow["component"], i = 0) => t.rows.filter((r) => r.component === component)[i]!;

describe("gantry dr (managed)", () => {
  it("production: PITR 14 d at 5 min RPO, GFS 7/28/365 d copied to eu-central-1, locked vault, Redis 7 d", () => {
    const t = tables.production!;
    expect(t.rows.map((r) => r.component)).toEqual(["postgres", "postgres", "vault", "redis"]);
    expect(row(t, "postgres")).toMatchObject({
      retention: "PITR 14 d",
      rpoSeconds: 300,
      rtoMinutes: 35,
      where: "RDS in eu-west-1",
    });
    expect(row(t, "postgres", 1)).toMatchObject({
      retention: "daily 7 d, weekly 28 d, monthly 365 d",
      where: "vault backups-vault in eu-west-1; copied to eu-central-1 (35 d)",
      frequency: "daily cron(0 1 * * ? *); weekly cron(0 2 ? * SUN *); monthly cron(0 3 1 * ? *)",
      rpoSeconds: 86400,
    });
    expect(row(t, "vault").where).toContain("Vault Lock governance");
    expect(row(t, "redis")).toMatchObject({ retention: "7 d", rpoSeconds: 86400, rtoMinutes: 20 });
  });

  it("production: the restore drill is AWS restore testing on Sundays, its last figures unknown offline", () => {
    expect(tables.production!.drill).toEqual({
      kind: "aws-restore-testing",
      schedule: "0 5 * * 0",
      lastRestoreSeconds: "unknown",
      lastDataAgeSeconds: "unknown",
      lastSuccess: "unknown",
    });
  });

  it("staging: PITR 7 d, 3 dailies and 1 weekly, no off-site copy, no lock, no drill, Redis 1 d", () => {
    const t = tables.staging!;
    expect(row(t, "postgres").retention).toBe("PITR 7 d");
    expect(row(t, "postgres", 1).retention).toBe("daily 3 d, weekly 7 d");
    expect(row(t, "vault").where).toBe("backups-vault (customer-managed KMS key), no off-site copy");
    expect(row(t, "redis").retention).toBe("1 d");
    expect(t.drill.kind).toBeNull();
  });
});

describe("gantry dr (in-cluster)", () => {
  it("production: WAL every 300 s (RPO 5 min) and base backups to the bucket for 365 d; RTO counts 100 GiB", () => {
    const t = tables.productionInCluster!;
    expect(t.rows.map((r) => r.component)).toEqual(["postgres", "redis", "object-store"]);
    const pg = row(t, "postgres");
    expect(pg).toMatchObject({ where: "s3://acme-gantry-production-backups/gantry-production", rpoSeconds: 300, rtoMinutes: 35 });
    expect(pg.retention).toBe("365 d (ObjectStore retentionPolicy, longest tier): daily 7 d, weekly 28 d, monthly 365 d");
    expect(pg.derivation).toContain("18 min to download 100 GiB at 100 MB/s");
    expect(row(t, "redis")).toMatchObject({
      frequency: "copy 30 2 * * * (5-field cron, UTC)",
      retention: "7 d",
      rpoSeconds: 86400,
    });
    expect(row(t, "object-store").retention).toBe("365d");
  });

  it("staging: 7 d in the bucket, and a smaller volume restores faster", () => {
    const t = tables.stagingInCluster!;
    const pg = row(t, "postgres");
    expect(pg.where).toBe("s3://acme-gantry-staging-backups/gantry-staging");
    expect(pg.retention).toMatch(/^7 d /);
    expect(pg.rtoMinutes).toBe(2 + 9 + 10 + 5);
  });
});

describe("gantry dr as a command", () => {
  it("prints the table as text, with the restore in progress", () => {
    const r = gantry(
      "dr",
      "staging",
      "--set",
      "postgres.restore.targetTime=" + new Date(Date.now() - 86_400_000).toISOString().slice(0, 19) + "Z",
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Disaster recovery for staging (staging, managed)");
    expect(r.stdout).toMatch(/RPO {8}5 min\n {2}RTO {8}35 min \(expected\)/);
    expect(r.stdout).toMatch(/point-in-time restore: primary at \S+Z as db-restored; serving from current/);
  });

  it("exits 2 naming the key for invalid config", () => {
    const r = gantry("dr", "production", "--set", "postgres.serveFrom=restored");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("gantry:postgres.serveFrom: `restored` needs postgres.restore.targetTime");
  });

  it("gives `gantry report` a disaster-recovery section above the collapsed details", () => {
    const r = gantry("report", "production", "--set", "dataTier=in-cluster");
    const section = r.stdout.indexOf("### Disaster recovery");
    expect(section).toBeGreaterThan(0);
    expect(section).toBeLessThan(r.stdout.indexOf("<details>"));
    expect(r.stdout).toContain(
      "| postgres | CNPG base backups + continuous WAL archive (Barman Cloud plugin) | s3://acme-gantry-production-backups/gantry-production |",
    );
    expect(r.stdout).toContain("| 5 min | 35 min |");
  });

  it("is listed in --help with its examples", () => {
    const r = gantry("dr", "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("gantry dr production --set dataTier=in-cluster --json");
  });
});
