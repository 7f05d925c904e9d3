/**
 * The managed tier's read-only database user for analysts. RDS has no API for database roles, so
 * a Job runs psql once as the owner: create the login role if missing, make it read-only
 * (pg_read_all_data) and IAM-authenticated (rds_iam: RDS then refuses its password and accepts
 * only tokens from `rds-db:connect`). Idempotent, so a re-run (a new Job after a change) is safe.
 * Pure: plain Kubernetes objects.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { boundedEmptyDir, containerSecurityContext, ephemeralStorage, MIN_UID, podSecurityContext } from "../common/hardening";
import { IMAGES, imageRef } from "../common/images";

/** Only lower-case SQL identifiers: they are written into SQL, never quoted from input. */
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** The statements the Job runs (exported: test/tools/access-db-user.test.ts runs them on Postgres). */
export function analystUserSql(user: string): string {
  if (!IDENTIFIER.test(user)) throw new Error(`database user "${user}" must be a lower-case SQL identifier`);
  return [
    "DO $$ BEGIN",
    `  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${user}') THEN CREATE ROLE ${user} LOGIN; END IF;`,
    "END $$;",
    // Reassert the attributes on every run: a role someone widened by hand is narrowed again.
    // Not NOSUPERUSER/NOREPLICATION/NOBYPASSRLS: only a superuser may name those, and the RDS
    // master user is not one (it cannot grant them either, so they stay off).
    `ALTER ROLE ${user} LOGIN NOCREATEDB NOCREATEROLE CONNECTION LIMIT 10;`,
    `ALTER ROLE ${user} SET default_transaction_read_only = on;`,
    `GRANT pg_read_all_data TO ${user};`,
    `GRANT rds_iam TO ${user};`,
  ].join("\n");
}

/** Where the Job mounts the DATABASE_URL Secret (a file, never an env var). */
export const URL_MOUNT = "/etc/gantry/database";

export interface DatabaseUserJobArgs {
  readonly name: string;
  readonly namespace: string;
  readonly user: string;
  /** Secret and key holding the owner's DATABASE_URL. */
  readonly url: { readonly name: pulumi.Input<string>; readonly key: string };
  /** Labels on the Job and its pod; must admit it through the database's NetworkPolicy. */
  readonly labels: Readonly<Record<string, string>>;
  readonly serviceAccountName: string;
}

/** The psql invocation: URL read from the mounted file, SQL as `$0`, stop on the first error. */
export function psqlCommand(urlFile: string, sql: string): string[] {
  return ["sh", "-c", `exec psql "$(cat ${urlFile})" -v ON_ERROR_STOP=1 -X -q -c "$0"`, sql];
}

export function databaseUserJob(a: DatabaseUserJobArgs): k8s.types.input.batch.v1.Job {
  const uid = MIN_UID + 1;
  const eph = ephemeralStorage("64Mi", "256Mi");
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: a.name, namespace: a.namespace, labels: { ...a.labels } },
    spec: {
      backoffLimit: 6,
      activeDeadlineSeconds: 600,
      template: {
        metadata: { labels: { ...a.labels } },
        spec: {
          serviceAccountName: a.serviceAccountName,
          automountServiceAccountToken: false,
          restartPolicy: "Never",
          securityContext: podSecurityContext(uid),
          containers: [
            {
              name: "psql",
              // The CNPG operand image carries psql of the supported major; digest-pinned.
              image: imageRef(IMAGES.cnpgPostgres17),
              imagePullPolicy: "IfNotPresent",
              command: psqlCommand(`${URL_MOUNT}/${a.url.key}`, analystUserSql(a.user)),
              env: [{ name: "HOME", value: "/tmp" }],
              resources: {
                requests: { cpu: "50m", memory: "64Mi", ...eph.requests },
                limits: { cpu: "200m", memory: "128Mi", ...eph.limits },
              },
              securityContext: containerSecurityContext(uid),
              volumeMounts: [
                { name: "tmp", mountPath: "/tmp" },
                { name: "database", mountPath: URL_MOUNT, readOnly: true },
              ],
            },
          ],
          volumes: [
            boundedEmptyDir("tmp", "16Mi"),
            {
              name: "database",
              secret: { secretName: a.url.name, items: [{ key: a.url.key, path: a.url.key }], defaultMode: 0o440 },
            },
          ],
        },
      },
    },
  };
}
