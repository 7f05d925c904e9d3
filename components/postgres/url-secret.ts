/** The Kubernetes Secret holding DATABASE_URL, shared by both tiers. */
import type * as pulumi from "@pulumi/pulumi";
import { writeSecretKey } from "../common/secret";
import type { SecretKeyRef } from "../common/types";
import { DATABASE_URL_KEY } from "./naming";

/** Writes `${name}-url` with DATABASE_URL (a secret Output) and returns the key reference. */
export function createUrlSecret(
  parent: pulumi.Resource,
  name: string,
  namespace: string,
  labels: Record<string, string>,
  url: pulumi.Output<string>,
): SecretKeyRef {
  return writeSecretKey(parent, `${name}-url`, namespace, labels, DATABASE_URL_KEY, url);
}
