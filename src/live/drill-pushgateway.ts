/**
 * The in-cluster drill's figures from a Prometheus Pushgateway's HTTP API (`GET /api/v1/metrics`:
 * every group with its labels and metric families). drill.sh pushes, per grouping key
 * job/instance[/namespace]: on success restore_duration_seconds (measured RTO),
 * restored_data_age_seconds (measured RPO), restore_last_success_timestamp_seconds,
 * restore_drill_last_run_timestamp_seconds and restore_drill_failed 0; on failure only
 * restore_drill_failed 1 and the last-run timestamp (a POST keeps the other metrics), so the
 * figures of the last success survive a failed run.
 */
import { type DrillReading, isoFromEpoch, unknownReading } from "./drill-figures";

export interface GroupKey {
  readonly url: string;
  readonly job: string;
  readonly instance: string;
  readonly namespace: string | null;
  /** The drill CronJob's name, for the kubectl commands a reason suggests. @default "restore-drill" */
  readonly cronJob?: string;
}

/** Metric names drill.sh pushes (components/backups/scripts/drill.sh, "pushing metrics"). */
export const DRILL_METRICS = {
  restoreSeconds: "restore_duration_seconds",
  dataAgeSeconds: "restored_data_age_seconds",
  lastSuccess: "restore_last_success_timestamp_seconds",
  lastRun: "restore_drill_last_run_timestamp_seconds",
  failed: "restore_drill_failed",
} as const;

interface Family {
  metrics?: { labels?: Record<string, string>; value?: string }[];
}
interface Group {
  labels?: Record<string, string>;
  [metric: string]: unknown;
}

/** `Pushgateway <url> job=… instance=… namespace=…`: where a reading came from. */
export function describeKey(k: GroupKey): string {
  return `Pushgateway ${k.url} job=${k.job} instance=${k.instance}${k.namespace ? ` namespace=${k.namespace}` : ""}`;
}

/**
 * For a Pushgateway addressed by its in-cluster name (`<service>.<namespace>.svc[…]:<port>`), the
 * port-forward an operator outside the cluster runs; null for any other address.
 */
export function portForwardHint(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const m = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc(\.|$)/.exec(u.hostname);
  if (!m) return null;
  const port = u.port || (u.protocol === "https:" ? "443" : "80");
  return `kubectl -n ${m[2]} port-forward svc/${m[1]} ${port}, then --pushgateway http://127.0.0.1:${port}`;
}

function value(g: Group, name: string): number | null {
  const v = (g[name] as Family | undefined)?.metrics?.[0]?.value;
  if (v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** The drill's reading from an `/api/v1/metrics` response body. Pure. */
export function figuresFromPushgateway(body: unknown, k: GroupKey): DrillReading {
  const source = describeKey(k);
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data))
    return unknownReading(source, `${k.url}/api/v1/metrics did not answer like a Pushgateway (no data list)`);
  const group = (data as Group[]).find(
    (g) =>
      g.labels?.job === k.job && g.labels?.instance === k.instance && (g.labels?.namespace ?? null) === (k.namespace ?? null),
  );
  const cron = k.cronJob ?? "restore-drill";
  if (!group) {
    return unknownReading(
      source,
      `no drill has pushed to ${k.url} under job=${k.job} instance=${k.instance}${k.namespace ? ` namespace=${k.namespace}` : ""}: ` +
        `the ${cron} CronJob has not run yet${k.namespace ? ` (start one: kubectl -n ${k.namespace} create job --from=cronjob/${cron} ${cron}-now)` : ""}, or this is not the Pushgateway it pushes to (backups.drill.pushgatewayUrl)`,
    );
  }
  const lastSuccess = value(group, DRILL_METRICS.lastSuccess);
  const lastRun = value(group, DRILL_METRICS.lastRun) ?? lastSuccess;
  // A failure pushes the gauge and a newer last-run time; either alone means the last run failed.
  const failed =
    value(group, DRILL_METRICS.failed) === 1 || (lastRun !== null && (lastSuccess === null || lastRun > lastSuccess));
  const figures = {
    source,
    restoreSeconds: lastSuccess === null ? null : value(group, DRILL_METRICS.restoreSeconds),
    dataAgeSeconds: lastSuccess === null ? null : value(group, DRILL_METRICS.dataAgeSeconds),
    lastSuccess: isoFromEpoch(lastSuccess),
    lastRun: isoFromEpoch(lastRun),
  };
  if (failed) {
    const logs = k.namespace ? `; its log: kubectl -n ${k.namespace} logs -l gantry.dev/drill=true --tail=50` : "";
    const since = lastSuccess === null ? "no drill has succeeded yet" : `the figures are from the last success`;
    return {
      ...figures,
      status: "failed",
      reason: `the last drill run (${figures.lastRun ?? "time unknown"}) failed (${DRILL_METRICS.failed} 1): ${since}${logs}`,
    };
  }
  if (lastSuccess === null) {
    return {
      ...figures,
      status: "unknown",
      reason: `the group under ${source} has no ${DRILL_METRICS.lastSuccess}: not pushed by Gantry's drill.sh`,
    };
  }
  return { ...figures, status: "ok", reason: null };
}

/** Reads the Pushgateway; an unreachable or odd server gives an unknown reading naming the fix. */
export async function readPushgateway(
  k: GroupKey,
  o: { overridden?: boolean; timeoutMs?: number; fetchImpl?: typeof fetch } = {},
): Promise<DrillReading> {
  const source = describeKey(k);
  let url: URL;
  try {
    url = new URL("api/v1/metrics", k.url.endsWith("/") ? k.url : `${k.url}/`);
  } catch {
    return unknownReading(
      source,
      `${o.overridden ? "--pushgateway" : "backups.drill.pushgatewayUrl"} \`${k.url}\` is not a URL (e.g. http://127.0.0.1:9091)`,
    );
  }
  try {
    const res = await (o.fetchImpl ?? fetch)(url, {
      signal: AbortSignal.timeout(o.timeoutMs ?? 5000),
      headers: { accept: "application/json" },
    });
    if (!res.ok) return unknownReading(source, `${url.href} answered HTTP ${res.status}: is ${k.url} a Pushgateway?`);
    return figuresFromPushgateway(await res.json(), k);
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (e as Error).message;
    const hint = portForwardHint(k.url);
    const fix = hint
      ? `from outside the cluster: ${hint}`
      : o.overridden
        ? "check the port-forward is running and the URL"
        : "pass --pushgateway <url> to read another address";
    return unknownReading(source, `could not reach the Pushgateway at ${k.url} (${why}): ${fix}`);
  }
}
