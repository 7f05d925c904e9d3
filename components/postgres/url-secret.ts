/** The Kubernetes Secret holding DATABASE_URL, shared by both tiers. */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { SecretKeyRef } from "../common/types";
import { DATABASE_URL_KEY } from "./naming";

/**
 * Writes `${name}-url` with DATABASE_URL (a secret Output, so it stays encrypted in state) and
 * returns the key reference pods use. The name is fixed so apps can reference it before the
 * first deploy; the reference still depends on the Secret's Output so ordering holds.
 */
export function createUrlSecret(
  parent: pulumi.Resource,
  name: string,
  namespace: string,
  labels: Record<string, string>,
  url: pulumi.Output<string>,
): SecretKeyRef {
  const secret = new k8s.core.v1.Secret(
    `${name}-url`,
    {
      metadata: { name: `${name}-url`, namespace, labels },
      type: "Opaque",
      stringData: { [DATABASE_URL_KEY]: url },
    },
    { parent },
  );
  return { name: secret.metadata.name, key: DATABASE_URL_KEY };
}
