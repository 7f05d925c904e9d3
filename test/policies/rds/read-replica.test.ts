import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { rdsReadReplica as policy } from "../../../policies/rules/rds/read-replica";
import { levels, propsIn, runStack, type StackFixture } from "../harness";
import { rdsPrimary, rdsReplica } from "../fixtures";

const primary: StackFixture = { type: T.rdsInstance, name: "db-primary", props: { ...rdsPrimary, identifier: "db-primary" } };
const replica: StackFixture = { type: T.rdsInstance, name: "db-replica-0", props: rdsReplica };

describe("rds-read-replica", () => {
  it("passes a primary with a replica naming it", () => {
    expect(runStack(policy, [primary, replica])).toEqual([]);
  });
  it("matches a replica by dependency when the identifier is auto-generated", () => {
    const p = { ...primary, props: rdsPrimary };
    const r = { ...replica, props: { ...rdsReplica, replicateSourceDb: "db-primary-9f8e7d" }, deps: ["db-primary"] };
    expect(runStack(policy, [p, r])).toEqual([]);
  });
  it("reports a primary without replicas", () => {
    expect(runStack(policy, [primary])).toEqual([
      'Instance "db-primary" has 0 read replica(s): add at least 1 (an instance with replicateSourceDb pointing at it).',
    ]);
  });
  it("reports a replica of another primary", () => {
    const other = { ...replica, props: { ...rdsReplica, replicateSourceDb: "other-db" } };
    expect(runStack(policy, [primary, other])).toEqual([
      'Instance "db-primary" has 0 read replica(s): add at least 1 (an instance with replicateSourceDb pointing at it).',
    ]);
  });
  it("honours minReplicas", () => {
    expect(runStack(policy, [primary, replica], { minReplicas: 2 })).toEqual([
      'Instance "db-primary" has 1 read replica(s): add at least 2 (an instance with replicateSourceDb pointing at it).',
    ]);
  });
  it("is not applicable without RDS", () => {
    expect(runStack(policy, [])).toBeNull();
  });
  it("is mandatory in production (1 replica), disabled in staging", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "disabled" });
    expect(propsIn(policy.name, "production")).toEqual({ minReplicas: 1 });
  });
});
