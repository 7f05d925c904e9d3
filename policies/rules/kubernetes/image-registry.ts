import { qualifyImage } from "../../lib/kube";
import type { GantryResourcePolicy } from "../../lib/policy";
import { WORKLOADS } from "../../lib/types";
import { validateContainers, workloadConfigSchema } from "../../lib/workload";

const configSchema = workloadConfigSchema({
  allowedRegistries: {
    type: "array",
    items: { type: "string" },
    default: ["ghcr.io/", "docker.io/library/", "public.ecr.aws/", "registry.k8s.io/"],
    description: "Allowed image prefixes, matched against the registry-qualified reference (nginx → docker.io/library/nginx).",
  },
});

/**
 * Every container image comes from an allowed registry.
 *
 * Why: images are code that runs with the app's secrets; pulling only from registries the team
 * vets (and can mirror) limits typosquatting and supply-chain surprises. Short Docker Hub names
 * are qualified first, so `nginx:1.27` is checked as `docker.io/library/nginx:1.27`.
 *
 * @severity high
 */
export const k8sImageRegistry: GantryResourcePolicy = {
  name: "k8s-image-registry",
  description: "Container images must come from an allowed registry.",
  severity: "high",
  enforcementLevel: "mandatory",
  configSchema,
  configKey: "release.<colour>.image",
  validateResource: validateContainers<{ allowedRegistries: string[] }>(
    WORKLOADS,
    configSchema,
    true,
    ({ container }, _pod, config) => {
      const image = container.image;
      if (typeof image !== "string" || image.length === 0) return []; // k8s-image-tag reports it
      const full = qualifyImage(image);
      return config.allowedRegistries.some((prefix) => full.startsWith(prefix))
        ? []
        : [`image "${image}" is not from an allowed registry (${config.allowedRegistries.join(", ")}).`];
    },
  ),
};
