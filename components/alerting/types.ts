/** Alert and rule shapes shared by the rule groups, the PrometheusRule renderer and the promtool tests. */
import type { Environment } from "../common/types";

export type Severity = "critical" | "warning" | "ticket";

/** Synthetic input for one promtool case: series in promtool's expanding notation, evaluated at `at`. */
export interface Case {
  series: { series: string; values: string }[];
  at: string;
  /** Labels of the firing series, besides severity (fire cases only). */
  labels?: Record<string, string>;
}

export interface Alert {
  alert: string;
  expr: string;
  for: string;
  severity: Severity;
  summary: string;
  description: string;
  /** What the alert means and the first commands to run: rendered into docs/runbooks.md. */
  runbook: { meaning: string; commands: string[] };
  fire: Case;
  silent: Case;
}

export interface Recording {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

export interface Group {
  name: string;
  recordings?: Recording[];
  alerts: Alert[];
}

/** What the rule groups need to know about a stack. */
export interface AlertParams {
  namespace: string;
  environment: Environment;
  tier: "managed" | "in-cluster";
  postgresReplicas: number;
  redisReplicas: number;
  workerEnabled: boolean;
  slo: { availabilityPercent: number; latencyMs: number; latencyPercent: number; errorRatioPercent: number };
  queue: { metric: string; backlogThreshold: number };
  restoreDrillMaxAgeDays: number;
  replicationLagSeconds: number;
  /** Maintenance CronJobs (`gantry:jobs`). @default [] */
  jobs?: readonly JobAlertParams[];
}

/** One maintenance CronJob, as its alerts need it. */
export interface JobAlertParams {
  name: string;
  /** No success for this long means the job did not run on time (interval + deadlines). */
  lateAfterSeconds: number;
  /** A run still active after this long is slow (SLO). */
  maxDurationSeconds: number;
}

/** The runbook anchor of an alert: its name in lower case (GitHub's heading anchor). */
export const runbookAnchor = (alert: string) => alert.toLowerCase();
export const RUNBOOK_BASE = "https://github.com/acme/gantry/blob/main/docs/runbooks.md";
