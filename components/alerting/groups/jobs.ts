/**
 * Maintenance jobs (kube-state-metrics): a Job failed, a CronJob did not succeed on time, a run
 * is slower than its budget (USERS.md: background jobs under 30 s). Lateness is per CronJob:
 * one schedule interval plus its start deadline and timeout since the last success, so a monthly
 * job is not late after a day and a five-minute job is not given a day.
 */
import type { AlertParams, Group } from "../types";

export function jobs(p: AlertParams): Group {
  const ns = `namespace="${p.namespace}"`;
  const list = p.jobs ?? [];
  const lastSuccess = (c: string) => `kube_cronjob_status_last_successful_time{${ns},cronjob="${c}"}`;
  const late = list.map((j) => `(time() - max by (cronjob) (${lastSuccess(j.name)}) > ${j.lateAfterSeconds})`);
  // Never succeeded yet: count from the CronJob's creation instead.
  const never = list.map(
    (j) =>
      `(time() - max by (cronjob) (kube_cronjob_created{${ns},cronjob="${j.name}"}) > ${j.lateAfterSeconds} unless on (cronjob) ${lastSuccess(j.name)})`,
  );
  // Any CronJob whose next scheduled run is an hour overdue: suspended by hand or controller down.
  const overdue = `(time() - max by (cronjob) (kube_cronjob_next_schedule_time{${ns}}) > 3600)`;
  const first = list[0];
  const jobRun = (c: string) => `${c}-29000000`;
  const alerts: Group["alerts"] = [
    {
      alert: "JobFailed",
      expr: `max by (job_name) (kube_job_status_failed{${ns}}) > 0`,
      for: "1m",
      severity: "warning",
      summary: "A Job failed",
      description: "A maintenance or migration Job ran out of retries or hit its deadline.",
      runbook: {
        meaning: "A Job (a maintenance CronJob run or a migration) failed. It keeps firing until the failed Job is deleted.",
        commands: [
          `kubectl -n ${p.namespace} get jobs`,
          `kubectl -n ${p.namespace} logs job/<job_name>`,
          `kubectl -n ${p.namespace} describe job <job_name>   # then fix, re-run, and: kubectl delete job <job_name>`,
        ],
      },
      fire: {
        series: [{ series: `kube_job_status_failed{${ns},job_name="partitions-1"}`, values: "1x10" }],
        at: "5m",
        labels: { job_name: "partitions-1" },
      },
      silent: { series: [{ series: `kube_job_status_failed{${ns},job_name="partitions-1"}`, values: "0x10" }], at: "5m" },
    },
    {
      alert: "JobNotRunOnTime",
      expr: [overdue, ...late].join(" or "),
      for: "5m",
      severity: "warning",
      summary: "A maintenance CronJob did not succeed on time",
      description: "No successful run within its schedule interval plus deadlines, or its next run is an hour overdue.",
      runbook: {
        meaning: "A CronJob missed its schedule: suspended, failing every run, never started, or the controller is down.",
        commands: [
          `kubectl -n ${p.namespace} get cronjobs`,
          `kubectl -n ${p.namespace} describe cronjob <cronjob>`,
          `kubectl -n ${p.namespace} create job --from=cronjob/<cronjob> <cronjob>-manual`,
        ],
      },
      // With a configured job: its last success lies longer ago than its threshold. Without: an overdue next run.
      fire: first
        ? {
            series: [{ series: lastSuccess(first.name), values: `-${first.lateAfterSeconds}x40` }],
            at: "30m",
            labels: { cronjob: first.name },
          }
        : {
            series: [{ series: `kube_cronjob_next_schedule_time{${ns},cronjob="partitions"}`, values: "0x200" }],
            at: "2h",
            labels: { cronjob: "partitions" },
          },
      silent: first
        ? {
            series: [
              { series: lastSuccess(first.name), values: "0x40" },
              { series: `kube_cronjob_next_schedule_time{${ns},cronjob="${first.name}"}`, values: "9000x40" },
            ],
            at: "30m",
          }
        : { series: [{ series: `kube_cronjob_next_schedule_time{${ns},cronjob="partitions"}`, values: "9000x200" }], at: "2h" },
    },
  ];
  if (first) {
    alerts.push(
      {
        alert: "JobNeverSucceeded",
        expr: never.join(" or "),
        for: "5m",
        severity: "warning",
        summary: "A maintenance CronJob has never succeeded",
        description: "The CronJob exists for longer than its schedule allows and has no successful run.",
        runbook: {
          meaning: "A new or renamed CronJob has not completed once: wrong command, image or permissions.",
          commands: [
            `kubectl -n ${p.namespace} get jobs -l gantry.dev/maintenance-job=<cronjob>`,
            `kubectl -n ${p.namespace} logs -l gantry.dev/maintenance-job=<cronjob> --tail=100`,
            `kubectl -n ${p.namespace} create job --from=cronjob/<cronjob> <cronjob>-manual`,
          ],
        },
        fire: {
          series: [{ series: `kube_cronjob_created{${ns},cronjob="${first.name}"}`, values: `-${first.lateAfterSeconds}x40` }],
          at: "30m",
          labels: { cronjob: first.name },
        },
        silent: {
          series: [
            { series: `kube_cronjob_created{${ns},cronjob="${first.name}"}`, values: `-${first.lateAfterSeconds}x40` },
            { series: lastSuccess(first.name), values: "0x40" },
          ],
          at: "30m",
        },
      },
      {
        alert: "JobSlow",
        expr: list
          .map(
            (j) =>
              `(time() - max by (job_name) (kube_job_status_start_time{${ns},job_name=~"${j.name}-[0-9]+"}) > ${j.maxDurationSeconds}` +
              ` and on (job_name) max by (job_name) (kube_job_status_active{${ns},job_name=~"${j.name}-[0-9]+"}) > 0)`,
          )
          .join(" or "),
        for: "1m",
        severity: "ticket",
        summary: "A maintenance job runs longer than its budget",
        description: "A run is still active past its duration objective (jobs under 30 s unless configured otherwise).",
        runbook: {
          meaning: "A maintenance run exceeds `jobs[].maxDurationSeconds`; it is killed at `timeoutSeconds` (then JobFailed).",
          commands: [
            `kubectl -n ${p.namespace} get jobs -l gantry.dev/maintenance-job`,
            `kubectl -n ${p.namespace} logs job/<job_name> --tail=100`,
            `kubectl cnpg psql db -n ${p.namespace} -- -c "select pid, now() - query_start, query from pg_stat_activity where state <> 'idle' order by 2 desc limit 5"`,
          ],
        },
        fire: {
          series: [
            { series: `kube_job_status_start_time{${ns},job_name="${jobRun(first.name)}"}`, values: "0x20" },
            { series: `kube_job_status_active{${ns},job_name="${jobRun(first.name)}"}`, values: "1x20" },
          ],
          at: `${Math.ceil(first.maxDurationSeconds / 60) + 5}m`,
          labels: { job_name: jobRun(first.name) },
        },
        silent: {
          series: [
            { series: `kube_job_status_start_time{${ns},job_name="${jobRun(first.name)}"}`, values: "0x20" },
            { series: `kube_job_status_active{${ns},job_name="${jobRun(first.name)}"}`, values: "0x20" },
          ],
          at: `${Math.ceil(first.maxDurationSeconds / 60) + 5}m`,
        },
      },
    );
  }
  return { name: "jobs", alerts };
}
