import { imageTag } from "../../lib/kube";
import type { GantryResourcePolicy } from "../../lib/policy";
import { WORKLOADS } from "../../lib/types";
import { validateContainers, workloadConfigSchema } from "../../lib/workload";

const configSchema = workloadConfigSchema();

/**
 * Every container image is pinned: a version tag other than `latest`, or a `@sha256:` digest.
 *
 * Why: a mutable tag means two pods of one Deployment can run different code, a rollback may not
 * restore what ran before, and blue-green's "the idle colour runs exactly this image" breaks.
 *
 * @severity high
 */
export const k8sImageTag: GantryResourcePolicy = {
  name: "k8s-image-tag",
  description: "Container images must be pinned to a version tag or digest (never latest or untagged).",
  severity: "high",
  enforcementLevel: "mandatory",
  configSchema,
  configKey: "release.<colour>.image",
  validateResource: validateContainers(WORKLOADS, configSchema, true, ({ container }) => {
    const image = container.image;
    if (typeof image !== "string" || image.length === 0) return ["has no image."];
    if (image.includes("@sha256:")) return [];
    const tag = imageTag(image);
    if (tag === undefined) return [`image "${image}" has no tag: pin a version or digest.`];
    if (tag === "latest") return [`image "${image}" uses the mutable tag latest: pin a version or digest.`];
    return [];
  }),
};
