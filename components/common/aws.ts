/** @pulumi/aws, loaded on first use. */
import type * as Aws from "@pulumi/aws";

/**
 * Loading @pulumi/aws costs ~0.5 s per program run; in-cluster stacks (the local one, every
 * engine update) never create an AWS resource, so only the managed data tier pays for it.
 */
export function loadAws(): typeof Aws {
  return require("@pulumi/aws") as typeof Aws;
}

/** The annotation the EKS Pod Identity webhook reads: pods of the ServiceAccount get that IAM role (IRSA). */
export const IRSA_ROLE_ANNOTATION = "eks.amazonaws.com/role-arn";

/**
 * ServiceAccount annotations for an IAM role, or none. The webhook projects its own web-identity
 * token into the pods, so it works with `automountServiceAccountToken: false`.
 */
export function irsaAnnotations(roleArn: string | undefined): Record<string, string> {
  return roleArn ? { [IRSA_ROLE_ANNOTATION]: roleArn } : {};
}
