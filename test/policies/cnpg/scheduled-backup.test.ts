import { describe, expect, it } from "vitest";
import { cnpgScheduledBackup as policy } from "../../../policies/rules/cnpg/scheduled-backup";
import { levels, runStack } from "../harness";
import { CLUSTER, cluster, SCHEDULED_BACKUP, scheduledBackup } from "./fixtures";

const db = { type: CLUSTER, name: "db", props: cluster() };
const MSG = 'Cluster "db" (gantry/db) has no ScheduledBackup: schedule base backups.';

describe("cnpg-scheduled-backup", () => {
  it("passes a cluster with a ScheduledBackup", () => {
    expect(runStack(policy, [db, { type: SCHEDULED_BACKUP, name: "db-daily", props: scheduledBackup() }])).toEqual([]);
  });
  it("reports a cluster without one", () => {
    expect(runStack(policy, [db])).toEqual([MSG]);
  });
  it("does not credit a schedule for another cluster or namespace", () => {
    expect(runStack(policy, [db, { type: SCHEDULED_BACKUP, name: "x", props: scheduledBackup("other") }])).toEqual([MSG]);
    expect(runStack(policy, [db, { type: SCHEDULED_BACKUP, name: "y", props: scheduledBackup("db", "other") }])).toEqual([MSG]);
  });
  it("is not applicable without clusters", () => {
    expect(runStack(policy, [])).toBeNull();
  });
  it("is advisory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "advisory", production: "advisory", staging: "advisory" });
  });
});
