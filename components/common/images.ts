/**
 * Every container image Gantry picks itself, pinned by digest, in one place. The tag stays
 * alongside for humans (and for `kubectl describe`); the digest is what the kubelet pulls, so a
 * re-pushed tag can never change what runs. Bump tag and digest together, in one reviewed change.
 *
 * Where each digest came from (no registry is reachable from the build machine; these are the
 * multi-arch index digests other public projects pin for the same tag):
 * - redis:7.4.6 — the index digest recorded in a public lock/notes file that lists both the index
 *   (this one) and its linux/amd64 child manifest (sha256:6a11fed9…); found with the code search.
 * - ghcr.io/cloudnative-pg/postgresql:17.6-standard-bookworm — pinned in a public CNPG-based
 *   Dockerfile ("SHA pinned for reproducibility — Renovate auto-PRs base updates").
 * - ghcr.io/cloudnative-pg/postgresql:16.10-standard-bookworm — pinned in a public CNPG-based
 *   Dockerfile (`FROM …@sha256:2232…`). CNPG rebuilds rolling tags (security updates), so other
 *   projects pin other digests for the same tag; a digest names one exact build, which is the point.
 * - ghcr.io/cloudnative-pg/postgresql:17.8-system-bookworm and 16.13-system-bookworm — pinned by
 *   digest in a public ADR and a public Terraform module. The "system" variant is the one that still
 *   ships barman-cloud next to the server: the restore drill needs both in one container.
 * The application's own image is not here: it comes from stack config (`release.<colour>.image`),
 * and production requires it to carry a digest (infra/config/hardening.ts).
 */

/** One pinned image. */
export interface PinnedImage {
  /** Repository, e.g. `docker.io/library/redis`. */
  readonly repository: string;
  /** Human-readable tag the digest was taken from. */
  readonly tag: string;
  /** `sha256:<64 hex>` of the multi-arch index. */
  readonly digest: string;
}

/** `repository:tag@sha256:…`: what goes into a pod spec. */
export function imageRef(i: PinnedImage): string {
  return `${i.repository}:${i.tag}@${i.digest}`;
}

/** True when `image` names a digest (`…@sha256:<64 hex>`). */
export function hasDigest(image: string): boolean {
  return /@sha256:[a-f0-9]{64}$/.test(image);
}

export const IMAGES = {
  /** OSS Redis 7.4 (the maintained 7.x line; see components/redis/versions.ts). */
  redis74: {
    repository: "docker.io/library/redis",
    tag: "7.4.6",
    digest: "sha256:a9cc41d6d01da2aa26c219e4f99ecbeead955a7b656c1c499cce8922311b2514",
  },
  /** CloudNativePG operand images (standard variant: includes pgaudit, pgvector, barman-cloud deps). */
  cnpgPostgres17: {
    repository: "ghcr.io/cloudnative-pg/postgresql",
    tag: "17.6-standard-bookworm",
    digest: "sha256:a62c149a342b2b1955dda3a9d75e2c6851622e43302a577f393271c19a3c8622",
  },
  cnpgPostgres16: {
    repository: "ghcr.io/cloudnative-pg/postgresql",
    tag: "16.10-standard-bookworm",
    digest: "sha256:223217517a3030076361a6c30f3c5c2035b905fade4df86b584cf229fc47deb5",
  },
  /** Restore drill images: Postgres server + barman-cloud tools (components/backups/drill-job.ts). */
  cnpgSystem17: {
    repository: "ghcr.io/cloudnative-pg/postgresql",
    tag: "17.8-system-bookworm",
    digest: "sha256:9714cbca68836d0a4f5e455d8078afafd60e0751d28944935309be90d9c4ec98",
  },
  cnpgSystem16: {
    repository: "ghcr.io/cloudnative-pg/postgresql",
    tag: "16.13-system-bookworm",
    digest: "sha256:98df8a04201d957af5975be2a2d52f357b8cfdc11f554a76be0321b0660ebfb6",
  },
} as const satisfies Record<string, PinnedImage>;
