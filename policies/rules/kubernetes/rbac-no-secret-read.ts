import { nameOf, namespaceOf } from "../../lib/kube";
import { configOf, validateTypes, type GantryResourcePolicy } from "../../lib/policy";
import { readsSecrets, type Rule, wildcards } from "../../lib/rbac";
import { T } from "../../lib/types";

const configSchema = {
  properties: {
    administratorRoles: {
      type: "array" as const,
      items: { type: "string" as const },
      default: ["gantry-administrator"],
      description: "Role/ClusterRole names that may read Secrets and use wildcards (the namespace's administrators).",
    },
  },
};

/**
 * Only administrator roles read Secrets or use wildcards: every other Role and ClusterRole names
 * its verbs, API groups and resources, and none of them lets its holder get, list or watch Secrets.
 *
 * Why: `list` and `watch` on Secrets return their data just like `get`, so "read-only" roles that
 * include Secrets hand out every database password; and a wildcard grants resources and verbs
 * that do not exist yet when the role is reviewed (an operator role with `*` on `pods` can
 * already exec, attach and port-forward).
 *
 * @severity high
 */
export const k8sRbacNoSecretRead: GantryResourcePolicy = {
  name: "k8s-rbac-no-secret-read",
  description: "Non-administrator Roles must not read Secrets or use wildcard verbs, API groups or resources.",
  severity: "high",
  enforcementLevel: "mandatory",
  configKey: "access",
  configSchema,
  validateResource: validateTypes([T.role, T.clusterRole], (props, args, report) => {
    const config = configOf<{ administratorRoles: string[] }>(args, configSchema);
    const name = nameOf(props, args.name);
    if (config.administratorRoles.includes(name)) return args.notApplicable(`${name} is an administrator role`);
    const rules: Rule[] = props.rules ?? [];
    const where = args.type === T.role ? `Role ${namespaceOf(props)}/${name}` : `ClusterRole ${name}`;
    if (readsSecrets(rules))
      report(`${where} can read Secrets: remove get/list/watch on secrets (only administrators read them).`);
    rules.forEach((r, i) => {
      const fields = wildcards(r);
      if (fields.length) report(`${where} rule ${i} uses a wildcard in ${fields.join(", ")}: name them explicitly.`);
    });
  }),
};
