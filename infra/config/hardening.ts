/**
 * `gantry:hardening.*` and the hardening rules over parsed config. Production runs only images
 * named by digest: a tag can be re-pushed, a digest cannot, so "the idle colour runs exactly this
 * build" holds only with one. Staging may use tags (the policy `k8s-image-digest` is advisory there).
 */
import { z } from "zod";
import { hasDigest } from "../../components/common/images";
import { COLOURS } from "../../components/common/types";
import type { Problem } from "./rules";
import type { GantryConfig } from "./schema";

export const hardeningSchema = z
  .object({
    /** Mount credentials as read-only files (`DATABASE_URL_FILE` …) instead of env vars. @default true in production */
    credentialsAsFiles: z.boolean().optional(),
    /** A customer-managed KMS key for RDS, Performance Insights, ElastiCache and log groups. @default true in production */
    kms: z.boolean().optional(),
    /** Retention of the RDS and ElastiCache CloudWatch log groups, in days. @default 30 in production, 7 elsewhere */
    logRetentionDays: z
      .union(
        [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653].map((d) =>
          z.literal(d),
        ),
      )
      .optional(),
  })
  .strict();

/** Hardening with the per-environment defaults applied. */
export interface Hardening {
  readonly credentialsAsFiles: boolean;
  readonly kms: boolean;
  readonly logRetentionDays: number;
}

/** Applies defaults: production opts in to everything; `??` so an explicit false stays false. */
export function resolveHardening(c: GantryConfig): Hardening {
  const prod = c.environment === "production";
  return {
    credentialsAsFiles: c.hardening.credentialsAsFiles ?? prod,
    kms: c.hardening.kms ?? prod,
    logRetentionDays: c.hardening.logRetentionDays ?? (prod ? 30 : 7),
  };
}

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
