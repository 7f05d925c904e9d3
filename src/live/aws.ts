/**
 * Client settings shared by the live readers (`gantry switch`'s backup age, `gantry dr --live`):
 * the region and, for S3-compatible stores or a stand-in on loopback in tests, an endpoint.
 * Credentials come from the SDK's default chain (environment, profile, SSO, web identity), as
 * for the `aws` CLI: gantry never takes keys as flags.
 */
export interface AwsTarget {
  /** Region of the service. @default AWS_REGION, AWS_DEFAULT_REGION, then us-east-1 */
  readonly region?: string;
  /** Endpoint URL for a non-AWS or local service. @default the service's AWS endpoint */
  readonly endpoint?: string;
}

/**
 * Constructor options for any `@aws-sdk/client-*` client. Two attempts and per-request timeouts:
 * an unreachable service must give a release gate or `gantry dr` a reason, not a hang.
 */
export function clientConfig(t: AwsTarget, env: NodeJS.ProcessEnv = process.env) {
  return {
    region: t.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1",
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 15_000 },
    ...(t.endpoint ? { endpoint: t.endpoint } : {}),
  };
}
