/** CloudWatch log groups of the RDS instances' log exports, created by us rather than by RDS. */
import type * as pulumi from "@pulumi/pulumi";
import type * as awsTypes from "@pulumi/aws";
import { loadAws } from "../common/aws";

/**
 * Logs RDS exports to CloudWatch: the server log (slow queries via log_min_duration_statement,
 * errors, connections) and the major-version upgrade log; otherwise they stay on the instance
 * and rotate away.
 */
export const RDS_LOG_EXPORTS = ["postgresql", "upgrade"] as const;

/** The log group RDS writes an instance's export to (a fixed AWS naming scheme). */
export const rdsLogGroupName = (identifier: string, log: string) => `/aws/rds/instance/${identifier}/${log}`;

/** Where the groups go and how long they keep lines. */
export interface RdsLogContext {
  readonly parent: pulumi.Resource;
  readonly retentionDays: number;
  readonly kmsKeyId: pulumi.Input<string> | undefined;
  readonly tags: Record<string, string>;
  /** Keep the groups in CloudWatch when they leave the stack (a retired instance's logs). @default false */
  readonly retainOnDelete?: boolean;
}

/**
 * One group per instance and export, named `<name>-<primary|replica-N>-<log>-logs`. RDS names the
 * groups after the instance; created as soon as the identifier is known, before the first export
 * batch, so retention and the key apply from the first line (a group RDS made earlier is adopted
 * with `pulumi import`). `instances` is primary first.
 */
export function createRdsLogGroups(name: string, instances: readonly awsTypes.rds.Instance[], c: RdsLogContext): void {
  const aws = loadAws();
  instances.forEach((instance, i) => {
    const role = i === 0 ? "primary" : `replica-${i - 1}`;
    for (const log of RDS_LOG_EXPORTS) {
      new aws.cloudwatch.LogGroup(
        `${name}-${role}-${log}-logs`,
        {
          name: instance.identifier.apply((id) => rdsLogGroupName(id, log)),
          retentionInDays: c.retentionDays,
          kmsKeyId: c.kmsKeyId,
          tags: c.tags,
        },
        { parent: c.parent, ...(c.retainOnDelete ? { retainOnDelete: true } : {}) },
      );
    }
  });
}
