// `gantry:backups.objectStore.roleArn`: every pod that reads the object store by IAM role gets
// that role through its ServiceAccount — the drill, the Redis RDB copy, and the CNPG instance
// pods (current Cluster and a restored one, whose Barman Cloud plugin archives and recovers).
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../src/plan/run";
import { expectValidKubernetes, mandatory, named, ofType, planStack } from "./harness";
import { restoreTarget } from "../helpers/restore-time";

const ROLE = "arn:aws:iam::123456789012:role/gantry-production-backups";
const SA = "kubernetes:core/v1:ServiceAccount";
const CLUSTER = "kubernetes:postgresql.cnpg.io/v1:Cluster";
let plan: Plan;
let checked = 0;
beforeAll(async () => {
  plan = await planStack("production", [
    "dataTier=in-cluster",
    `backups.objectStore.roleArn=${ROLE}`,
    `postgres.restore.targetTime=${restoreTarget()}`,
  ]);
  checked = await expectValidKubernetes();
}, 60_000);

const annotations = (r: { inputs: Record<string, any> }) => r.inputs.metadata?.annotations;

describe("backups.objectStore.roleArn (in-cluster, production)", () => {
  it("annotates the restore drill's and the Redis copy's ServiceAccounts with the role", () => {
    for (const name of ["restore-drill-sa", "redis-backup-sa"])
      expect(annotations(named(plan, SA, name)), name).toEqual({ "eks.amazonaws.com/role-arn": ROLE });
  });

  it("gives no other ServiceAccount the role", () => {
    const others = ofType(plan, SA).filter((s) => !["restore-drill-sa", "redis-backup-sa"].includes(s.name));
    expect(others.length).toBeGreaterThan(0);
    for (const s of others) expect(annotations(s)?.["eks.amazonaws.com/role-arn"], s.name).toBeUndefined();
  });

  it("puts the role on the ServiceAccount CNPG makes for each Cluster (WAL archive and recovery)", () => {
    for (const c of ofType(plan, CLUSTER))
      expect((c.inputs.spec as any).serviceAccountTemplate, c.name).toEqual({
        metadata: { annotations: { "eks.amazonaws.com/role-arn": ROLE } },
      });
    expect(ofType(plan, CLUSTER).map((c) => c.name)).toEqual(["db-cluster", "db-restored-cluster"]);
  });

  it("keeps the ObjectStore on the IAM role (no static keys) and validates against the CRDs", () => {
    const store = named(plan, "kubernetes:barmancloud.cnpg.io/v1:ObjectStore", "db-backups");
    expect((store.inputs.spec as any).configuration.s3Credentials).toEqual({ inheritFromIAMRole: true });
    expect(checked).toBeGreaterThan(20);
    expect(mandatory(plan)).toEqual([]);
  });
});
