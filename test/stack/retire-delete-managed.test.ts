// Retiring the old database, step 2 (`retireCurrent: delete`) on Pulumi.production.yaml, managed:
// the old instances are no longer declared, the copy is untouched and serves as primary.
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../src/plan/run";
import { mandatory, named, ofType, planStack } from "./harness";
import { restoreTarget } from "../helpers/restore-time";

const RDS = "aws:rds/instance:Instance";
const TARGET = restoreTarget();
let managed: Plan;
beforeAll(async () => {
  managed = await planStack("production", [
    `postgres.restore.targetTime=${TARGET}`,
    "postgres.serveFrom=restored",
    "postgres.retireCurrent=delete",
  ]);
}, 60_000);

describe("retireCurrent: delete (managed)", () => {
  it("declares only the copy and its replica, still protected with deletion protection", () => {
    expect(ofType(managed, RDS).map((r) => [r.name, r.protect, r.inputs.deletionProtection])).toEqual([
      ["db-restored", true, true],
      ["db-restored-replica-0", true, true],
    ]);
  });

  it("keeps the copy's create-time source: the engine keeps the recorded primary (ignoreChanges)", () => {
    const copy = named(managed, RDS, "db-restored");
    expect(copy.inputs.restoreToPointInTime).toEqual({ restoreTime: TARGET });
    expect(copy.ignoreChanges).toEqual(["restoreToPointInTime.sourceDbInstanceIdentifier"]);
  });

  it("serves the copy as primary and reader in the stack outputs", () => {
    expect(managed.outputs.database).toMatchObject({
      primaryEndpoint: expect.stringMatching(/^db-restored\./),
      readerEndpoint: expect.stringMatching(/^db-restored-replica-0\./),
      servingFrom: "restored",
      // The copy's snapshots are what the release checklist dates once the primary is gone.
      serving: "db-restored",
    });
  });

  it("passes every mandatory policy", () => {
    expect(mandatory(managed)).toEqual([]);
  });
});
