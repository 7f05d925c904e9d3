/**
 * SLOs as multi-window, multi-burn-rate alerts (SRE workbook ch. 5, as Sloth generates them):
 * error-ratio recording rules per window, then a page alert (1h/5m at 14.4x or 6h/30m at 6x the
 * budget rate) and a ticket alert (1d/2h at 3x or 3d/6h at 1x) per SLO, over a 30-day budget.
 */
import type { AlertParams, Group, Recording } from "./types";

export const WINDOWS = ["5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d"] as const;
const PAGE = [
  { long: "1h", short: "5m", factor: 14.4 },
  { long: "6h", short: "30m", factor: 6 },
];
const TICKET = [
  { long: "1d", short: "2h", factor: 3 },
  { long: "3d", short: "6h", factor: 1 },
];

interface Slo {
  name: "availability" | "latency";
  title: string;
  objective: number;
  /** PromQL error ratio over a range window. */
  errors: (w: string) => string;
}

export const sliRecord = (w: string) => `slo:sli_error:ratio_rate${w}`;

function slos(p: AlertParams): Slo[] {
  const sel = `namespace="${p.namespace}",job="app"`;
  const le = String(p.slo.latencyMs / 1000);
  return [
    {
      name: "availability",
      title: "App availability",
      objective: p.slo.availabilityPercent / 100,
      errors: (w) => `sum(rate(http_requests_total{${sel},code=~"5.."}[${w}])) / sum(rate(http_requests_total{${sel}}[${w}]))`,
    },
    {
      name: "latency",
      title: `App requests under ${p.slo.latencyMs} ms`,
      objective: p.slo.latencyPercent / 100,
      errors: (w) =>
        `1 - (sum(rate(http_request_duration_seconds_bucket{${sel},le="${le}"}[${w}])) / sum(rate(http_request_duration_seconds_count{${sel}}[${w}])))`,
    },
  ];
}

const round = (n: number) => Number(n.toPrecision(6));

/** Synthetic traffic: `bad` of every 1000 requests fail the SLO (5xx, or slower than the bound). */
function traffic(p: AlertParams, slo: Slo["name"], bad: number) {
  const sel = `namespace="${p.namespace}",job="app"`;
  if (slo === "availability") {
    return [
      { series: `http_requests_total{${sel},code="200"}`, values: `0+${1000 - bad}x300` },
      { series: `http_requests_total{${sel},code="500"}`, values: `0+${bad}x300` },
    ];
  }
  const le = String(p.slo.latencyMs / 1000);
  return [
    { series: `http_request_duration_seconds_bucket{${sel},le="${le}"}`, values: `0+${1000 - bad}x300` },
    { series: `http_request_duration_seconds_count{${sel}}`, values: "0+1000x300" },
  ];
}

export function sloGroup(p: AlertParams): Group {
  const recordings: Recording[] = [];
  const alerts: Group["alerts"] = [];
  for (const s of slos(p)) {
    const budget = round(1 - s.objective);
    const labels = { slo: s.name };
    for (const w of WINDOWS) recordings.push({ record: sliRecord(w), expr: s.errors(w), labels });
    recordings.push({
      record: "slo:error_budget_remaining:ratio",
      expr: `1 - ${sliRecord("30d")}{slo="${s.name}"} / ${budget}`,
      labels,
    });
    const burn = (pairs: typeof PAGE) =>
      pairs
        .map(
          (b) =>
            `(${sliRecord(b.long)}{slo="${s.name}"} > ${round(b.factor * budget)} and ${sliRecord(b.short)}{slo="${s.name}"} > ${round(b.factor * budget)})`,
        )
        .join(" or ");
    const cap = s.name.charAt(0).toUpperCase() + s.name.slice(1);
    // Fast burn: every request bad. Slow burn: 5x the budget rate (tickets, never pages). Within budget: half of it.
    const fast = Math.min(1000, Math.round(1000 * budget * 30));
    const slow = Math.max(1, Math.round(1000 * budget * 5));
    alerts.push(
      {
        alert: `SLO${cap}BurnRatePage`,
        expr: burn(PAGE),
        for: "2m",
        severity: "critical",
        summary: `${s.title}: error budget burning fast`,
        description: `At this rate the 30-day error budget of the ${s.objective * 100} % ${s.name} SLO is gone within 2 to 5 days.`,
        runbook: {
          meaning: "The SLO's budget burns at 14.4x (1h) or 6x (6h) its sustainable rate: users are affected now.",
          commands: [
            `kubectl -n ${p.namespace} get pods`,
            `kubectl -n ${p.namespace} logs -l app.kubernetes.io/name=app --tail=200`,
            `npx gantry plan ${p.environment} --json | jq .release`,
          ],
        },
        // 1h/5m at 14.4x: pages 2 minutes (for) after the burn starts, checked 15 minutes in.
        fire: { series: traffic(p, s.name, fast), at: "15m", labels },
        silent: { series: traffic(p, s.name, slow), at: "45m" },
      },
      {
        alert: `SLO${cap}BurnRateTicket`,
        expr: burn(TICKET),
        for: "15m",
        severity: "ticket",
        summary: `${s.title}: error budget burning`,
        description: `The ${s.objective * 100} % ${s.name} SLO's 30-day budget burns faster than it refills.`,
        runbook: {
          meaning: "The budget burns at 3x (1d) or 1x (3d) its sustainable rate: fix within working hours.",
          commands: [
            `kubectl -n ${p.namespace} get pods`,
            `kubectl -n ${p.namespace} logs -l app.kubernetes.io/name=app --tail=500 | grep -ci error`,
            `kubectl -n ${p.namespace} get hpa`,
          ],
        },
        fire: { series: traffic(p, s.name, slow), at: "45m", labels },
        silent: { series: traffic(p, s.name, Math.max(0, Math.floor(1000 * budget * 0.5))), at: "45m" },
      },
    );
  }
  return { name: "slo", recordings, alerts };
}
