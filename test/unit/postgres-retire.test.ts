// The retire decisions (components/postgres/retire.ts), without mocks: what each step declares.
import { describe, expect, it } from "vitest";
import { currentDatabasePlan, liveDatabases, RETIRING_LABEL, RETIRING_TAG } from "../../components/postgres/retire";
import { validatePostgresArgs, resolvePostgresArgs } from "../../components/postgres/defaults";
import * as policyMarkers from "../../policies/lib/retiring";

const production = { protect: true, deletionProtection: true, environment: "production" as const };
const staging = { protect: false, deletionProtection: false, environment: "staging" as const };

describe("currentDatabasePlan", () => {
  it("without a retire step: the environment's protection, PITR history kept only in production", () => {
    expect(currentDatabasePlan(production)).toEqual({
      declared: true,
      protect: true,
      deletionProtection: true,
      deleteAutomatedBackups: false,
      retiring: false,
    });
    expect(currentDatabasePlan(staging).deleteAutomatedBackups).toBe(true);
  });

  it.each([production, staging])("unprotect ($environment): declared, deletable, history kept, marked", (env) => {
    expect(currentDatabasePlan({ ...env, retireCurrent: "unprotect" })).toEqual({
      declared: true,
      protect: false,
      deletionProtection: false,
      deleteAutomatedBackups: false,
      retiring: true,
    });
  });

  it("delete: no longer declared, with the very settings unprotect left (nothing changes before the delete)", () => {
    const { declared, ...rest } = currentDatabasePlan({ ...production, retireCurrent: "delete" });
    const { declared: before, ...unprotect } = currentDatabasePlan({ ...production, retireCurrent: "unprotect" });
    expect([declared, before]).toEqual([false, true]);
    expect(rest).toEqual(unprotect);
  });
});

describe("liveDatabases", () => {
  it("follows restore → cut-over → delete", () => {
    expect(liveDatabases("db", {})).toEqual({ current: "db", restored: undefined, serving: "db" });
    expect(liveDatabases("db", { restore: {} })).toEqual({ current: "db", restored: "db-restored", serving: "db" });
    expect(liveDatabases("db", { restore: {}, serveFrom: "restored", retireCurrent: "unprotect" })).toEqual({
      current: "db",
      restored: "db-restored",
      serving: "db-restored",
    });
    expect(liveDatabases("db", { restore: {}, serveFrom: "restored", retireCurrent: "delete" })).toEqual({
      current: undefined,
      restored: "db-restored",
      serving: "db-restored",
    });
  });
});

describe("component validation", () => {
  const args = {
    environment: "staging" as const,
    tier: "in-cluster" as const,
    namespace: "app",
    version: "17",
    replicas: 0,
    databaseName: "app",
    username: "app",
    storageGb: 10,
    walArchive: { plugin: { name: "barman-cloud.cloudnative-pg.io" }, archiveTimeoutSeconds: 300 },
  };
  it("refuses a retire step without a cut-over to a restore, naming the argument and the fix", () => {
    const restore = { targetTime: "2026-11-20T10:00:00Z", source: "primary" };
    const problems = (extra: object) => validatePostgresArgs(resolvePostgresArgs({ ...args, ...extra })).map((p) => p.path);
    expect(problems({ retireCurrent: "delete" })).toEqual(["retireCurrent"]);
    expect(problems({ retireCurrent: "unprotect", restore })).toEqual(["retireCurrent"]);
    expect(problems({ retireCurrent: "delete", restore, serveFrom: "restored" })).toEqual([]);
    const [p] = validatePostgresArgs(resolvePostgresArgs({ ...args, retireCurrent: "delete" }));
    expect(p!.message).toContain("cut over first");
  });
});

it("the policies read the markers the component writes", () => {
  expect([policyMarkers.RETIRING_TAG, policyMarkers.RETIRING_LABEL]).toEqual([RETIRING_TAG, RETIRING_LABEL]);
});
