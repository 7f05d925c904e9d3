/**
 * Pure: who hears about which alert. Receiver shapes (Slack, Telegram, e-mail, PagerDuty), the
 * per-environment default routing and the checks config parsing reports by key path.
 */
import type { Environment, Problem } from "../common/types";
import type { Severity } from "./types";

export const SEVERITIES = ["critical", "warning", "ticket"] as const satisfies readonly Severity[];

/** A credential: a key of a Kubernetes Secret that already exists, or a (Pulumi secret) value Gantry writes into one. */
export type SecretSource<T> =
  { readonly existingSecret: { readonly name: string; readonly key: string } } | { readonly value: T };

/** One named receiver: any mix of integrations; each one gets every alert routed to the receiver. */
export interface Receiver<T = string> {
  readonly slack?: { readonly apiUrl: SecretSource<T>; readonly channel: string };
  readonly telegram?: { readonly botToken: SecretSource<T>; readonly chatId: number };
  readonly email?: {
    readonly to: string;
    readonly from: string;
    /** `host:port` of the SMTP server. */
    readonly smarthost: string;
    readonly username?: string;
    readonly password?: SecretSource<T>;
    /** @default true */
    readonly requireTls?: boolean;
  };
  readonly pagerduty?: { readonly routingKey: SecretSource<T> };
}

/** Receiver names per severity, in notification order. */
export type Routes = Readonly<Record<Severity, readonly string[]>>;

/** A receiver pages a human when it has a PagerDuty integration (chat and e-mail are read when someone looks). */
export const pages = (r: Receiver<unknown>): boolean => r.pagerduty !== undefined;

/**
 * Routing when `alerting.routes` is not set. Production: critical reaches every receiver (pagers
 * and chat, so the channel sees what paged), warnings and tickets reach the non-paging ones.
 * Any other environment pages nobody: every severity reaches the non-paging receivers only.
 */
export function defaultRoutes(environment: Environment, receivers: Readonly<Record<string, Receiver<unknown>>>): Routes {
  const names = Object.keys(receivers).sort();
  const quiet = names.filter((n) => !pages(receivers[n]!));
  const paging = names.filter((n) => pages(receivers[n]!));
  return {
    critical: environment === "production" ? [...paging, ...quiet] : quiet,
    warning: quiet,
    ticket: quiet,
  };
}

/** Routing problems, by the key path a person edits (`alerting.routes.*`, `alerting.receivers`). */
export function routingProblems(
  environment: Environment,
  receivers: Readonly<Record<string, Receiver<unknown>>>,
  explicit: Partial<Routes> | undefined,
): Problem[] {
  const problems: Problem[] = [];
  for (const [name, r] of Object.entries(receivers)) {
    if (!r.slack && !r.telegram && !r.email && !r.pagerduty) {
      problems.push({
        path: `alerting.receivers.${name}`,
        message: "has no integration: give it slack, telegram, email or pagerduty (or remove it)",
      });
    }
  }
  for (const severity of SEVERITIES) {
    (explicit?.[severity] ?? []).forEach((name, i) => {
      const path = `alerting.routes.${severity}.${i}`;
      const r = receivers[name];
      if (!r) {
        const known = Object.keys(receivers);
        problems.push({
          path,
          message: `names no receiver "${name}"; define alerting.receivers.${name}${known.length ? ` or use one of ${known.join(", ")}` : ""}`,
        });
      } else if (severity !== "critical" && pages(r)) {
        problems.push({
          path,
          message: `routes ${severity} alerts to the paging receiver "${name}": only critical alerts page a human; route ${severity} to a chat or e-mail receiver`,
        });
      }
    });
  }
  if (environment === "production") {
    const routes = { ...defaultRoutes(environment, receivers), ...explicit };
    const paged = routes.critical.some((n) => receivers[n] && pages(receivers[n]));
    if (!paged) {
      const hasPager = Object.values(receivers).some(pages);
      problems.push(
        hasPager
          ? {
              path: "alerting.routes.critical",
              message: "reaches no paging receiver in production: add the receiver that has pagerduty to it",
            }
          : {
              path: "alerting.receivers",
              message:
                "production needs a paging receiver for critical alerts: add one with `pagerduty.routingKey` (an existingSecret reference or a Pulumi secret)",
            },
      );
    }
  }
  return problems;
}

/** The credential fields of a receiver, as [dotted path below the receiver, source]. */
export function secretFields<T>(r: Receiver<T>): [string, SecretSource<T>][] {
  const out: [string, SecretSource<T> | undefined][] = [
    ["slack.apiUrl", r.slack?.apiUrl],
    ["telegram.botToken", r.telegram?.botToken],
    ["email.password", r.email?.password],
    ["pagerduty.routingKey", r.pagerduty?.routingKey],
  ];
  return out.filter((e): e is [string, SecretSource<T>] => e[1] !== undefined);
}
