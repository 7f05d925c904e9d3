/** Names and connection strings for Postgres. Resource-free, so unit-testable without mocks. */
import * as pulumi from "@pulumi/pulumi";

/** The Postgres port in both tiers. */
export const POSTGRES_PORT = 5432;

/** Key of the connection URL in the Secret Gantry writes. */
export const DATABASE_URL_KEY = "DATABASE_URL";

/** Key CloudNativePG uses for the URI in its generated `<cluster>-app` Secret. */
export const CNPG_URI_KEY = "uri";

/** Label a pod carries to be admitted to the database by the NetworkPolicy. */
export const DB_CLIENT_LABEL = "gantry.dev/db-client";

/** CloudNativePG's Services for a Cluster: read-write (primary), read-only (replicas), any. */
export function cnpgServices(cluster: string, namespace: string) {
  return {
    rw: `${cluster}-rw.${namespace}.svc`,
    ro: `${cluster}-ro.${namespace}.svc`,
    r: `${cluster}-r.${namespace}.svc`,
  };
}

/** The Secret CloudNativePG generates for the application owner when none is given. */
export function cnpgAppSecretName(cluster: string): string {
  return `${cluster}-app`;
}

/** RDS final snapshot name; fixed per component so a destroy always leaves a findable snapshot. */
export function finalSnapshotIdentifier(name: string): string {
  return `${name}-final-snapshot`;
}

/**
 * `postgresql://user:pass@host:port/db?sslmode=require`, secret whenever any part is.
 * The password is percent-encoded; generated passwords avoid URL metacharacters anyway.
 */
export function postgresUrl(parts: {
  username: pulumi.Input<string>;
  password: pulumi.Input<string>;
  host: pulumi.Input<string>;
  port: pulumi.Input<number>;
  database: pulumi.Input<string>;
}): pulumi.Output<string> {
  return pulumi.secret(
    pulumi
      .all([parts.username, parts.password, parts.host, parts.port, parts.database])
      .apply(
        ([u, pw, h, port, db]) =>
          `postgresql://${encodeURIComponent(u)}:${encodeURIComponent(pw)}@${h}:${port}/${encodeURIComponent(db)}?sslmode=require`,
      ),
  );
}
