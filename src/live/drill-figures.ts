/**
 * `gantry dr <stack> --live`: the restore drill's last measured figures, read from where the drill
 * reports them. In-cluster the drill CronJob (components/backups/scripts/drill.sh) pushes them to a
 * Pushgateway; managed, AWS Backup restore testing records restore jobs. Where to read is taken
 * from the offline plan (what the program registers: the CronJob's own DRILL_* environment, the
 * restore testing plan's name), so the reader and the drill can never disagree on a grouping key.
 * The readers load lazily: offline commands never import an SDK.
 */
import type { DrTable, LiveDrill } from "../dr/table";
import type { Plan } from "../plan/run";

/** One reading of the drill's figures; every field but `source` and `status` may be unknown. */
export interface DrillReading {
  /** Where the figures were read, e.g. `Pushgateway http://… job=restore-drill instance=db`. */
  readonly source: string;
  /** ok: the last run succeeded; failed: the last run failed; unknown: nothing could be read. */
  readonly status: "ok" | "failed" | "unknown";
  /** Why the status is failed or unknown, naming the input and the fix; null when ok. */
  readonly reason: string | null;
  /** Measured RTO of the last successful drill, seconds. */
  readonly restoreSeconds: number | null;
  /** Measured RPO of the last successful drill: age of the newest restored data, seconds. */
  readonly dataAgeSeconds: number | null;
  /** ISO time of the last successful drill. */
  readonly lastSuccess: string | null;
  /** ISO time of the last run, successful or not. */
  readonly lastRun: string | null;
  /** AWS Backup's validation status of the last finished restore job (managed only). */
  readonly validationStatus?: string | null;
}

/** Where a stack's drill reports. */
export type DrillTarget =
  | {
      readonly kind: "pushgateway";
      readonly url: string;
      readonly job: string;
      readonly instance: string;
      readonly namespace: string | null;
      /** The drill CronJob's name, for the commands a reason suggests. */
      readonly cronJob: string;
    }
  | { readonly kind: "restore-testing"; readonly planName: string; readonly region: string | undefined };

const CRONJOB = "kubernetes:batch/v1:CronJob";
const RESTORE_TESTING_PLAN = "aws:backup/restoreTestingPlan:RestoreTestingPlan";
/** The drill's pod label (components/backups/cronjobs.ts drillLabels). */
const DRILL_LABEL = "gantry.dev/drill";

interface CronJobInputs {
  metadata?: { name?: string; labels?: Record<string, string> };
  spec?: { jobTemplate?: { spec?: { template?: { spec?: { containers?: { env?: { name: string; value?: string }[] }[] } } } } };
}

/** Where the plan's drill reports, or null when the stack has no drill (backups.drill.enabled). */
export function drillTarget(plan: Plan, region?: string): DrillTarget | null {
  const testing = plan.resources.find((r) => r.type === RESTORE_TESTING_PLAN);
  if (testing && typeof testing.inputs.name === "string")
    return { kind: "restore-testing", planName: testing.inputs.name, region };
  const cron = plan.resources.find(
    (r) => r.type === CRONJOB && (r.inputs as CronJobInputs).metadata?.labels?.[DRILL_LABEL] === "true",
  );
  if (!cron) return null;
  const env = new Map(
    ((cron.inputs as CronJobInputs).spec?.jobTemplate?.spec?.template?.spec?.containers?.[0]?.env ?? []).map((e) => [
      e.name,
      e.value,
    ]),
  );
  const url = env.get("DRILL_PUSHGATEWAY_URL");
  // No URL: drill.sh pushes nothing, so there is nothing to read.
  if (!url) return null;
  // drill.sh's defaults for the grouping key: job restore-drill, instance = the server name.
  return {
    kind: "pushgateway",
    url,
    job: env.get("DRILL_JOB") || "restore-drill",
    instance: env.get("DRILL_INSTANCE") || env.get("DRILL_SERVER_NAME") || "",
    namespace: env.get("DRILL_NAMESPACE") || null,
    cronJob: (cron.inputs as CronJobInputs).metadata?.name ?? cron.name,
  };
}

export interface LiveOptions {
  /** In-cluster: read this Pushgateway instead of the configured one (a port-forward). */
  readonly pushgateway?: string;
}

/** Reads the figures from the target; never throws for an unreachable source (status unknown). */
export async function readLiveDrill(target: DrillTarget, o: LiveOptions = {}): Promise<DrillReading> {
  if (target.kind === "pushgateway") {
    const { readPushgateway } = require("./drill-pushgateway") as typeof import("./drill-pushgateway");
    return readPushgateway({ ...target, url: o.pushgateway ?? target.url }, { overridden: o.pushgateway !== undefined });
  }
  const { readRestoreTesting } = require("./drill-aws") as typeof import("./drill-aws");
  return readRestoreTesting(target.planName, { region: target.region });
}

/** The table with the reading's figures in place of "unknown". */
export function withLiveDrill(t: DrTable, r: DrillReading): DrTable {
  const live: LiveDrill = {
    source: r.source,
    status: r.status,
    reason: r.reason,
    lastRun: r.lastRun,
    ...(r.validationStatus !== undefined ? { validationStatus: r.validationStatus } : {}),
  };
  return {
    ...t,
    drill: {
      ...t.drill,
      lastRestoreSeconds: r.restoreSeconds ?? "unknown",
      lastDataAgeSeconds: r.dataAgeSeconds ?? "unknown",
      lastSuccess: r.lastSuccess ?? "unknown",
      live,
    },
  };
}

/** A reading that says why nothing was read. */
export function unknownReading(source: string, reason: string): DrillReading {
  return {
    source,
    status: "unknown",
    reason,
    restoreSeconds: null,
    dataAgeSeconds: null,
    lastSuccess: null,
    lastRun: null,
  };
}

/** Seconds since the epoch as ISO, or null. */
export function isoFromEpoch(s: number | null | undefined): string | null {
  return s === null || s === undefined || !Number.isFinite(s) ? null : new Date(s * 1000).toISOString();
}
