// Point-in-time restore as a stack update, managed tier: Pulumi.production.yaml with a restore
// target and serveFrom=restored, planned under mocks.
import { beforeAll, describe, expect, it } from "vitest";
import { credentialSecret } from "../helpers/credentials";
import type { Plan, PlanResource } from "../../src/plan/run";
import { unwrapSecrets } from "../../src/plan/capture";
import { capturedResources, mandatory, named, ofType, planStack } from "./harness";
import { restoreTarget } from "../helpers/restore-time";

const RDS = "aws:rds/instance:Instance";
const TARGET = restoreTarget();
let plan: Plan;
beforeAll(async () => {
  plan = await planStack("production", [`postgres.restore.targetTime=${TARGET}`, "postgres.serveFrom=restored"]);
}, 60_000);

const databaseUrlSecret = (r: PlanResource) => {
  const spec = (r.inputs.spec as any).template?.spec ?? (r.inputs.spec as any).jobTemplate.spec.template.spec;
  return credentialSecret(spec, "DATABASE_URL");
};

describe("production restore (managed)", () => {
  it("restores the primary to the target time into db-restored", () => {
    const copy = named(plan, RDS, "db-restored");
    expect(copy.inputs.restoreToPointInTime).toEqual({ restoreTime: TARGET, sourceDbInstanceIdentifier: "db-primary" });
    expect(copy.inputs.tags).toMatchObject({ "gantry:restore-target": TARGET, "gantry:restore-source": "primary" });
  });

  it("copies the primary's network, parameter group, encryption, Multi-AZ and class instead of RDS's defaults", () => {
    const primary = named(plan, RDS, "db-primary");
    const copy = named(plan, RDS, "db-restored");
    const keys = [
      "dbSubnetGroupName",
      "vpcSecurityGroupIds",
      "parameterGroupName",
      "storageEncrypted",
      "multiAz",
      "instanceClass",
      "publiclyAccessible",
      "caCertIdentifier",
      "backupRetentionPeriod",
      "deletionProtection",
    ];
    const pick = (r: PlanResource) => Object.fromEntries(keys.map((k) => [k, r.inputs[k]]));
    expect(pick(copy)).toEqual(pick(primary));
    expect(copy.inputs).toMatchObject({
      multiAz: true,
      storageEncrypted: true,
      deletionProtection: true,
      skipFinalSnapshot: false,
    });
    expect(copy.inputs.dbSubnetGroupName).toBe("db-subnets-0a1b2c3");
  });

  it("gives the copy a read replica like the primary, and protects all four instances", () => {
    const rds = ofType(plan, RDS);
    expect(rds.map((r) => [r.name, r.protect]).sort()).toEqual([
      ["db-primary", true],
      ["db-replica-0", true],
      ["db-restored", true],
      ["db-restored-replica-0", true],
    ]);
    expect(named(plan, RDS, "db-restored-replica-0").inputs.replicateSourceDb).toBe("db-restored");
  });

  it("leaves the current primary as it is: no restore input, protected, deletion protection on", () => {
    const primary = named(plan, RDS, "db-primary");
    expect(primary.inputs.restoreToPointInTime).toBeUndefined();
    expect(primary.inputs).toMatchObject({ deletionProtection: true, deleteAutomatedBackups: false, dbName: "app" });
  });

  it("points DATABASE_URL of the app, the worker and the migration Jobs at the restored database", () => {
    const readers = [
      ...ofType(plan, "kubernetes:apps/v1:Deployment").filter((d) => /^(app|worker)-deploy-/.test(d.name)),
      ...ofType(plan, "kubernetes:batch/v1:Job").filter((j) => j.name.startsWith("migrations-")),
    ];
    expect(readers.length).toBe(6);
    expect(new Set(readers.map(databaseUrlSecret))).toEqual(new Set(["db-restored-url"]));
  });

  it("moves AWS Backup's selection and restore test to the serving copy", () => {
    const arn = "arn:aws:rds:eu-west-1:123456789012:db:db-restored";
    expect(named(plan, "aws:backup/selection:Selection", "backups-selection").inputs.resources).toEqual([arn]);
    const test = named(plan, "aws:backup/restoreTestingSelection:RestoreTestingSelection", "backups-restore-test-rds");
    expect(test.inputs.protectedResourceArns).toEqual([arn]);
  });

  it("keeps the restored credentials secret: masked in the plan, the copy's host inside the Secret", () => {
    const secret = named(plan, "kubernetes:core/v1:Secret", "db-restored-url");
    expect(secret.inputs.stringData).toBe("[secret]");
    expect(named(plan, RDS, "db-restored").inputs.password).toBe("[secret]");
    const raw = capturedResources().find((r) => r.name === "db-restored-url")!;
    expect((unwrapSecrets(raw.inputs) as any).stringData.DATABASE_URL).toMatch(
      /^postgresql:\/\/app:[^@]+@db-restored\.abc123\.eu-west-1\.rds\.amazonaws\.com:5432\/app\?sslmode=require$/,
    );
    expect(JSON.stringify(plan)).not.toContain("mock-db-password");
  });

  it("reports the copy in the database output and adds no mandatory violation", () => {
    expect(plan.outputs.database).toMatchObject({
      servingFrom: "restored",
      // AWS Backup follows the serving copy: the checklist dates its snapshots.
      serving: "db-restored",
      restoredEndpoint: "db-restored.abc123.eu-west-1.rds.amazonaws.com",
      primaryEndpoint: "db-primary.abc123.eu-west-1.rds.amazonaws.com",
    });
    expect(mandatory(plan)).toEqual([]);
  });
});
