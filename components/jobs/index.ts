/** Scheduled maintenance jobs: one hardened CronJob per `gantry:jobs` entry. */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { serviceAccount } from "../common/hardening";
import type { MaintenanceJobsArgs } from "./args";
import { cronJobObject, JOBS_SERVICE_ACCOUNT } from "./cronjob";

export type { MaintenanceJob, MaintenanceJobsArgs } from "./args";
export { cronJobObject, JOBS_SERVICE_ACCOUNT, JOB_LABEL } from "./cronjob";
export { lateAfterSeconds, maxIntervalSeconds, startingDeadlineSeconds } from "./schedule";

export class MaintenanceJobs extends pulumi.ComponentResource {
  /** CronJob names. */
  readonly names: string[];

  constructor(name: string, args: MaintenanceJobsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gantry:jobs:MaintenanceJobs", name, {}, opts);
    const needsDb = args.jobs.filter((j) => j.database).map((j) => j.name);
    if (needsDb.length > 0 && !args.databaseUrl) {
      throw new pulumi.ResourceError(`jobs ${needsDb.join(", ")} ask for the database but no databaseUrl was given`, this);
    }
    const sa = new k8s.core.v1.ServiceAccount(
      `${name}-sa`,
      serviceAccount(JOBS_SERVICE_ACCOUNT, args.namespace, {
        "app.kubernetes.io/name": JOBS_SERVICE_ACCOUNT,
        "app.kubernetes.io/managed-by": "gantry",
      }),
      { parent: this },
    );
    // Child names are the job names (unique by config rule): adding a job never renames another.
    for (const j of args.jobs) {
      new k8s.batch.v1.CronJob(
        `${name}-${j.name}`,
        cronJobObject(j, args.namespace, args.databaseUrl, args.databaseClientLabels ?? {}, args.credentialsAsFiles),
        { parent: this, dependsOn: [sa] },
      );
    }
    this.names = args.jobs.map((j) => j.name);
    this.registerOutputs({ names: this.names });
  }
}
