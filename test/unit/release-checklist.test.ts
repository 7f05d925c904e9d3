// The release checklist's decisions, item by item, and the state facts it reads (migration Job,
// contract step): what refuses a production switch and what --force-without-backup may override.
import { describe, expect, it } from "vitest";
import {
  backupItem,
  blocking,
  checklist,
  type ChecklistFacts,
  imageItem,
  migrationItem,
  policyItem,
  renderChecklist,
  smokeItem,
} from "../../src/release/checklist";
import { contractRan, type ExportedState, migrationStatus } from "../../src/release/state";
import { contractJobName, migrationJobName } from "../../components/release/naming";

const IMAGE = `ghcr.io/acme/app@sha256:${"b2".repeat(32)}`;
const NOW = new Date("2026-12-02T12:00:00Z");
const job = (name: string, status?: unknown) => ({
  type: "kubernetes:batch/v1:Job",
  outputs: { metadata: { name }, ...(status ? { status } : {}) },
});

const good: ChecklistFacts = {
  colour: "green",
  image: IMAGE,
  migration: { ok: true, detail: "Job x complete" },
  smokeNow: { checks: 2, passed: true },
  smokeRecord: { image: IMAGE, passed: true, at: "2026-12-02T11:00:00Z" },
  backups: { maxAgeHours: 26, lastBackupAt: "2026-12-02T02:00:00Z" },
  now: NOW,
  policy: { mandatory: [] },
};

describe("release checklist items", () => {
  it("all five ok on a clean release, and nothing blocks", () => {
    const items = checklist(good);
    expect(items.map((i) => `${i.key} ${i.state}`)).toEqual(["image ok", "migration ok", "smoke ok", "backup ok", "policy ok"]);
    expect(blocking(items, false)).toEqual([]);
    expect(renderChecklist("production", items)).toContain("  ok      backup younger than 26 h (newest 10.0 h old)\n");
  });

  it("a tag is not digest-pinned", () => {
    expect(imageItem({ colour: "green", image: "ghcr.io/acme/app:1.5.0" }).state).toBe("FAILED");
    expect(imageItem({ colour: "green", image: IMAGE }).state).toBe("ok");
  });

  it("migration: the state's verdict, printed", () => {
    expect(migrationItem({ ok: false, detail: "Job app-migrate-1 failed" })).toMatchObject({
      state: "FAILED",
      text: "migration done: Job app-migrate-1 failed",
    });
  });

  it("smoke needs the deploy's passing record for this very image and a passing run now", () => {
    expect(smokeItem(good).state).toBe("ok");
    expect(smokeItem({ ...good, smokeRecord: undefined }).text).toMatch(/no record from `gantry deploy`/);
    expect(
      smokeItem({ ...good, smokeRecord: { ...good.smokeRecord!, image: "ghcr.io/acme/app@sha256:" + "0".repeat(64) } }).state,
    ).toBe("FAILED");
    expect(smokeItem({ ...good, smokeRecord: { ...good.smokeRecord!, passed: false } }).text).toMatch(
      /deploy's run at .* failed/,
    );
    expect(smokeItem({ ...good, smokeNow: { checks: 2, passed: false } }).state).toBe("FAILED");
    expect(smokeItem({ ...good, smokeNow: { checks: 0, passed: true } }).text).toMatch(/no checks configured/);
  });

  it("backup: fresh ok, too old FAILED (not forceable), no timestamp or no output unknown (forceable)", () => {
    expect(backupItem({ backups: { maxAgeHours: 26, lastBackupAgeHours: 30 }, now: NOW }).state).toBe("FAILED");
    const noTime = backupItem({ backups: { maxAgeHours: 26 }, now: NOW });
    expect(noTime).toMatchObject({ state: "unknown" });
    expect(noTime.text).toContain("backup younger than 26 h: unknown");
    expect(backupItem({ backups: null, now: NOW }).state).toBe("unknown");

    const unknown = checklist({ ...good, backups: { maxAgeHours: 26 } });
    expect(blocking(unknown, false).map((i) => i.key)).toEqual(["backup"]);
    expect(blocking(unknown, true)).toEqual([]);
    const old = checklist({ ...good, backups: { maxAgeHours: 26, lastBackupAgeHours: 27 } });
    expect(blocking(old, true).map((i) => i.key)).toEqual(["backup"]);
  });

  it("backup read live: dated ok or FAILED against the max age with what was found, unknown with the reader's reason", () => {
    const backups = { maxAgeHours: 26 };
    const fresh = backupItem({
      backups,
      liveBackup: { at: "2026-12-02T01:00:08Z", what: "barman backup 20261202T010000 of db" },
      now: NOW,
    });
    expect(fresh).toEqual({
      key: "backup",
      state: "ok",
      text: "backup younger than 26 h (newest 11.0 h old: barman backup 20261202T010000 of db)",
    });
    const stale = backupItem({
      backups,
      liveBackup: { at: "2026-11-30T12:00:00Z", what: "automated snapshot rds:db-x of db-x" },
      now: NOW,
    });
    expect([stale.state, stale.text]).toEqual([
      "FAILED",
      "backup younger than 26 h (newest 48.0 h old: automated snapshot rds:db-x of db-x)",
    ]);
    const down = backupItem({
      backups,
      liveBackup: { unknown: "S3 list s3://b/db/base/ at http://127.0.0.1:9: cannot connect" },
      now: NOW,
    });
    expect([down.state, down.text]).toEqual([
      "unknown",
      "backup younger than 26 h: unknown (S3 list s3://b/db/base/ at http://127.0.0.1:9: cannot connect)",
    ]);
    // A time the stack reports itself wins over the live read; a too-old live backup is not forceable.
    expect(backupItem({ backups: { ...backups, lastBackupAgeHours: 1 }, liveBackup: { unknown: "x" }, now: NOW }).state).toBe(
      "ok",
    );
    expect(
      blocking(checklist({ ...good, backups, liveBackup: { at: "2026-11-30T12:00:00Z", what: "x" } }), true).map((i) => i.key),
    ).toEqual(["backup"]);
    expect(blocking(checklist({ ...good, backups, liveBackup: { unknown: "no credentials" } }), true)).toEqual([]);
  });

  it("policy: any mandatory violation, or a plan that did not run, fails", () => {
    expect(policyItem({ mandatory: ["k8s-image-digest", "k8s-image-digest"] }).text).toBe(
      "policy pack clean: 2 mandatory violations (k8s-image-digest)",
    );
    expect(policyItem({ error: "Invalid stack config" }).state).toBe("FAILED");
  });

  it("--force-without-backup overrides nothing but the backup", () => {
    const items = checklist({ ...good, image: "ghcr.io/acme/app:1.5.0", backups: null });
    expect(blocking(items, true).map((i) => i.key)).toEqual(["image", "smoke"]);
  });
});

