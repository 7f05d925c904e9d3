/** Migration: the schema-migration Jobs of a released service's images. */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { type MigrationArgs, resolveMigrationArgs, validateMigrationArgs } from "./args";
import { serviceAccount } from "../common/hardening";
import { migrationServiceAccountName, planMigration } from "./plan";

/**
 * One `batch/v1` Job per image (`<svc>-migrate-<hash>`), with the service's env, secrets and
 * hardening. Pulumi waits for a Job to complete, so a route that `dependsOn` {@link jobs} moves
 * traffic only after the release's migration succeeded.
 */
export class Migration extends pulumi.ComponentResource {
  /** The Jobs, for `dependsOn` (ServiceRoute `migrations`). */
  readonly jobs: k8s.batch.v1.Job[];
  /** Their names. */
  readonly jobNames: string[];

  constructor(name: string, args: MigrationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gantry:release:Migration", name, {}, opts);
    const r = resolveMigrationArgs(args);
    const problems = validateMigrationArgs(r);
    if (problems.length > 0) {
      const list = problems.map((p) => `  - ${p.path}: ${p.message}`).join("\n");
      throw new pulumi.ResourceError(`invalid Migration "${name}":\n${list}`, this);
    }
    const planned = planMigration(r);
    const s = r.service;
    const sa = new k8s.core.v1.ServiceAccount(
      `${name}-sa`,
      serviceAccount(migrationServiceAccountName(s.service), s.namespace, {
        ...s.labels,
        "app.kubernetes.io/name": s.service,
        "app.kubernetes.io/component": "migration",
        "app.kubernetes.io/managed-by": "gantry",
      }),
      { parent: this },
    );
    this.jobs = planned.map(
      (j) =>
        // Child names use the Job name (a hash of the image), not a colour or a position: adding
        // an image never renames another image's Job.
        new k8s.batch.v1.Job(`${name}-${j.name}`, j.object, {
          parent: this,
          dependsOn: [sa],
          // A Job's template is immutable and it has already run: a later change to shared env
          // must not replace it (that would run the migration again). A new image is a new Job.
          ignoreChanges: ["spec"],
        }),
    );
    this.jobNames = planned.map((j) => j.name);
    this.registerOutputs({ jobNames: this.jobNames });
  }
}
