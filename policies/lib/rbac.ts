/**
 * A small Kubernetes RBAC evaluator over plain Role/ClusterRole/RoleBinding objects, following the
 * API server's rule matching (plugin/pkg/auth/authorizer/rbac: VerbMatches, APIGroupMatches,
 * ResourceMatches, ResourceNameMatches). Pure; used by the policy `k8s-rbac-no-secret-read` and by
 * the tests that ask what each access role can do.
 */

type Obj = Record<string, any>;

/** One rule of a Role, as Kubernetes stores it. */
export interface Rule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
}

/** A namespaced request, as the authorizer sees it. */
export interface Request {
  readonly verb: string;
  /** "" for the core group. */
  readonly apiGroup: string;
  readonly resource: string;
  readonly subresource?: string;
  /** Object name; absent for list/watch/create of a collection. */
  readonly name?: string;
}

const has = (list: readonly string[] | undefined, v: string) => (list ?? []).includes(v);

/** Whether one rule allows the request (the API server's RuleAllows). */
export function ruleAllows(rule: Rule, req: Request): boolean {
  const combined = req.subresource ? `${req.resource}/${req.subresource}` : req.resource;
  const resources = rule.resources ?? [];
  const resourceOk =
    resources.includes("*") ||
    resources.includes(combined) ||
    (req.subresource !== undefined && resources.includes(`*/${req.subresource}`));
  const names = rule.resourceNames ?? [];
  return (
    (has(rule.verbs, "*") || has(rule.verbs, req.verb)) &&
    (has(rule.apiGroups, "*") || has(rule.apiGroups, req.apiGroup)) &&
    resourceOk &&
    (names.length === 0 || (req.name !== undefined && names.includes(req.name)))
  );
}

/**
 * Whether a member of `groups` may make `req` in `namespace`, given every Role, ClusterRole and
 * RoleBinding (ClusterRoleBindings are out of scope: Gantry creates none).
 */
export function allowed(objects: readonly Obj[], groups: readonly string[], namespace: string, req: Request): boolean {
  const roles = objects.filter((o) => o.kind === "Role" && (o.metadata?.namespace ?? "default") === namespace);
  const clusterRoles = objects.filter((o) => o.kind === "ClusterRole");
  const bindings = objects.filter((o) => o.kind === "RoleBinding" && (o.metadata?.namespace ?? "default") === namespace);
  return bindings.some((b) => {
    const member = (b.subjects ?? []).some((s: Obj) => s.kind === "Group" && groups.includes(s.name));
    if (!member) return false;
    const pool = b.roleRef?.kind === "ClusterRole" ? clusterRoles : roles;
    const role = pool.find((r) => r.metadata?.name === b.roleRef?.name);
    return (role?.rules ?? []).some((r: Rule) => ruleAllows(r, req));
  });
}

/** Verbs that return a Secret's data: list and watch return whole objects, like get. */
export const SECRET_READ_VERBS = ["get", "list", "watch"] as const;

/** Whether any rule lets its holder read Secrets (directly or through a wildcard). */
export function readsSecrets(rules: readonly Rule[]): boolean {
  return SECRET_READ_VERBS.some((verb) =>
    rules.some((r) => ruleAllows(r, { verb, apiGroup: "", resource: "secrets", name: r.resourceNames?.[0] })),
  );
}

/** Wildcards (`*`) in a rule's verbs, apiGroups or resources, by field. */
export function wildcards(rule: Rule): string[] {
  const fields = { verbs: rule.verbs, apiGroups: rule.apiGroups, resources: rule.resources } as const;
  return Object.entries(fields)
    .filter(([, list]) => (list ?? []).some((v) => v === "*" || v.startsWith("*/")))
    .map(([field]) => field);
}
