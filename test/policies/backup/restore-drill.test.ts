import { describe, expect, it } from "vitest";
import { backupRestoreDrill as policy } from "../../../policies/rules/backup/restore-drill";
import { T } from "../../../policies/lib/types";
import { levels, mutate, runStack } from "../harness";
import { cronJob } from "../fixtures";
import { CLUSTER, cluster } from "../cnpg/fixtures";
import { key, plan, restoreTesting, vault } from "./fixtures";

const managed = () => [key(), vault(), plan()];
const db = { type: CLUSTER, name: "db", props: cluster() };
/** The in-cluster drill as helper B1's CronJob carries it: identified by its component label only. */
const drill = (labels: Record<string, string> = { "gantry.dev/component": "backup-drill" }) => ({
  type: T.cronJob,
  name: "backups-drill",
  props: mutate(cronJob(), (c) => (c.metadata.labels = labels)),
});

const MANAGED_MSG =
  'Plan "backups-plan" has no restore test: add an aws.backup.RestoreTestingPlan with a RestoreTestingSelection (backups.drill.enabled).';
const IN_CLUSTER_MSG =
  'No restore drill for Cluster "db": add the CronJob labelled gantry.dev/component: backup-drill (backups.drill.enabled).';

describe("backup-restore-drill", () => {
  it("managed: passes a plan with a restore testing plan and selection", () => {
    expect(runStack(policy, [...managed(), ...restoreTesting()])).toEqual([]);
  });
  it("managed: reports no restore testing, or a testing plan without a selection", () => {
    expect(runStack(policy, managed())).toEqual([MANAGED_MSG]);
    expect(runStack(policy, [...managed(), restoreTesting()[0]!])).toEqual([MANAGED_MSG]);
  });
  it("in-cluster: passes a cluster with the backup-drill CronJob", () => {
    expect(runStack(policy, [db, drill()])).toEqual([]);
  });
  it("in-cluster: reports no drill, or a CronJob without the label", () => {
    expect(runStack(policy, [db])).toEqual([IN_CLUSTER_MSG]);
    expect(runStack(policy, [db, drill({ "gantry.dev/component": "redis-copy" })])).toEqual([IN_CLUSTER_MSG]);
  });
  it("is not applicable without backups; mandatory in production, disabled in staging", () => {
    expect(runStack(policy, [drill()])).toBeNull();
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "disabled" });
  });
});
