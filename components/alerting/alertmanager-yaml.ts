/**
 * Pure: an AlertmanagerConfig spec as the alertmanager.yml prometheus-operator generates from it,
 * so amtool can check the routing we ship. Mirrors the operator's conversion: receivers are
 * named `<namespace>/<config>/<receiver>`, the config's route becomes a first-level route that
 * matches its namespace and always continues, inhibit rules are confined to the namespace, and
 * Secret key references are replaced by the values `secret` returns.
 */
import type { AlertmanagerConfigSpec, AmReceiver, InhibitRule, Matcher, Route, SecretRef } from "./routing";

export interface RenderOptions {
  /** Namespace and name of the AlertmanagerConfig object. */
  namespace: string;
  name: string;
  /** Resolves a Secret key reference (the operator reads the Secret; tests pass dummy values). */
  secret: (ref: SecretRef) => string;
}

/** A route of alertmanager.yml. */
export interface YamlRoute {
  receiver: string;
  matchers?: string[];
  group_by?: string[];
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  continue?: boolean;
  routes?: YamlRoute[];
}

/** The operator's base configuration routes what no AlertmanagerConfig claims to a receiver that sends nothing. */
export const ROOT_RECEIVER = "null";

export function alertmanagerYaml(spec: AlertmanagerConfigSpec, o: RenderOptions) {
  const prefix = `${o.namespace}/${o.name}/`;
  const inNamespace: Matcher = { name: "namespace", value: o.namespace, matchType: "=" };
  const top = spec.route;
  const root: { receiver: string; routes: YamlRoute[] } = {
    receiver: ROOT_RECEIVER,
    routes: [
      {
        ...route({ ...top, matchers: [inNamespace, ...(top.matchers ?? []).filter((m) => m.name !== "namespace")] }, prefix),
        continue: true,
      },
    ],
  };
  return {
    route: root,
    receivers: [{ name: ROOT_RECEIVER }, ...spec.receivers.map((r) => receiver(r, prefix, o.secret))],
    inhibit_rules: spec.inhibitRules.map((r) => inhibit(r, inNamespace)),
  };
}

/** `name="value"` in Alertmanager's matcher syntax (quotes and backslashes escaped). */
export const matcherText = (m: Matcher) => `${m.name}${m.matchType}${JSON.stringify(m.value)}`;

function route(r: Route, prefix: string): YamlRoute {
  return {
    receiver: prefix + r.receiver,
    ...(r.matchers?.length ? { matchers: r.matchers.map(matcherText) } : {}),
    ...(r.groupBy ? { group_by: r.groupBy } : {}),
    ...(r.groupWait ? { group_wait: r.groupWait } : {}),
    ...(r.groupInterval ? { group_interval: r.groupInterval } : {}),
    ...(r.repeatInterval ? { repeat_interval: r.repeatInterval } : {}),
    ...(r.continue !== undefined ? { continue: r.continue } : {}),
    ...(r.routes?.length ? { routes: r.routes.map((c) => route(c, prefix)) } : {}),
  };
}

function receiver(r: AmReceiver, prefix: string, secret: RenderOptions["secret"]) {
  return {
    name: prefix + r.name,
    ...(r.slackConfigs && {
      slack_configs: r.slackConfigs.map((c) => ({
        api_url: secret(c.apiURL),
        channel: c.channel,
        send_resolved: c.sendResolved,
      })),
    }),
    ...(r.telegramConfigs && {
      telegram_configs: r.telegramConfigs.map((c) => ({
        bot_token: secret(c.botToken),
        chat_id: c.chatID,
        send_resolved: c.sendResolved,
      })),
    }),
    ...(r.emailConfigs && {
      email_configs: r.emailConfigs.map((c) => ({
        to: c.to,
        from: c.from,
        smarthost: c.smarthost,
        ...(c.authUsername ? { auth_username: c.authUsername } : {}),
        ...(c.authPassword ? { auth_password: secret(c.authPassword) } : {}),
        require_tls: c.requireTLS,
        send_resolved: c.sendResolved,
      })),
    }),
    ...(r.pagerdutyConfigs && {
      pagerduty_configs: r.pagerdutyConfigs.map((c) => ({
        routing_key: secret(c.routingKey),
        severity: c.severity,
        send_resolved: c.sendResolved,
      })),
    }),
  };
}

function inhibit(r: InhibitRule, inNamespace: Matcher) {
  return {
    source_matchers: [...r.sourceMatch, inNamespace].map(matcherText),
    target_matchers: [...r.targetMatch, inNamespace].map(matcherText),
    equal: r.equal,
  };
}
