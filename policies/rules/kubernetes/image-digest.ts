import type { GantryResourcePolicy } from "../../lib/policy";
import { WORKLOADS } from "../../lib/types";
import { validateContainers, workloadConfigSchema } from "../../lib/workload";

const configSchema = workloadConfigSchema();
const DIGEST = /@sha256:[a-f0-9]{64}$/;

/**
 * Every container image is named by digest (`repo:tag@sha256:…`).
 *
 * Why: a tag can be re-pushed, a digest cannot. Config already refuses a production release
 * image without one; this catches every other path into a pod spec (images Gantry picks itself,
 * components used directly from code, transforms). Advisory in staging, where tags are fine.
 *
 * @severity high
 */
export const k8sImageDigest: GantryResourcePolicy = {
  name: "k8s-image-digest",
  description: "Container images must be pinned by digest (repo:tag@sha256:…), not by tag alone.",
  severity: "high",
  enforcementLevel: "mandatory",
  configSchema,
  configKey: "release.<colour>.image",
  validateResource: validateContainers(WORKLOADS, configSchema, true, ({ container }) => {
    const image = container.image;
    if (typeof image !== "string" || image.length === 0) return ["has no image."];
    if (DIGEST.test(image)) return [];
    return [`image "${image}" is not pinned by digest: use ${image}@sha256:<digest>.`];
  }),
};
