// Pure decisions of the access roles: exec targets, database roles, SQL identifiers, role names.
import { describe, expect, it } from "vitest";
import { CNPG_SERIAL_HEADROOM, DATABASE_ROLES, execPodNames } from "../../components/access/pods";
import { analystUserSql } from "../../components/access/database-user";
import { iamPolicyDocument, roleNameOf } from "../../components/access/iam";
import { roleRules } from "../../components/access/roles";
import { managedRoles } from "../../components/postgres/roles";

describe("exec targets", () => {
  it("lists CNPG serials 1..instances+headroom and every StatefulSet ordinal", () => {
    const names = execPodNames({ postgres: { cluster: "db", instances: 1 }, redis: [{ statefulSet: "cache", pods: 1 }] });
    expect(names).toHaveLength(1 + CNPG_SERIAL_HEADROOM + 1);
    expect(names[0]).toBe("db-1");
    expect(names).toContain(`db-${1 + CNPG_SERIAL_HEADROOM}`);
    expect(names).not.toContain("db-0");
    expect(names.at(-1)).toBe("cache-0");
  });
  it("grants no exec rule at all without targets", () => {
    expect(
      roleRules("operator", { execPods: [] }).some((r) => (r.resources as string[] | undefined)?.includes("pods/exec")),
    ).toBe(false);
  });
});

describe("database roles", () => {
  it("never makes a superuser, and the operator reads no table data", () => {
    const roles = managedRoles("db", DATABASE_ROLES, true);
    for (const r of roles) expect(r).toMatchObject({ superuser: false, createdb: false, createrole: false, login: true });
    expect(roles.find((r) => r.name === "operator")!.inRoles).not.toContain("pg_read_all_data");
    expect(roles.find((r) => r.name === "analyst")!.inRoles).toEqual(["pg_read_all_data"]);
  });
  it("names a password Secret only when Gantry generates credentials", () => {
    expect(managedRoles("db", DATABASE_ROLES, true).map((r) => r.passwordSecret?.name)).toEqual([
      "db-role-analyst",
      "db-role-operator",
    ]);
    expect(managedRoles("db", DATABASE_ROLES, false).every((r) => !("passwordSecret" in r))).toBe(true);
  });
  it.each(["Analyst", "analyst; DROP TABLE x", "a-b", ""])("refuses %j as a database user in SQL", (user) => {
    expect(() => analystUserSql(user)).toThrow(/lower-case SQL identifier/);
  });
});

describe("IAM names", () => {
  it("takes the role name from a role ARN with a path", () => {
    expect(roleNameOf("arn:aws:iam::123456789012:role/teams/sre/Operator")).toBe("Operator");
  });
  it("refuses a database ARN without region and account", () => {
    expect(() =>
      iamPolicyDocument("analyst", {
        dbInstanceArn: "db-primary",
        dbResourceId: "db-X",
        analystDbUser: "analyst",
        environment: "staging",
      }),
    ).toThrow(/not an ARN/);
  });
});
