/** The Kubernetes Secrets apps read to reach Redis, shared by both tiers. */
import { writeSecretKey } from "../common/secret";
import type * as pulumi from "@pulumi/pulumi";
import type { SecretKeyRef } from "../common/types";
import type { EnvVar } from "./outputs";
import { PASSWORD_KEY, REDIS_URL_KEY } from "./naming";

/** Writes `${name}-auth` holding a generated password (a secret Output end to end). */
export function createAuthSecret(
  parent: pulumi.Resource,
  name: string,
  namespace: string,
  labels: Record<string, string>,
  password: pulumi.Output<string>,
): SecretKeyRef {
  return writeSecretKey(parent, `${name}-auth`, namespace, labels, PASSWORD_KEY, password);
}

/** Writes `${name}-url` holding REDIS_URL and returns its key reference. */
export function createUrlSecret(
  parent: pulumi.Resource,
  name: string,
  namespace: string,
  labels: Record<string, string>,
  url: pulumi.Output<string>,
): SecretKeyRef {
  return writeSecretKey(parent, `${name}-url`, namespace, labels, REDIS_URL_KEY, url);
}

/** The env vars an app container needs; `extra` are plain values such as sentinel hosts. */
export function appEnv(url: SecretKeyRef, password: SecretKeyRef, extra: Record<string, string> = {}): EnvVar[] {
  return [
    { name: "REDIS_URL", valueFrom: { secretKeyRef: { name: url.name, key: url.key } } },
    { name: "REDIS_PASSWORD", valueFrom: { secretKeyRef: { name: password.name, key: password.key } } },
    ...Object.entries(extra).map(([name, value]) => ({ name, value })),
  ];
}
