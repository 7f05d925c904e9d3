/**
 * The smoke runner: each configured check, with retries, through the preview route (pre-switch:
 * the preview header sends the request to the idle colour) or the main route (post-switch).
 * Node's fetch (undici); latency over `maxLatencyMs` counts as a failure.
 */
import { smokeSchema, type SmokeConfig } from "../../infra/config/smoke";

export interface CheckResult {
  readonly path: string;
  readonly ok: boolean;
  readonly attempts: number;
  /** Why the last attempt failed, or "200 in 12 ms". */
  readonly detail: string;
}

export interface SmokeResult {
  readonly ok: boolean;
  readonly route: "preview" | "main";
  readonly checks: CheckResult[];
}

export async function runSmoke(cfg: unknown, baseUrl: string, route: "preview" | "main"): Promise<SmokeResult> {
  const c: SmokeConfig = smokeSchema.parse(cfg ?? {});
  const base = c.baseUrl ?? baseUrl;
  const checks: CheckResult[] = [];
  for (const check of c.checks) {
    let detail = "";
    let attempts = 0;
    let ok = false;
    while (!ok && attempts < c.retries) {
      if (attempts > 0) await new Promise((r) => setTimeout(r, c.intervalSeconds * 1000));
      attempts++;
      const started = performance.now();
      try {
        const res = await fetch(new URL(check.path, base), {
          headers: route === "preview" ? { [c.previewHeader]: "1" } : {},
          signal: AbortSignal.timeout(check.timeoutSeconds * 1000),
          redirect: "manual",
        });
        const body = await res.text();
        const ms = Math.round(performance.now() - started);
        if (res.status !== check.expectStatus) detail = `status ${res.status}, expected ${check.expectStatus}`;
        else if (check.bodyMatch && !new RegExp(check.bodyMatch).test(body)) detail = `body does not match /${check.bodyMatch}/`;
        else if (ms > check.maxLatencyMs) detail = `took ${ms} ms, max ${check.maxLatencyMs} ms`;
        else {
          ok = true;
          detail = `${res.status} in ${ms} ms`;
        }
      } catch (e) {
        const err = e as Error;
        detail = err.name === "TimeoutError" ? `no answer in ${check.timeoutSeconds} s` : `request failed: ${err.message}`;
      }
    }
    checks.push({ path: check.path, ok, attempts, detail });
  }
  return { ok: checks.every((x) => x.ok), route, checks };
}

export function renderSmoke(r: SmokeResult): string {
  if (r.checks.length === 0) return `smoke (${r.route} route): no checks configured (gantry:release.smoke.checks)\n`;
  return (
    `smoke (${r.route} route): ${r.ok ? "passed" : "FAILED"}\n` +
    r.checks
      .map((c) => `  ${c.ok ? "ok  " : "FAIL"} ${c.path}  ${c.detail} (${c.attempts} attempt${c.attempts > 1 ? "s" : ""})\n`)
      .join("")
  );
}
