// Retiring the old database, managed tier, step 1 on Pulumi.staging.yaml: staging's primary would
// delete its PITR history with it (deleteAutomatedBackups true there, test/stack/restore-managed
// covers the default), so `unprotect` must turn that off and keep a named final snapshot.
// (One plan per file: the runtime is process-global; the step's diff is in test/tools/restore-diff.)
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan, PlanResource } from "../../src/plan/run";
import { mandatory, named, ofType, planStack } from "./harness";
import { restoreTarget } from "../helpers/restore-time";

const RDS = "aws:rds/instance:Instance";
const TARGET = restoreTarget();
const SETS = [`postgres.restore.targetTime=${TARGET}`, "postgres.serveFrom=restored"];
let unprotect: Plan;
beforeAll(async () => {
  unprotect = await planStack("staging", [...SETS, "postgres.retireCurrent=unprotect"]);
}, 60_000);

const deleteSettings = (r: PlanResource) => ({
  protect: r.protect,
  deletionProtection: r.inputs.deletionProtection,
  skipFinalSnapshot: r.inputs.skipFinalSnapshot,
  finalSnapshotIdentifier: r.inputs.finalSnapshotIdentifier,
  deleteAutomatedBackups: r.inputs.deleteAutomatedBackups,
  retiring: (r.inputs.tags as Record<string, string>)["gantry:retiring"],
});

describe("retireCurrent: unprotect (managed, staging)", () => {
  it("pins what a delete reads: named final snapshot, automated backups kept, deletion protection off, unprotected", () => {
    expect(deleteSettings(named(unprotect, RDS, "db-primary"))).toEqual({
      protect: false,
      deletionProtection: false,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: "db-final-snapshot",
      deleteAutomatedBackups: false,
      retiring: "true",
    });
  });

  it("leaves the serving copy as it was: its own settings, no retiring tag, still declared next to the old one", () => {
    expect(ofType(unprotect, RDS).map((r) => r.name)).toEqual(["db-primary", "db-restored"]);
    const copy = deleteSettings(named(unprotect, RDS, "db-restored"));
    expect(copy).toEqual({
      protect: false, // staging: nothing is protected
      deletionProtection: false,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: "db-restored-final-snapshot",
      deleteAutomatedBackups: true, // staging's default, untouched by the retire step
      retiring: undefined,
    });
  });

  it("keeps the old instance's log groups in CloudWatch when they leave the stack", () => {
    const logs = unprotect.resources.filter((r) => r.name.startsWith("db-primary-") && r.name.endsWith("-logs"));
    expect(logs.map((r) => [r.name, r.retainOnDelete])).toEqual([
      ["db-primary-postgresql-logs", true],
      ["db-primary-upgrade-logs", true],
    ]);
    const copyLogs = unprotect.resources.filter((r) => r.name.startsWith("db-restored-primary-"));
    expect(copyLogs.map((r) => r.retainOnDelete)).toEqual([undefined, undefined]);
  });

  it("passes every mandatory policy", () => {
    expect(mandatory(unprotect)).toEqual([]);
  });
});
