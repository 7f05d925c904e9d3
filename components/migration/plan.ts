/** Migration Jobs as data: one per image present (expand), plus a contract Job on request. Pure. */
import type * as k8s from "@pulumi/kubernetes";
import { type MigrationMode, contractJobName, migrationJobName } from "../release";
import { basePodSpec, baseContainer, credentialsVolume } from "../service/pod";
import type { ResolvedMigrationArgs } from "./args";

/** The Jobs' own ServiceAccount (no token): not the service's, whose grants may grow. */
export function migrationServiceAccountName(service: string): string {
  return `${service}-migrate`;
}

/** Annotation recording what a Job does to the schema. */
export const MODE_ANNOTATION = "gantry.dev/migration-mode";

/** One planned Job. */
export interface PlannedJob {
  /** Kubernetes and Pulumi name (hash of the image: stable across switches). */
  readonly name: string;
  readonly image: string;
  readonly mode: MigrationMode;
  readonly object: k8s.types.input.batch.v1.Job;
}

/**
 * The Job of one image and mode. Everything in it derives from the image and the service, never
 * from which colour holds the image or which colour is active, so a switch leaves it alone.
 * `ttlSecondsAfterFinished` is deliberately unset: Kubernetes would delete the finished Job, the
 * next `up` would find it missing from the cluster and create it again — re-running the migration.
 */
export function buildJob(r: ResolvedMigrationArgs, image: string, mode: MigrationMode): PlannedJob {
  const s = r.service;
  const name = mode === "expand" ? migrationJobName(s.service, image) : contractJobName(s.service, image);
  // Only the named secrets and no plain settings of the service: least privilege for a Job that
  // talks to the database alone (see MigrationArgs.secretEnv).
  const secretEnv = Object.fromEntries(r.secretEnv.map((n) => [n, s.secretEnv[n]!]));
  const container = baseContainer({ ...s, secretEnv, env: {} }, undefined, image, "migrate");
  container.command = [...(mode === "expand" ? r.command : r.contractCommand)];
  delete container.args;
  container.env = [...(container.env as k8s.types.input.core.v1.EnvVar[]), { name: "GANTRY_MIGRATION_MODE", value: mode }];
  // No slot label: these pods must never match a slot Service or PDB selector. Not the service's
  // pod labels either (they admit it to Redis): only the Job's own (MigrationArgs.podLabels).
  const labels = {
    ...s.labels,
    ...r.podLabels,
    "app.kubernetes.io/name": s.service,
    "app.kubernetes.io/component": "migration",
    "app.kubernetes.io/managed-by": "gantry",
  };
  return {
    name,
    image,
    mode,
    object: {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name, namespace: s.namespace, labels, annotations: { [MODE_ANNOTATION]: mode } },
      spec: {
        backoffLimit: r.backoffLimit,
        activeDeadlineSeconds: r.activeDeadlineSeconds,
        template: {
          metadata: { labels },
          spec: {
            ...basePodSpec(migrationServiceAccountName(s.service), [container], credentialsVolume({ ...s, secretEnv })),
            restartPolicy: "Never",
          },
        },
      },
    },
  };
}

/**
 * Jobs of a release: an expand Job per distinct image present (the active image's Job already
 * ran and stays as it is; a new idle image adds a new name), and with `release.migration:
 * "contract"` a contract Job for the active image.
 */
export function planMigration(r: ResolvedMigrationArgs): PlannedJob[] {
  const rel = r.service.release;
  const images = [...new Set([rel.images.blue, rel.images.green].filter((i): i is string => !!i))].sort();
  const jobs = images.map((image) => buildJob(r, image, "expand"));
  const activeImage = rel.images[rel.active];
  if (rel.migration === "contract" && activeImage) jobs.push(buildJob(r, activeImage, "contract"));
  return jobs;
}
