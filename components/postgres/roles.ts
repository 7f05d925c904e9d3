/**
 * Extra login roles in the CNPG Cluster (`spec.managed.roles`), each with a generated password
 * in a basic-auth Secret the operator reads. Never superuser, createdb or createrole.
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

/** One database role: login, member of `inRoles` (predefined roles such as pg_read_all_data). */
export interface DatabaseRole {
  readonly name: string;
  readonly inRoles: readonly string[];
  readonly comment: string;
}

/** Kubernetes name of a role's password Secret. */
export const roleSecretName = (cluster: string, role: string) => `${cluster}-role-${role}`;

/**
 * The `managed.roles` entries; with `withPasswords` each names its Secret (otherwise the role has
 * no password and logs in only through the operator's own means, e.g. the local render stack).
 */
export function managedRoles(cluster: string, roles: readonly DatabaseRole[], withPasswords: boolean) {
  return roles.map((r) => ({
    name: r.name,
    ensure: "present",
    login: true,
    superuser: false,
    createdb: false,
    createrole: false,
    inherit: true,
    inRoles: [...r.inRoles],
    comment: r.comment,
    connectionLimit: 10,
    ...(withPasswords ? { passwordSecret: { name: roleSecretName(cluster, r.name) } } : {}),
  }));
}

/** A random password and basic-auth Secret per role (CNPG reloads it on the `cnpg.io/reload` label). */
export function createRoleSecrets(
  parent: pulumi.ComponentResource,
  cluster: string,
  namespace: string,
  labels: Record<string, string>,
  roles: readonly DatabaseRole[],
): k8s.core.v1.Secret[] {
  return roles.map((r) => {
    const password = new random.RandomPassword(`${cluster}-role-${r.name}-password`, { length: 32, special: false }, { parent });
    return new k8s.core.v1.Secret(
      `${cluster}-role-${r.name}`,
      {
        metadata: { name: roleSecretName(cluster, r.name), namespace, labels: { ...labels, "cnpg.io/reload": "true" } },
        type: "kubernetes.io/basic-auth",
        stringData: { username: r.name, password: password.result },
      },
      { parent },
    );
  });
}
