/**
 * The one place Postgres engine versions are pinned. Bumping a minor here is a reviewed change
 * for both tiers at once; a major needs a new entry (and, on RDS, a parameter group family).
 */
import { IMAGES, imageRef } from "../common/images";

/** Supported major versions and what each pins. */
export const POSTGRES_VERSIONS = {
  "16": {
    /** RDS `engineVersion` (RDS only upgrades minors itself when autoMinorVersionUpgrade is on). */
    rdsEngineVersion: "16.10",
    /** RDS parameter group family. */
    rdsFamily: "postgres16",
    /** CloudNativePG operand image, pinned by digest in components/common/images.ts. */
    cnpgImage: imageRef(IMAGES.cnpgPostgres16),
  },
  "17": {
    rdsEngineVersion: "17.6",
    rdsFamily: "postgres17",
    cnpgImage: imageRef(IMAGES.cnpgPostgres17),
  },
} as const;

/** A Postgres major version Gantry pins. */
export type PostgresVersion = keyof typeof POSTGRES_VERSIONS;

/** True when `v` is a major version in {@link POSTGRES_VERSIONS}. */
export function isPostgresVersion(v: string): v is PostgresVersion {
  return Object.prototype.hasOwnProperty.call(POSTGRES_VERSIONS, v);
}

/** RDS CA for server certificates; clients verifying with sslmode=verify-full need its bundle. */
export const RDS_CA_CERT_IDENTIFIER = "rds-ca-rsa2048-g1";

/** Namespace the CloudNativePG operator runs in by default (its Helm chart's and manifest's). */
export const CNPG_OPERATOR_NAMESPACE = "cnpg-system";
