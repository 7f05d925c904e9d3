/**
 * Hardening rules over parsed config. Production runs only images named by digest: a tag can be
 * re-pushed, a digest cannot, so "the idle colour runs exactly this build" holds only with one.
 * Staging may use tags (the policy `k8s-image-digest` is advisory there).
 */
import { hasDigest } from "../../components/common/images";
import { COLOURS } from "../../components/common/types";
import type { Problem } from "./rules";
import type { GantryConfig } from "./schema";

export function hardeningProblems(c: GantryConfig): Problem[] {
  if (c.environment !== "production") return [];
  return COLOURS.flatMap((colour) => {
    const image = c.release[colour].image;
    if (image === undefined || hasDigest(image)) return [];
    return [
      {
        path: `release.${colour}.image`,
        message: `"${image}" has no digest: production runs only images pinned by digest, e.g. ${image}@sha256:<64 hex> (\`docker buildx imagetools inspect ${image}\` prints it)`,
      },
    ];
  });
}
