/** Matching S3 bucket sub-resources (public access block, versioning, ...) to their bucket. */
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { label, ofTypes, refersTo } from "./policy";
import { BUCKETS } from "./types";

/** The sub-resources of `types` that configure `bucket` through their `bucket` input. */
export function configuring(args: StackValidationArgs, bucket: PolicyResource, types: readonly string[]): PolicyResource[] {
  const values = [bucket.props.bucket, bucket.props.id, bucket.props.arn];
  return ofTypes(args, types).filter((r) => refersTo(r, "bucket", bucket, values));
}

/**
 * Runs `check` for every bucket with the sub-resources that configure it; `check` returns the
 * problem (without the bucket's name) or undefined.
 */
export function checkBuckets(
  args: StackValidationArgs,
  report: (message: string, urn?: string) => void,
  types: readonly string[],
  check: (subs: PolicyResource[], bucket: PolicyResource) => string | undefined,
): void {
  const buckets = ofTypes(args, BUCKETS);
  if (buckets.length === 0) return args.notApplicable("No S3 bucket in the stack");
  for (const b of buckets) {
    const problem = check(configuring(args, b, types), b);
    if (problem) report(`${label(b)} ${problem}`, b.urn);
  }
}
