import { label, ofTypes, type GantryStackPolicy } from "../../lib/policy";
import { T } from "../../lib/types";

type Matcher = { name: string; value?: string; matchType?: string };
type Route = { receiver?: string; matchers?: Matcher[]; continue?: boolean; routes?: Route[] };
type Receiver = { name: string } & Record<string, unknown>;

/** Integrations that wake someone up. */
const PAGING = ["pagerdutyConfigs", "opsgenieConfigs", "victoropsConfigs"];

/** Whether a matcher admits `severity=critical`; matchers on other labels are taken to match. */
function admits(m: Matcher): boolean {
  if (m.name !== "severity") return true;
  const v = m.value ?? "";
  const op = m.matchType ?? "=";
  if (op === "=") return v === "critical";
  if (op === "!=") return v !== "critical";
  const re = new RegExp(`^(?:${v})$`);
  return op === "=~" ? re.test("critical") : !re.test("critical");
}

/** The receivers a critical alert reaches, walking the tree as Alertmanager does (first match, unless `continue`). */
function criticalReceivers(route: Route): string[] {
  const out: string[] = [];
  for (const child of route.routes ?? []) {
    if (!(child.matchers ?? []).every(admits)) continue;
    out.push(...criticalReceivers({ ...child, receiver: child.receiver ?? route.receiver }));
    if (!child.continue) break;
  }
  return out.length ? out : route.receiver ? [route.receiver] : [];
}

/**
 * Critical alerts reach a paging receiver (PagerDuty, Opsgenie or VictorOps) through an
 * AlertmanagerConfig of the stack.
 *
 * Why: a chat message at 3 a.m. is read at 9; an outage needs a person woken up. Staging pages
 * nobody, so the environment config decides where this applies.
 *
 * @severity high
 */
export const alertingPagingReceiver: GantryStackPolicy = {
  name: "alerting-paging-receiver",
  description: "Critical alerts must be routed to a paging receiver.",
  severity: "high",
  enforcementLevel: "mandatory",
  configKey: "alerting.receivers, alerting.routes.critical",
  validateStack: (args, report) => {
    const configs = ofTypes(args, [T.alertmanagerConfig]);
    if (configs.length === 0) {
      report("No AlertmanagerConfig routes alerts: add a receiver with pagerduty to alerting.receivers.");
      return;
    }
    const paged = configs.some((c) => {
      const receivers = (c.props.spec?.receivers ?? []) as Receiver[];
      const route = c.props.spec?.route as Route | undefined;
      return (
        !!route &&
        criticalReceivers(route).some((n) => {
          const r = receivers.find((x) => x.name === n);
          return !!r && PAGING.some((k) => Array.isArray(r[k]) && (r[k] as unknown[]).length > 0);
        })
      );
    });
    if (!paged) {
      const where = configs.map(label).join(", ");
      report(
        `${where} routes critical alerts to no paging receiver (PagerDuty, Opsgenie or VictorOps): add one with pagerduty to alerting.receivers and alerting.routes.critical.`,
      );
    }
  },
};
