/**
 * What gantry attaches to each update: a human line plus a JSON tail in UpdateOptions.message,
 * so `gantry history` reads the engine's own update history (no side file that can drift). Pure.
 */
export const OPS = ["deploy", "switch", "rollback", "promote", "auto-rollback"] as const;
export type Op = (typeof OPS)[number];

export interface ReleaseMeta {
  readonly op: Op;
  readonly who: string;
  readonly what: Record<string, string | null>;
}

const MARK = " gantry:";

export function encodeMessage(m: ReleaseMeta): string {
  const what = Object.entries(m.what)
    .map(([k, v]) => `${k}=${v ?? "-"}`)
    .join(" ");
  return `gantry ${m.op} ${what} by ${m.who}${MARK}${JSON.stringify(m)}`;
}

export function decodeMessage(message: string | undefined): ReleaseMeta | undefined {
  const i = message?.lastIndexOf(MARK) ?? -1;
  if (!message || i < 0) return undefined;
  try {
    const m = JSON.parse(message.slice(i + MARK.length)) as ReleaseMeta;
    return OPS.includes(m.op) ? m : undefined;
  } catch {
    return undefined;
  }
}

/** Who runs the operation: the CI actor, else the git user, else the OS user. */
export function whoAmI(env: NodeJS.ProcessEnv, gitUser: () => string | undefined): string {
  if (env.GITHUB_ACTOR) return `${env.GITHUB_ACTOR} (ci)`;
  return env.GANTRY_ACTOR ?? gitUser() ?? env.USER ?? "unknown";
}

/** Production needs a reference that cannot move: `repo[:tag]@sha256:<64 hex>`. */
export function isDigestPinned(ref: string): boolean {
  return /^[^\s@]+@sha256:[0-9a-f]{64}$/.test(ref);
}

/** A plausible image reference (bad input otherwise: exit 2). */
export function isImageRef(ref: string): boolean {
  return /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:[\w][\w.-]{0,127})?(@sha256:[0-9a-f]{64})?$/.test(
    ref,
  );
}

export const other = (c: "blue" | "green"): "blue" | "green" => (c === "blue" ? "green" : "blue");
