/**
 * SDK failures of the live readers as one line a person can act on (pure): which service the
 * reader asked, what went wrong, and the fix. The checklist prints it as the reason an item is
 * unknown, so it must never carry a stack trace or a credential.
 */

/** How far a reader got: "S3 ListObjectsV2 s3://bucket/db/base/ at http://127.0.0.1:9000". */
export interface Attempt {
  readonly what: string;
  /** The endpoint asked, when not the service's AWS default (it is what a port-forward changes). */
  readonly endpoint?: string;
}

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  errors?: { code?: string }[];
  $metadata?: { httpStatusCode?: number };
}

const NETWORK = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ECONNRESET", "EHOSTUNREACH", "ETIMEDOUT", "TimeoutError"]);

/** One line naming the attempt, the failure and the fix. */
export function explainAwsError(e: unknown, a: Attempt): string {
  return `${a.what}${a.endpoint ? ` at ${a.endpoint}` : ""}: ${describeAwsError(e, " (--backup-endpoint for a port-forward)")}`;
}

/** The failure and its fix, without the attempt; `reachHint` follows the connect failure's question. */
export function describeAwsError(e: unknown, reachHint = ""): string {
  const err = (e ?? {}) as SdkErrorShape;
  // Node's happy-eyeballs connect failure is an AggregateError with an empty message: the code is on it or its parts.
  const code = err.code ?? err.errors?.find((x) => x.code)?.code ?? err.name ?? "Error";
  const first = (err.message ?? "").split("\n")[0]!.trim();
  if (err.name === "CredentialsProviderError" || /could not load credentials/i.test(first))
    return "no AWS credentials found (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)";
  if (NETWORK.has(code) || err.name === "TimeoutError")
    return `cannot connect (${code}); is the endpoint reachable from here?${reachHint}`;
  if (code === "NoSuchBucket") return "the bucket does not exist (check gantry:backups.objectStore.bucket)";
  if (["AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "AccessDeniedException"].includes(code))
    return `access denied (${code}); use credentials that may read it`;
  const status = err.$metadata?.httpStatusCode;
  return `${code}${status ? ` (HTTP ${status})` : ""}${first && first !== code ? `: ${first}` : ""}`;
}
