// Access roles in the real production program with the in-cluster data tier: the operator's exec
// rule names exactly the pods the CNPG Cluster and Redis StatefulSets run, and the database gets
// the analyst and operator roles with generated passwords.
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../src/plan/run";
import { allowed, type Request } from "../../policies/lib/rbac";
import { capturedResources, named, ofType, planStack } from "./harness";
import { mandatoryUnlessDrillPending } from "../helpers/drill-pending";
import { unwrapSecrets } from "../../src/plan/capture";
import { T } from "../../policies/lib/types";
import { k8sRbacNoSecretRead as policy } from "../../policies/rules/kubernetes/rbac-no-secret-read";
import { runResource } from "../policies/harness";

let plan: Plan;
beforeAll(async () => {
  plan = await planStack("production", ["dataTier=in-cluster"]);
}, 60_000);

const NS = "gantry-production";
const objects = () => capturedResources().map((r) => unwrapSecrets(r.inputs) as Record<string, any>);
const exec = (name: string): Request => ({ verb: "create", apiGroup: "", resource: "pods", subresource: "exec", name });

describe("access roles (production, in-cluster)", () => {
  it("lets the operator exec into every database and Redis pod the plan runs, and no app pod", () => {
    const cluster = named(plan, "kubernetes:postgresql.cnpg.io/v1:Cluster", "db-cluster").inputs as any;
    const pods = [
      ...Array.from({ length: cluster.spec.instances }, (_, i) => `${cluster.metadata.name}-${i + 1}`),
      ...ofType(plan, "kubernetes:apps/v1:StatefulSet").flatMap((s: any) =>
        Array.from({ length: s.inputs.spec.replicas }, (_, i) => `${s.inputs.metadata.name}-${i}`),
      ),
    ];
    expect(pods).toHaveLength(2 + 2 + 3);
    for (const pod of pods) expect(allowed(objects(), ["oidc:sre"], NS, exec(pod)), pod).toBe(true);
    for (const pod of pods) expect(allowed(objects(), ["oidc:analysts"], NS, exec(pod)), pod).toBe(false);
    const app = ofType(plan, "kubernetes:apps/v1:Deployment").map((d: any) => `${d.inputs.metadata.name}-7d9f-abcde`);
    expect(app.length).toBeGreaterThan(0);
    for (const pod of app) expect(allowed(objects(), ["oidc:sre"], NS, exec(pod)), pod).toBe(false);
  });

  it("keeps every Secret the plan creates unreadable to the operator and analyst, readable to administrators", () => {
    const secrets = ofType(plan, "kubernetes:core/v1:Secret").map((s: any) => s.inputs.metadata.name as string);
    expect(secrets).toEqual(expect.arrayContaining(["db-role-analyst", "db-role-operator", "db-app-user"]));
    for (const name of secrets) {
      const get: Request = { verb: "get", apiGroup: "", resource: "secrets", name };
      expect(allowed(objects(), ["oidc:sre"], NS, get), name).toBe(false);
      expect(allowed(objects(), ["oidc:analysts"], NS, get), name).toBe(false);
      expect(allowed(objects(), ["oidc:platform-admins"], NS, get), name).toBe(true);
    }
  });

  it("manages an analyst (pg_read_all_data) and an operator role in the CNPG Cluster, passwords in basic-auth Secrets", () => {
    const spec = named(plan, "kubernetes:postgresql.cnpg.io/v1:Cluster", "db-cluster").inputs.spec as any;
    const roles = Object.fromEntries(spec.managed.roles.map((r: any) => [r.name, r]));
    expect(Object.keys(roles)).toEqual(["analyst", "operator"]);
    expect(roles.analyst).toMatchObject({
      login: true,
      superuser: false,
      inRoles: ["pg_read_all_data"],
      passwordSecret: { name: "db-role-analyst" },
    });
    expect(roles.operator.inRoles).not.toContain("pg_read_all_data");
    expect(roles.operator).toMatchObject({ superuser: false, createrole: false, createdb: false });
    const secret = capturedResources().find((r) => r.name === "db-role-analyst")!;
    const s = unwrapSecrets(secret.inputs) as any;
    expect(s.type).toBe("kubernetes.io/basic-auth");
    expect(s.stringData.username).toBe("analyst");
    // The password is a Pulumi secret end to end: masked in the plan output.
    expect(JSON.stringify(named(plan, "kubernetes:core/v1:Secret", "db-role-analyst").inputs)).not.toContain(
      s.stringData.password,
    );
  });

  it("passes k8s-rbac-no-secret-read on every non-administrator Role, and has no mandatory violation", () => {
    const roles = ofType(plan, T.role);
    expect(roles.map((r) => runResource(policy, T.role, r.inputs, { name: r.name }))).toEqual(
      roles.map((r) => ((r.inputs as any).metadata.name === "gantry-administrator" ? null : [])),
    );
    // backup-restore-drill waits for B1's drill CronJob (see the helper).
    expect(mandatoryUnlessDrillPending(plan)).toEqual([]);
  });
});
