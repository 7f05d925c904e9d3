import { describe, expect, it } from "vitest";
import { roleRules } from "../../../components/access/roles";
import { T } from "../../../policies/lib/types";
import { k8sRbacNoSecretRead as policy } from "../../../policies/rules/kubernetes/rbac-no-secret-read";
import { levels, mutate, runResource } from "../harness";

const role = (name: string, rules: unknown[]) => ({
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "Role",
  metadata: { name, namespace: "gantry" },
  rules,
});
const operator = role("gantry-operator", roleRules("operator", { execPods: ["db-1", "db-2"] }));
const analyst = role("gantry-analyst", roleRules("analyst", { execPods: [] }));

describe("k8s-rbac-no-secret-read", () => {
  it("passes Gantry's operator and analyst Roles", () => {
    expect(runResource(policy, T.role, operator)).toEqual([]);
    expect(runResource(policy, T.role, analyst)).toEqual([]);
  });
  it("does not apply to the administrator Role (wildcards and Secrets are its job)", () => {
    expect(runResource(policy, T.role, role("gantry-administrator", roleRules("administrator", { execPods: [] })))).toBeNull();
  });
  it.each(["get", "list", "watch"])("reports %s on secrets", (verb) => {
    const r = mutate(analyst, (x: any) => x.rules.push({ apiGroups: [""], resources: ["secrets"], verbs: [verb] }));
    expect(runResource(policy, T.role, r)).toEqual([
      "Role gantry/gantry-analyst can read Secrets: remove get/list/watch on secrets (only administrators read them).",
    ]);
  });
  it("reports a Secret read limited to one name (that Secret still leaks)", () => {
    const r = mutate(operator, (x: any) =>
      x.rules.push({ apiGroups: [""], resources: ["secrets"], resourceNames: ["db-app-user"], verbs: ["get"] }),
    );
    expect(runResource(policy, T.role, r)).toEqual([
      "Role gantry/gantry-operator can read Secrets: remove get/list/watch on secrets (only administrators read them).",
    ]);
  });
  it("allows writing Secrets without reading them (create cannot return data)", () => {
    const r = mutate(operator, (x: any) => x.rules.push({ apiGroups: [""], resources: ["secrets"], verbs: ["create"] }));
    expect(runResource(policy, T.role, r)).toEqual([]);
  });
  it("reports a wildcard verb", () => {
    const r = mutate(operator, (x: any) => x.rules.push({ apiGroups: [""], resources: ["pods"], verbs: ["*"] }));
    const index = r.rules.length - 1;
    expect(runResource(policy, T.role, r)).toEqual([
      `Role gantry/gantry-operator rule ${index} uses a wildcard in verbs: name them explicitly.`,
    ]);
  });
  it("reports wildcard resources in the core group as a Secret read too", () => {
    const r = mutate(analyst, (x: any) => (x.rules = [{ apiGroups: [""], resources: ["*"], verbs: ["get"] }]));
    expect(runResource(policy, T.role, r)).toEqual([
      "Role gantry/gantry-analyst can read Secrets: remove get/list/watch on secrets (only administrators read them).",
      "Role gantry/gantry-analyst rule 0 uses a wildcard in resources: name them explicitly.",
    ]);
  });
  it("reports a wildcard API group and a */subresource wildcard", () => {
    const r = mutate(
      analyst,
      (x: any) => (x.rules = [{ apiGroups: ["*"], resources: ["deployments", "*/scale"], verbs: ["get"] }]),
    );
    expect(runResource(policy, T.role, r)).toEqual([
      "Role gantry/gantry-analyst rule 0 uses a wildcard in apiGroups, resources: name them explicitly.",
    ]);
  });
  it("checks ClusterRoles too", () => {
    const cr = { ...role("reader", [{ apiGroups: [""], resources: ["secrets"], verbs: ["list"] }]), kind: "ClusterRole" };
    expect(runResource(policy, T.clusterRole, cr)).toEqual([
      "ClusterRole reader can read Secrets: remove get/list/watch on secrets (only administrators read them).",
    ]);
  });
  it("exempts the roles listed in administratorRoles only", () => {
    const admin = role("platform-admin", roleRules("administrator", { execPods: [] }));
    expect(runResource(policy, T.role, admin)).toHaveLength(2);
    expect(runResource(policy, T.role, admin, { config: { administratorRoles: ["platform-admin"] } })).toBeNull();
  });
  it("is mandatory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
  });
});
