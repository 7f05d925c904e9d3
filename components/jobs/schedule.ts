/**
 * Timing of a CronJob, derived from its schedule: the longest gap between runs, how late a run
 * may start, and when a missing success means "did not run on time". Pure.
 */
import { Cron } from "croner";

/** Runs sampled to find the longest gap: covers a year of daily runs and every month of monthly ones. */
const SAMPLE_RUNS = 400;
/** A fixed start makes the result (and so the plan) the same on every run. */
const FROM = new Date("2026-01-01T00:00:00Z");

/** Sampling 400 runs costs milliseconds and a plan asks for the same few schedules many times. */
const intervals = new Map<string, number>();

/** The longest interval between consecutive runs, in seconds (31 days for a monthly job). */
export function maxIntervalSeconds(schedule: string): number {
  const known = intervals.get(schedule);
  if (known !== undefined) return known;
  const runs = new Cron(schedule, { paused: true, timezone: "Etc/UTC" }).nextRuns(SAMPLE_RUNS, FROM);
  let max = 0;
  for (let i = 1; i < runs.length; i++) max = Math.max(max, (runs[i]!.getTime() - runs[i - 1]!.getTime()) / 1000);
  intervals.set(schedule, max);
  return max;
}

/**
 * How long after its scheduled time a run may still start (controller down, node pressure):
 * 10 minutes, or half the interval for jobs that run more often than every 20 minutes.
 */
export function startingDeadlineSeconds(intervalSeconds: number): number {
  return Math.max(10, Math.min(600, Math.floor(intervalSeconds / 2)));
}

/**
 * Seconds since the last success after which the job is late: one interval, plus the start
 * deadline and the run's timeout (a run may legitimately finish that late), plus 5 minutes.
 */
export function lateAfterSeconds(schedule: string, timeoutSeconds: number): number {
  const interval = maxIntervalSeconds(schedule);
  return interval + startingDeadlineSeconds(interval) + timeoutSeconds + 300;
}
