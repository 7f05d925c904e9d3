/** Writing one connection value into a Kubernetes Secret, as the data components all do. */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { SecretKeyRef } from "./types";

/**
 * Writes the Secret `name` (also its Pulumi name, so apps can reference it before the first
 * deploy) holding `key` = `value`, and returns the key reference pods use. `value` should be a
 * secret Output so it stays encrypted in state; the reference depends on the Secret's Output,
 * so pods are ordered after it.
 */
export function writeSecretKey(
  parent: pulumi.Resource,
  name: string,
  namespace: string,
  labels: Record<string, string>,
  key: string,
  value: pulumi.Input<string>,
): SecretKeyRef {
  const secret = new k8s.core.v1.Secret(
    name,
    { metadata: { name, namespace, labels }, type: "Opaque", stringData: { [key]: value } },
    { parent },
  );
  return { name: secret.metadata.name, key };
}
