/**
 * The managed drill's figures: AWS Backup restore testing runs the drill and records one restore
 * job per run. ListRestoreJobs filters by the plan's ARN, which carries a generated suffix
 * (`…:restore-testing-plan:<name>-<id>`) and so cannot be derived from account and region: the
 * ARN comes from GetRestoreTestingPlan by the plan's name, which the program fixes
 * (components/backups/managed.ts restoreTestingName). Credentials: the SDK's default chain.
 */
import { type AwsTarget, clientConfig } from "./aws";
import { describeAwsError } from "./errors";
import { type DrillReading, unknownReading } from "./drill-figures";

/** The fields of a ListRestoreJobs entry the figures come from (the SDK's RestoreJobsListMember). */
export interface RestoreJob {
  readonly RestoreJobId?: string;
  readonly Status?: string;
  readonly StatusMessage?: string;
  readonly CreationDate?: Date;
  readonly CompletionDate?: Date;
  readonly RecoveryPointCreationDate?: Date;
  readonly ValidationStatus?: string;
  readonly ValidationStatusMessage?: string;
}

/** Restore job states that end a run; PENDING and RUNNING jobs are still under way. */
const FINISHED = new Set(["COMPLETED", "FAILED", "ABORTED"]);
/** Validation results that make a completed restore a failed drill. */
const VALIDATION_FAILED = new Set(["FAILED", "TIMED_OUT"]);
/** Pages of ListRestoreJobs read at most: a weekly drill makes ~52 jobs a year, 1,000 per page. */
const MAX_PAGES = 5;

const seconds = (a: Date, b: Date) => Math.round((a.getTime() - b.getTime()) / 10) / 100;
const newest = (jobs: readonly RestoreJob[]) =>
  jobs.reduce<RestoreJob | undefined>(
    (n, j) => (!n || (j.CreationDate?.getTime() ?? 0) > (n.CreationDate?.getTime() ?? 0) ? j : n),
    undefined,
  );
const failedJob = (j: RestoreJob) => j.Status !== "COMPLETED" || VALIDATION_FAILED.has(j.ValidationStatus ?? "");

/**
 * The drill's reading from the plan's restore jobs. Pure. Last success = the newest COMPLETED job
 * whose validation did not fail: restore duration = CompletionDate − CreationDate (the measured
 * RTO), data age = CreationDate − RecoveryPointCreationDate (the measured RPO).
 */
export function figuresFromRestoreJobs(jobs: readonly RestoreJob[], planName: string, source: string): DrillReading {
  const finished = jobs.filter((j) => FINISHED.has(j.Status ?? "") && j.CreationDate);
  const last = newest(finished);
  if (!last) {
    const running = jobs.length > 0 ? ` (${jobs.length} still under way)` : "";
    return unknownReading(
      source,
      `restore testing plan ${planName} has no finished restore job yet${running}: it runs on its schedule (backups.drill.schedule)`,
    );
  }
  const success = newest(finished.filter((j) => !failedJob(j) && j.CompletionDate));
  const restoreSeconds = success ? seconds(success.CompletionDate!, success.CreationDate!) : null;
  const dataAgeSeconds =
    success?.RecoveryPointCreationDate !== undefined ? seconds(success.CreationDate!, success.RecoveryPointCreationDate) : null;
  const figures = {
    source,
    restoreSeconds,
    dataAgeSeconds,
    lastSuccess: success ? success.CompletionDate!.toISOString() : null,
    // When the last run ended (as drill.sh's last-run time), or began if AWS gave no end.
    lastRun: (last.CompletionDate ?? last.CreationDate!).toISOString(),
    validationStatus: last.ValidationStatus ?? null,
  };
  if (failedJob(last)) {
    const what =
      last.Status === "COMPLETED"
        ? `restored but its validation ${last.ValidationStatus}${last.ValidationStatusMessage ? `: ${last.ValidationStatusMessage}` : ""}`
        : `${last.Status}${last.StatusMessage ? `: ${last.StatusMessage}` : ""}`;
    const since = success ? "the figures are from the last success" : "no restore job of this plan has succeeded yet";
    return {
      ...figures,
      status: "failed",
      reason: `the last drill run, restore job ${last.RestoreJobId ?? "?"} (${figures.lastRun}), ${what}; ${since}`,
    };
  }
  return { ...figures, status: "ok", reason: null };
}

/** What an SDK error means for the operator, with the fix. Never includes credentials. */
export function awsReason(e: unknown, planName: string, region: string): string {
  const name = (e as { name?: string }).name ?? "";
  if (name === "ResourceNotFoundException") {
    return `restore testing plan ${planName} does not exist in ${region}: is the stack deployed (pulumi up), and is aws:region right?`;
  }
  if (name === "AccessDeniedException" || name === "UnrecognizedClientException" || name === "ExpiredTokenException") {
    return `AWS refused the request (${name}): the identity needs backup:GetRestoreTestingPlan and backup:ListRestoreJobs in ${region}, and valid credentials`;
  }
  return `AWS Backup in ${region}: ${describeAwsError(e)}`;
}

/** Reads the restore testing plan's restore jobs; errors become an unknown reading with the reason. */
export async function readRestoreTesting(planName: string, target: AwsTarget): Promise<DrillReading> {
  const config = clientConfig(target);
  const source = `AWS Backup restore testing plan ${planName} in ${config.region}`;
  // Loaded here, not at the top: `gantry dr` without --live must not pay for the SDK.
  const { BackupClient, GetRestoreTestingPlanCommand, ListRestoreJobsCommand } = await import("@aws-sdk/client-backup");
  const client = new BackupClient(config);
  try {
    const plan = await client.send(new GetRestoreTestingPlanCommand({ RestoreTestingPlanName: planName }));
    const arn = plan.RestoreTestingPlan?.RestoreTestingPlanArn;
    if (!arn) return unknownReading(source, `GetRestoreTestingPlan ${planName} returned no ARN`);
    const jobs: RestoreJob[] = [];
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const out = await client.send(new ListRestoreJobsCommand({ ByRestoreTestingPlanArn: arn, NextToken: token }));
      jobs.push(...(out.RestoreJobs ?? []));
      token = out.NextToken;
      if (!token) break;
    }
    return figuresFromRestoreJobs(jobs, planName, source);
  } catch (e) {
    return unknownReading(source, awsReason(e, planName, config.region));
  } finally {
    client.destroy();
  }
}
