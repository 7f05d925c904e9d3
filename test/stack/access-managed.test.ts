// Access roles in the real production program (managed tier): IAM policies per role attached to
// the configured IAM roles, the analyst's rds-db:connect naming the primary's resource id.
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../src/plan/run";
import { evaluate } from "../helpers/iam-eval";
import { named, ofType, planStack } from "./harness";

let plan: Plan;
beforeAll(async () => {
  plan = await planStack("production");
}, 60_000);

const doc = (role: string) => JSON.parse(named(plan, "aws:iam/policy:Policy", `access-${role}`).inputs.policy as string);

describe("access roles (production, managed)", () => {
  it("attaches each role's policy to the IAM role named in gantry:access", () => {
    const attachments = ofType(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) =>
      a.name.startsWith("access-"),
    );
    expect(attachments.map((a) => a.inputs.role).sort()).toEqual(["DataAnalyst", "PlatformAdmin", "SreOperator"]);
  });

  it("lets the analyst connect with IAM auth only as the analyst database user of this instance", () => {
    const primary = named(plan, "aws:rds/instance:Instance", "db-primary");
    expect(primary.inputs.iamDatabaseAuthenticationEnabled).toBe(true);
    const [statement] = doc("analyst").Statement.filter((s: any) => s.Action.includes("rds-db:connect"));
    expect(statement.Resource).toMatch(/^arn:aws:rds-db:eu-west-1:123456789012:dbuser:db-[A-Z0-9]+\/analyst$/);
    expect(evaluate([doc("analyst")], "rds-db:connect", statement.Resource)).toBe("allow");
    expect(evaluate([doc("analyst")], "rds-db:connect", statement.Resource.replace(/analyst$/, "app"))).toBe("implicit-deny");
  });

  it("lets the operator fail over production's ElastiCache but not staging's, and never delete", () => {
    const group = "arn:aws:elasticache:eu-west-1:123456789012:replicationgroup:cache";
    const tag = (env: string) => ({ "aws:ResourceTag/gantry:environment": env });
    expect(evaluate([doc("operator")], "elasticache:TestFailover", group, tag("production"))).toBe("allow");
    expect(evaluate([doc("operator")], "elasticache:TestFailover", group, tag("staging"))).toBe("implicit-deny");
    expect(evaluate([doc("operator")], "rds:DeleteDBInstance", "arn:aws:rds:eu-west-1:123456789012:db:db-primary")).toBe(
      "explicit-deny",
    );
  });
});
