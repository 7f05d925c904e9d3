/**
 * `gantry:alerting.receivers`, `gantry:alerting.routes` and the PrometheusRule/AlertmanagerConfig
 * selector labels. Credentials are Pulumi secrets or references to an existing Kubernetes
 * Secret; a plaintext credential is refused by key path (see {@link receiverSecretProblems}).
 */
import { z } from "zod";
import type { Problem } from "../../components/common/types";
import { type Receiver, routingProblems, secretFields } from "../../components/alerting/receivers";
import { NO_RECEIVER } from "../../components/alerting/routing";

/** A credential: a string set with `pulumi config set --secret`, or a key of an existing Secret in the stack's namespace. */
const credential = z.union([
  z.string().min(1),
  z
    .object({
      existingSecret: z
        .object({
          name: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "must be a Kubernetes Secret name"),
          key: z.string().regex(/^[-._a-zA-Z0-9]+$/, "must be a Secret key"),
        })
        .strict(),
    })
    .strict(),
]);

const email = z.string().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, "must be an e-mail address");

const receiverSchema = z
  .object({
    slack: z
      .object({ apiUrl: credential, channel: z.string().regex(/^[#@]?[\w.-]+$/, "must be a channel such as #alerts") })
      .strict()
      .optional(),
    telegram: z
      .object({
        botToken: credential,
        chatId: z
          .number()
          .int()
          .refine((n) => n !== 0, "must be a Telegram chat id"),
      })
      .strict()
      .optional(),
    email: z
      .object({
        to: email,
        from: email,
        smarthost: z.string().regex(/^[\w.-]+:\d{1,5}$/, "must be host:port such as smtp.example.com:587"),
        username: z.string().min(1).optional(),
        password: credential.optional(),
        requireTls: z.boolean().default(true),
      })
      .strict()
      .optional(),
    pagerduty: z.object({ routingKey: credential }).strict().optional(),
  })
  .strict();

const receiverName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, "receiver names are lower-case words such as oncall or team-chat")
  .refine((n) => n !== NO_RECEIVER, `"${NO_RECEIVER}" is reserved (alerts no route claims)`);

const labels = z.record(z.string().regex(/^[a-zA-Z_][\w./-]*$/, "must be a label name"), z.string());

/** Spread into alertingSchema's object. */
export const receiverKeys = {
  /** Named receivers; each may combine several integrations. */
  receivers: z.record(receiverName, receiverSchema).default({}),
  /** Receiver names per severity; unset severities use the environment's default (see README). */
  routes: z
    .object({
      critical: z.array(z.string()).optional(),
      warning: z.array(z.string()).optional(),
      ticket: z.array(z.string()).optional(),
    })
    .strict()
    .optional(),
  /** Labels the Prometheus `ruleSelector` matches (kube-prometheus-stack: release=<helm release>). */
  ruleLabels: labels.default({ release: "kube-prometheus-stack" }),
  /** Labels the Alertmanager `alertmanagerConfigSelector` matches. */
  routingLabels: labels.default({ release: "kube-prometheus-stack" }),
};

/** A receiver as config parsing leaves it: a credential is a string or an existingSecret reference. */
export type ConfigReceiver = z.output<typeof receiverSchema>;

/**
 * The parsed form, with each credential string as a `value` (what the routing helpers take);
 * `wrap` turns it into what the component needs (a Pulumi secret).
 */
export function toReceiver<T = string>(r: ConfigReceiver, wrap: (s: string) => T = (s) => s as T): Receiver<T> {
  const src = (c: z.output<typeof credential>) => (typeof c === "string" ? { value: wrap(c) } : c);
  return {
    ...(r.slack && { slack: { channel: r.slack.channel, apiUrl: src(r.slack.apiUrl) } }),
    ...(r.telegram && { telegram: { chatId: r.telegram.chatId, botToken: src(r.telegram.botToken) } }),
    ...(r.email && { email: { ...r.email, password: r.email.password === undefined ? undefined : src(r.email.password) } }),
    ...(r.pagerduty && { pagerduty: { routingKey: src(r.pagerduty.routingKey) } }),
  };
}

/**
 * Credentials given as plain strings that are not Pulumi secrets. At runtime the engine marks a
 * whole top-level key secret when any value inside is, so `gantry plan` (which sees each
 * `secure:` path) is the precise check; both refuse a plaintext-only `alerting` key.
 */
export function receiverSecretProblems(raw: Record<string, unknown>, secretPaths: ReadonlySet<string>): Problem[] {
  const receivers = (raw.alerting as { receivers?: unknown } | undefined)?.receivers;
  if (!receivers || typeof receivers !== "object") return [];
  const isSecret = (path: string) => {
    const parts = path.split(".");
    return parts.some((_, i) => secretPaths.has(parts.slice(0, i + 1).join(".")));
  };
  const problems: Problem[] = [];
  for (const [name, r] of Object.entries(receivers as Record<string, Receiver<unknown>>)) {
    if (!r || typeof r !== "object") continue;
    for (const [field, value] of secretFields(r)) {
      const path = `alerting.receivers.${name}.${field}`;
      if (typeof value === "string" && !isSecret(path)) {
        problems.push({
          path,
          message: `is plaintext; store it encrypted with \`pulumi config set --secret --path 'alerting.receivers.${name}.${field}' <value>\` or reference a Kubernetes Secret: {existingSecret: {name, key}}`,
        });
      }
    }
  }
  return problems;
}

/** Routing rules over parsed config: unknown or paging-on-warning routes, production without a pager, render mode. */
export function alertingProblems(c: {
  environment: Parameters<typeof routingProblems>[0];
  alerting: { receivers: Record<string, ConfigReceiver>; routes?: Partial<Record<"critical" | "warning" | "ticket", string[]>> };
  kubernetes: { renderToDirectory?: string };
}): Problem[] {
  const receivers = Object.fromEntries(Object.entries(c.alerting.receivers).map(([n, r]) => [n, toReceiver(r)]));
  const problems = routingProblems(c.environment, receivers, c.alerting.routes);
  for (const [name, r] of Object.entries(receivers)) {
    if (r.email && !r.email.username !== !r.email.password) {
      problems.push({
        path: `alerting.receivers.${name}.email.${r.email.username ? "password" : "username"}`,
        message: "is required with the other: SMTP authentication needs both email.username and email.password (or neither)",
      });
    }
  }
  // Render mode writes every Secret to disk in plaintext, so credentials must live in existing Secrets.
  if (c.kubernetes.renderToDirectory) {
    for (const [name, r] of Object.entries(receivers)) {
      for (const [field, s] of secretFields(r)) {
        if ("value" in s) {
          problems.push({
            path: `alerting.receivers.${name}.${field}`,
            message:
              "must be {existingSecret: {name, key}} when kubernetes.renderToDirectory is set: rendered Secrets are plaintext files",
          });
        }
      }
    }
  }
  return problems;
}
