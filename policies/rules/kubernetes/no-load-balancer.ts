import type { PolicyConfigSchema } from "@pulumi/policy";
import { LABELS, namespaceOf } from "../../lib/kube";
import { configOf, validateTypes, type GantryResourcePolicy } from "../../lib/policy";
import { T } from "../../lib/types";

const configSchema: PolicyConfigSchema = {
  properties: {
    allowedLoadBalancers: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: 'Services allowed to be LoadBalancers, as "name" or "namespace/name".',
    },
  },
};

/**
 * Only the gateway's Service is a `LoadBalancer`.
 *
 * Why: every LoadBalancer Service is a new internet-facing entry point that bypasses the
 * gateway's TLS, rate limits and routing. Allowed: Services labelled `gantry.dev/gateway: "true"`
 * and those listed in `allowedLoadBalancers`.
 *
 * @severity high
 */
export const k8sNoLoadBalancer: GantryResourcePolicy = {
  name: "k8s-no-load-balancer",
  description: "Services must not be of type LoadBalancer, except the gateway's.",
  severity: "high",
  enforcementLevel: "mandatory",
  configSchema,
  validateResource: validateTypes([T.service], (props, args, report) => {
    if (props.spec?.type !== "LoadBalancer") return;
    if (props.metadata?.labels?.[LABELS.gateway] === "true") return;
    const { allowedLoadBalancers } = configOf<{ allowedLoadBalancers: string[] }>(args, configSchema);
    const name = props.metadata?.name ?? args.name;
    if (allowedLoadBalancers.includes(name) || allowedLoadBalancers.includes(`${namespaceOf(props)}/${name}`)) return;
    report(
      `spec.type is LoadBalancer: use ClusterIP behind the gateway, or label the gateway's Service ${LABELS.gateway}: "true".`,
    );
  }),
};
