/**
 * Pure: the `spec` of a monitoring.coreos.com/v1alpha1 AlertmanagerConfig from receivers and
 * routes. Credentials are Secret key references only: inline (Pulumi secret) values are listed
 * in `secretData` for the component to write into one Kubernetes Secret.
 */
import { type Receiver, type Routes, pages, SEVERITIES, type SecretSource } from "./receivers";

export interface SecretRef {
  name: string;
  key: string;
}
export interface Matcher {
  name: string;
  value: string;
  matchType: "=" | "!=" | "=~" | "!~";
}
export interface Route {
  receiver: string;
  matchers?: Matcher[];
  groupBy?: string[];
  groupWait?: string;
  groupInterval?: string;
  repeatInterval?: string;
  continue?: boolean;
  routes?: Route[];
}
export interface AmReceiver {
  name: string;
  slackConfigs?: { apiURL: SecretRef; channel: string; sendResolved: boolean }[];
  telegramConfigs?: { botToken: SecretRef; chatID: number; sendResolved: boolean }[];
  emailConfigs?: {
    to: string;
    from: string;
    smarthost: string;
    authUsername?: string;
    authPassword?: SecretRef;
    requireTLS: boolean;
    sendResolved: boolean;
  }[];
  pagerdutyConfigs?: { routingKey: SecretRef; severity: string; sendResolved: boolean }[];
}
export interface InhibitRule {
  sourceMatch: Matcher[];
  targetMatch: Matcher[];
  equal: string[];
}
export interface AlertmanagerConfigSpec {
  route: Route;
  receivers: AmReceiver[];
  inhibitRules: InhibitRule[];
}

/** The top route's receiver: alerts that match no severity route go nowhere rather than to a person. */
export const NO_RECEIVER = "none";

/**
 * Timing that pages a human at most once per incident. Pages are grouped by namespace alone, so
 * every critical alert of one environment joins one PagerDuty incident (its dedup key is the
 * group); a group that keeps firing re-notifies that same incident at most every 12 h. Chat and
 * e-mail get one thread per alert name, reminded every 4 h (tickets daily).
 */
export const TIMING = {
  groupWait: "30s",
  groupInterval: "5m",
  chat: { groupBy: ["namespace", "alertname"], repeatInterval: "4h" },
  page: { groupBy: ["namespace"], repeatInterval: "12h" },
  ticket: { repeatInterval: "24h" },
} as const;

const eq = (name: string, value: string): Matcher => ({ name, value, matchType: "=" });
const present = (name: string): Matcher => ({ name, value: ".+", matchType: "=~" });

/**
 * Critical mutes warning of the same alert and namespace; a paging SLO burn mutes the ticket of
 * the same SLO. Both sides must carry `slo`: Alertmanager treats a label missing on both as equal.
 */
export const INHIBIT_RULES: InhibitRule[] = [
  { sourceMatch: [eq("severity", "critical")], targetMatch: [eq("severity", "warning")], equal: ["namespace", "alertname"] },
  {
    sourceMatch: [eq("severity", "critical"), present("slo")],
    targetMatch: [eq("severity", "ticket"), present("slo")],
    equal: ["namespace", "slo"],
  },
];

export interface RoutingArgs<T> {
  environment: string;
  receivers: Readonly<Record<string, Receiver<T>>>;
  routes: Routes;
  /** The Secret Gantry writes inline credentials into. */
  secretName: string;
}

export interface RoutingPlan<T> {
  spec: AlertmanagerConfigSpec;
  /** Secret key → inline value, for the Secret named `secretName` (empty when every credential is an existingSecret). */
  secretData: Record<string, T>;
}

export function routingPlan<T>(a: RoutingArgs<T>): RoutingPlan<T> {
  const secretData: Record<string, T> = {};
  const ref = (receiver: string, field: string, s: SecretSource<T>): SecretRef => {
    if ("existingSecret" in s) return { name: s.existingSecret.name, key: s.existingSecret.key };
    const key = `${receiver}.${field}`;
    secretData[key] = s.value;
    return { name: a.secretName, key };
  };
  // Only routed receivers are rendered: an unused one's inline credential is not written either.
  const used = new Set(SEVERITIES.flatMap((s) => a.routes[s]));
  const receivers = Object.entries(a.receivers)
    .filter(([name]) => used.has(name))
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([name, r]) => amReceiver(name, r, (field, s) => ref(name, field, s)));

  const routes: Route[] = SEVERITIES.flatMap((severity) =>
    a.routes[severity].map((name, i, all) => {
      const paging = pages(a.receivers[name]!);
      return {
        receiver: name,
        matchers: [eq("severity", severity)],
        ...(paging ? { groupBy: [...TIMING.page.groupBy], repeatInterval: TIMING.page.repeatInterval } : {}),
        ...(severity === "ticket" ? { repeatInterval: TIMING.ticket.repeatInterval } : {}),
        // Every receiver of a severity gets the alert: keep matching the next sibling.
        ...(i < all.length - 1 ? { continue: true } : {}),
      };
    }),
  );
  return {
    spec: {
      route: {
        receiver: NO_RECEIVER,
        matchers: [eq("environment", a.environment)],
        groupBy: [...TIMING.chat.groupBy],
        groupWait: TIMING.groupWait,
        groupInterval: TIMING.groupInterval,
        repeatInterval: TIMING.chat.repeatInterval,
        routes,
      },
      receivers: [{ name: NO_RECEIVER }, ...receivers],
      inhibitRules: INHIBIT_RULES,
    },
    secretData,
  };
}

function amReceiver<T>(name: string, r: Receiver<T>, ref: (field: string, s: SecretSource<T>) => SecretRef): AmReceiver {
  return {
    name,
    ...(r.slack
      ? { slackConfigs: [{ apiURL: ref("slack.apiUrl", r.slack.apiUrl), channel: r.slack.channel, sendResolved: true }] }
      : {}),
    ...(r.telegram
      ? {
          telegramConfigs: [
            { botToken: ref("telegram.botToken", r.telegram.botToken), chatID: r.telegram.chatId, sendResolved: true },
          ],
        }
      : {}),
    ...(r.email
      ? {
          emailConfigs: [
            {
              to: r.email.to,
              from: r.email.from,
              smarthost: r.email.smarthost,
              ...(r.email.username ? { authUsername: r.email.username } : {}),
              ...(r.email.password ? { authPassword: ref("email.password", r.email.password) } : {}),
              requireTLS: r.email.requireTls ?? true,
              sendResolved: true,
            },
          ],
        }
      : {}),
    ...(r.pagerduty
      ? {
          pagerdutyConfigs: [
            { routingKey: ref("pagerduty.routingKey", r.pagerduty.routingKey), severity: "critical", sendResolved: true },
          ],
        }
      : {}),
  };
}
