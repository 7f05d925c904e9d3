/**
 * Access roles: a namespaced Role per role, a RoleBinding to its identity-provider groups, and
 * in the managed tier an IAM policy per role attached to its IAM principals.
 */
import { createHash } from "node:crypto";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { loadAws } from "../common/aws";
import { baseLabels, type Problem } from "../common/types";
import type { AccessArgs } from "./args";
import { serviceAccount } from "../common/hardening";
import { analystUserSql, databaseUserJob } from "./database-user";
import { IAM_ROLE_ARN, iamPolicyDocument, roleNameOf } from "./iam";
import { ACCESS_ROLES, type AccessRole, roleRules } from "./roles";

/** Kubernetes name of a role's Role and RoleBinding (prefixed: the namespace may hold others). */
export const rbacName = (role: AccessRole) => `gantry-${role}`;

/** Label naming the Gantry role on its Role/RoleBinding. */
export const ACCESS_ROLE_LABEL = "gantry.dev/access-role";

/** Problems with the args, keyed like `gantry:access` so config and component read the same. */
export function validateAccessArgs(a: AccessArgs): Problem[] {
  const problems: Problem[] = [];
  for (const role of ACCESS_ROLES) {
    const m = a.roles[role];
    m.groups.forEach((g, i) => {
      if (!/^\S+$/.test(g)) problems.push({ path: `access.${role}.groups[${i}]`, message: "must be a non-empty group name" });
    });
    (m.iamPrincipals ?? []).forEach((arn, i) => {
      if (!IAM_ROLE_ARN.test(arn))
        problems.push({ path: `access.${role}.iamPrincipals[${i}]`, message: `"${arn}" is not an IAM role ARN` });
    });
    if (!a.managed && (m.iamPrincipals ?? []).length > 0) {
      problems.push({
        path: `access.${role}.iamPrincipals`,
        message: "needs the managed data tier (there is no IAM in-cluster)",
      });
    }
  }
  return problems;
}

export class Access extends pulumi.ComponentResource {
  /** Role name per Gantry role. */
  public readonly roleNames: Readonly<Record<AccessRole, string>>;
  /** IAM policy ARN per role (managed tier). */
  public readonly policyArns?: Readonly<Record<AccessRole, pulumi.Output<string>>>;

  constructor(name: string, args: AccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gantry:access:Access", name, {}, opts);
    const problems = validateAccessArgs(args);
    if (problems.length > 0) {
      const list = problems.map((p) => `  - ${p.path}: ${p.message}`).join("\n");
      throw new pulumi.ResourceError(`Access "${name}" has invalid arguments:\n${list}`, this);
    }
    const labels = { ...args.labels, ...baseLabels("access", name) };
    const execPods = args.execPods ?? [];
    for (const role of ACCESS_ROLES) {
      const meta = { name: rbacName(role), namespace: args.namespace, labels: { ...labels, [ACCESS_ROLE_LABEL]: role } };
      const r = new k8s.rbac.v1.Role(
        `${name}-${role}`,
        { metadata: meta, rules: roleRules(role, { execPods }) },
        { parent: this },
      );
      const groups = args.roles[role].groups;
      // No binding without members: an empty RoleBinding grants nothing and only adds noise.
      if (groups.length === 0) continue;
      new k8s.rbac.v1.RoleBinding(
        `${name}-${role}-binding`,
        {
          metadata: meta,
          roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: r.metadata.name },
          subjects: groups.map((g) => ({ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: g })),
        },
        { parent: this },
      );
    }
    this.roleNames = Object.fromEntries(ACCESS_ROLES.map((r) => [r, rbacName(r)])) as Record<AccessRole, string>;
    if (args.managed) this.policyArns = this.createIamPolicies(name, args, args.managed);
    if (args.managed?.ownerUrl) this.createDatabaseUser(name, args, args.managed.ownerUrl, labels);
    this.registerOutputs({ roleNames: this.roleNames, policyArns: this.policyArns });
  }

  /** The Job that creates the analyst's IAM-authenticated database user (managed tier). */
  private createDatabaseUser(
    name: string,
    a: AccessArgs,
    url: { name: pulumi.Input<string>; key: string },
    labels: Record<string, string>,
  ) {
    const user = a.analystDbUser ?? "analyst";
    const jobLabels = { ...labels, ...a.managed?.clientLabels, "app.kubernetes.io/component": "database-user" };
    const sa = new k8s.core.v1.ServiceAccount(`${name}-db-user`, serviceAccount(`${name}-db-user`, a.namespace, jobLabels), {
      parent: this,
    });
    // Named by a hash of what it runs: a Job's pod template is immutable, so a change is a new Job.
    const jobName = `${name}-db-user-${createHash("sha256").update(analystUserSql(user)).digest("hex").slice(0, 8)}`;
    // It serves nothing: no ingress at all. (Egress follows the namespace's policies; the
    // database client label admits it to the database.)
    new k8s.networking.v1.NetworkPolicy(
      `${name}-db-user`,
      {
        metadata: { name: `${name}-db-user`, namespace: a.namespace, labels: jobLabels },
        spec: {
          podSelector: { matchLabels: { "app.kubernetes.io/component": "database-user", "app.kubernetes.io/instance": name } },
          policyTypes: ["Ingress"],
        },
      },
      { parent: this },
    );
    new k8s.batch.v1.Job(
      jobName,
      databaseUserJob({
        name: jobName,
        namespace: a.namespace,
        user,
        url,
        labels: jobLabels,
        serviceAccountName: `${name}-db-user`,
      }),
      { parent: this, dependsOn: [sa] },
    );
  }

  private createIamPolicies(name: string, a: AccessArgs, db: NonNullable<AccessArgs["managed"]>) {
    const aws = loadAws();
    const tags = { "gantry:component": name, "gantry:environment": a.environment };
    const arns = {} as Record<AccessRole, pulumi.Output<string>>;
    for (const role of ACCESS_ROLES) {
      const document = pulumi.all([db.instanceArn, db.resourceId]).apply(([dbInstanceArn, dbResourceId]) =>
        JSON.stringify(
          iamPolicyDocument(role, {
            dbInstanceArn,
            dbResourceId,
            analystDbUser: a.analystDbUser ?? "analyst",
            environment: a.environment,
          }),
        ),
      );
      const policy = new aws.iam.Policy(
        `${name}-${role}`,
        { description: `Gantry ${role} (${a.environment})`, policy: document, tags },
        { parent: this },
      );
      // Named by a hash of the ARN, so adding or removing one principal never renames the others.
      for (const arn of a.roles[role].iamPrincipals ?? []) {
        new aws.iam.RolePolicyAttachment(
          `${name}-${role}-${createHash("sha256").update(arn).digest("hex").slice(0, 8)}`,
          { role: roleNameOf(arn), policyArn: policy.arn },
          { parent: this },
        );
      }
      arns[role] = policy.arn;
    }
    return arns;
  }
}
