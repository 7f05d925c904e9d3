/** ReleasedService rules. Pure; returns every problem at once. */
import { type Problem, validateRelease } from "../release";
import type { ResolvedServiceArgs } from "./args";

const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Env names the component sets itself. */
export const RESERVED_ENV = ["GANTRY_SLOT", "GANTRY_IMAGE"] as const;

function isPort(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}

/** Every problem with resolved args, by key path. */
export function validateServiceArgs(r: ResolvedServiceArgs): Problem[] {
  const p: Problem[] = [...validateRelease({ kind: r.kind, release: r.release, replicas: r.replicas })];
  // "-green" is the longest suffix; Service names are DNS labels (≤ 63).
  if (!DNS_LABEL.test(r.service) || r.service.length > 63 - "-green".length) {
    p.push({ path: "name", message: `"${r.service}" must be a DNS label of at most 57 characters (it gets -blue/-green)` });
  }
  if (!Number.isInteger(r.replicas) || r.replicas < 0) {
    p.push({ path: "replicas", message: `must be an integer ≥ 0, got ${r.replicas}` });
  } else if (r.environment === "production" && r.kind === "web" && r.replicas < 2) {
    p.push({ path: "replicas", message: "must be ≥ 2 for a production web service (one pod per node drain)" });
  }
  if (!isPort(r.port)) p.push({ path: "port", message: `must be a port 1–65535, got ${r.port}` });
  if (!isPort(r.healthPort)) p.push({ path: "healthPort", message: `must be a port 1–65535, got ${r.healthPort}` });
  if (r.kind === "web" && r.ingressFrom === undefined) {
    p.push({ path: "ingressFrom", message: "a web service needs ingressFrom (the gateway namespace) for its NetworkPolicy" });
  }
  if (r.kind === "worker" && r.hpa !== undefined) {
    p.push({ path: "hpa", message: "workers scale by colour (idle = 0); CPU autoscaling is for web services: remove hpa" });
  }
  if (r.kind === "web" && r.exclusive) {
    p.push({ path: "exclusive", message: "exclusive applies to workers (queue consumers) only" });
  }
  if (r.hpa !== undefined) {
    if (!Number.isInteger(r.hpa.maxReplicas) || r.hpa.maxReplicas < Math.max(r.replicas, 1)) {
      p.push({ path: "hpa.maxReplicas", message: `must be an integer ≥ replicas (${r.replicas}), got ${r.hpa.maxReplicas}` });
    }
    if (!Number.isInteger(r.hpa.targetCpuPercent) || r.hpa.targetCpuPercent < 1 || r.hpa.targetCpuPercent > 100) {
      p.push({ path: "hpa.targetCpuPercent", message: `must be an integer 1–100, got ${r.hpa.targetCpuPercent}` });
    }
  }
  if (!Number.isInteger(r.preStopSeconds) || r.preStopSeconds < 0) {
    p.push({ path: "preStopSeconds", message: `must be an integer ≥ 0, got ${r.preStopSeconds}` });
  }
  if (!(r.terminationGraceSeconds > r.preStopSeconds)) {
    p.push({
      path: "terminationGraceSeconds",
      message: `must exceed preStopSeconds (${r.preStopSeconds}): the grace period covers the preStop sleep plus shutdown`,
    });
  }
  for (const [section, names] of [
    ["env", Object.keys(r.env)],
    ["secretEnv", Object.keys(r.secretEnv)],
  ] as const) {
    for (const n of names) {
      if (!ENV_NAME.test(n)) p.push({ path: `${section}.${n}`, message: "is not a valid environment variable name" });
      if ((RESERVED_ENV as readonly string[]).includes(n))
        p.push({ path: `${section}.${n}`, message: "is set by Gantry; choose another name" });
    }
  }
  for (const n of Object.keys(r.env)) {
    if (n in r.secretEnv) p.push({ path: `env.${n}`, message: "is also in secretEnv; keep one" });
  }
  for (const section of ["labels", "podLabels"] as const) {
    for (const k of ["app.kubernetes.io/name", "gantry.dev/slot"]) {
      if (k in r[section]) p.push({ path: `${section}.${k}`, message: "is a selector label Gantry owns; remove it" });
    }
  }
  return p;
}