describe("release facts from the stack's state", () => {
  const name = migrationJobName("app", IMAGE);
  it("migration: Job missing, rendered, complete, failed, running, pending operations, none configured", () => {
    expect(migrationStatus({ resources: [] }, IMAGE, true)).toMatchObject({ ok: false });
    expect(migrationStatus({ resources: [job(name)] }, IMAGE, true)).toEqual({
      ok: true,
      detail: `Job ${name} recorded (rendered, no cluster status)`,
    });
    expect(migrationStatus({ resources: [job(name, { succeeded: 1 })] }, IMAGE, true).ok).toBe(true);
    const failed = { conditions: [{ type: "Failed", status: "True" }], failed: 4 };
    expect(migrationStatus({ resources: [job(name, failed)] }, IMAGE, true)).toEqual({ ok: false, detail: `Job ${name} failed` });
    expect(migrationStatus({ resources: [job(name, { active: 1 })] }, IMAGE, true).detail).toMatch(/has not completed/);
    expect(migrationStatus({ resources: [job(name)], pending_operations: [{}] }, IMAGE, true).ok).toBe(false);
    // Another image's Job is not this one's.
    expect(migrationStatus({ resources: [job(migrationJobName("app", "ghcr.io/acme/app:1.0.0"))] }, IMAGE, true).ok).toBe(false);
    expect(migrationStatus({}, IMAGE, false).ok).toBe(true);
  });

  it("a contract step ran when the active image's contract Job is in the state", () => {
    const state: ExportedState = { resources: [job(name), job(contractJobName("app", IMAGE))] };
    expect(contractRan(state, IMAGE)).toBe(true);
    expect(contractRan({ resources: [job(name)] }, IMAGE)).toBe(false);
  });
});
