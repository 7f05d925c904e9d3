import type { GantryStackPolicy } from "../../lib/policy";
import { checkBuckets } from "../../lib/s3";
import { T } from "../../lib/types";

type Statement = Record<string, any>;

function statements(policy: unknown): Statement[] {
  let doc: any = policy;
  if (typeof policy === "string") {
    try {
      doc = JSON.parse(policy);
    } catch {
      return [];
    }
  }
  const st = doc?.Statement;
  return Array.isArray(st) ? st : st ? [st] : [];
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** A statement that denies every principal any S3 action over plain HTTP. */
export function deniesInsecureTransport(s: Statement): boolean {
  if (s.Effect !== "Deny") return false;
  const everyone = s.Principal === "*" || list(s.Principal?.AWS).includes("*");
  const allActions = list(s.Action).some((a) => a === "s3:*" || a === "*");
  const cond = s.Condition?.Bool?.["aws:SecureTransport"];
  const insecure = list(cond).some((v) => v === false || v === "false");
  return everyone && allActions && insecure;
}

/**
 * Every S3 bucket has a bucket policy denying requests without TLS.
 *
 * Why: S3 accepts plain HTTP unless a policy denies `aws:SecureTransport = false`; credentials
 * and backup data must not cross the network unencrypted.
 *
 * @severity medium
 */
export const s3TlsOnly: GantryStackPolicy = {
  name: "s3-tls-only",
  description: "S3 buckets must have a bucket policy that denies requests without TLS.",
  severity: "medium",
  enforcementLevel: "mandatory",
  validateStack: (args, report) =>
    checkBuckets(args, report, [T.bucketPolicy], (policies) => {
      if (policies.length === 0) return "has no BucketPolicy: add one denying s3:* when aws:SecureTransport is false.";
      const ok = policies.some((p) => statements(p.props.policy).some(deniesInsecureTransport));
      return ok ? undefined : 'has a bucket policy without a Deny of s3:* to Principal "*" when aws:SecureTransport is "false".';
    }),
};
