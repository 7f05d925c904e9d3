/**
 * Gantry's three access roles and what each may do in its namespace, as Kubernetes RBAC rules.
 * Pure data: the component turns these into Roles, the tests evaluate them (test/components/
 * access-rbac.test.ts) and the policy `k8s-rbac-no-secret-read` checks the rendered Roles.
 */
import type * as k8s from "@pulumi/kubernetes";

/** The roles our users asked for (USERS.md, "Access and audit"). */
export const ACCESS_ROLES = ["administrator", "operator", "analyst"] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

export type PolicyRule = k8s.types.input.rbac.v1.PolicyRule;

const READ = ["get", "list", "watch"];

/**
 * What the non-secret resources of a Gantry namespace are, by API group. Secrets are absent on
 * purpose: `list`/`watch` on Secrets return their data, so there is no harmless way to read them.
 */
const READABLE: Readonly<Record<string, readonly string[]>> = {
  "": [
    "pods",
    "services",
    "endpoints",
    "configmaps",
    "events",
    "persistentvolumeclaims",
    "serviceaccounts",
    "replicationcontrollers",
    "resourcequotas",
    "limitranges",
  ],
  apps: ["deployments", "statefulsets", "replicasets", "daemonsets", "controllerrevisions"],
  batch: ["jobs", "cronjobs"],
  autoscaling: ["horizontalpodautoscalers"],
  policy: ["poddisruptionbudgets"],
  "networking.k8s.io": ["networkpolicies"],
  "discovery.k8s.io": ["endpointslices"],
  "events.k8s.io": ["events"],
  "gateway.networking.k8s.io": ["gateways", "httproutes", "referencegrants"],
  "gateway.nginx.org": ["clientsettingspolicies", "ratelimitpolicies", "proxysettingspolicies"],
  "postgresql.cnpg.io": ["clusters", "backups", "scheduledbackups", "poolers"],
  "barmancloud.cnpg.io": ["objectstores"],
  "monitoring.coreos.com": ["prometheusrules", "podmonitors", "servicemonitors", "alertmanagerconfigs"],
  "cert-manager.io": ["certificates"],
};

/** Read-only on every non-secret resource: the analyst's whole role and the operator's base. */
function readAll(): PolicyRule[] {
  return Object.entries(READABLE).map(([group, resources]) => ({
    apiGroups: [group],
    resources: [...resources],
    verbs: [...READ],
  }));
}

/** Inputs that shape the operator's rules. */
export interface RoleContext {
  /**
   * Pods the operator may exec into (database and Redis pods, by name). RBAC cannot select pods
   * by label, so exec is granted by `resourceNames`; empty = no exec at all (managed data tier).
   */
  readonly execPods: readonly string[];
}

/**
 * The rules of one role. Administrator: everything in the namespace (including its Secrets and
 * RBAC: administrators grant the other roles). Operator: read everything but Secrets, restart,
 * scale and roll back workloads, run and delete Jobs, delete pods, read logs, exec into the
 * database pods only, trigger on-demand CNPG backups. Analyst: read-only, no Secrets, no logs
 * (application logs can carry personal data and tokens), no exec, no port-forward.
 */
export function roleRules(role: AccessRole, ctx: RoleContext): PolicyRule[] {
  if (role === "administrator") return [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }];
  if (role === "analyst") return readAll();
  const rules: PolicyRule[] = [
    ...readAll(),
    // `kubectl rollout restart/undo` patch the workload; `kubectl scale` goes through /scale.
    { apiGroups: ["apps"], resources: ["deployments", "statefulsets"], verbs: ["patch", "update"] },
    { apiGroups: ["apps"], resources: ["deployments/scale", "statefulsets/scale"], verbs: ["get", "patch", "update"] },
    { apiGroups: ["batch"], resources: ["jobs", "cronjobs"], verbs: ["create", "update", "patch", "delete"] },
    { apiGroups: [""], resources: ["pods"], verbs: ["delete"] },
    { apiGroups: [""], resources: ["pods/log"], verbs: ["get"] },
    // `kubectl cnpg restart|promote` annotate/patch the Cluster; an on-demand backup is a Backup object.
    { apiGroups: ["postgresql.cnpg.io"], resources: ["clusters"], verbs: ["patch"] },
    { apiGroups: ["postgresql.cnpg.io"], resources: ["backups"], verbs: ["create"] },
  ];
  if (ctx.execPods.length > 0) {
    // `create` is what exec needs over SPDY and, since Kubernetes 1.31, over WebSockets too;
    // `get` covers older API servers that authorise the WebSocket upgrade as a read.
    rules.push({ apiGroups: [""], resources: ["pods/exec"], resourceNames: [...ctx.execPods], verbs: ["create", "get"] });
  }
  return rules;
}
