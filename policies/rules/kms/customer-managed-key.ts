import { validateTypes, type GantryResourcePolicy } from "../../lib/policy";
import { T } from "../../lib/types";

type Obj = Record<string, any>;

/** An AWS-managed key (`alias/aws/<service>` by alias or alias ARN), or none at all. */
function awsManaged(key: unknown): boolean {
  if (key === undefined || key === null || key === "") return true;
  return typeof key === "string" && /(^|:)alias\/aws\//.test(key);
}

/** Which key properties each type must set to a customer-managed key (and when). */
const CHECKS: Record<string, (p: Obj) => { prop: string; what: string }[]> = {
  [T.rdsInstance]: (p) => [
    // A replica inherits its source's key when none is given; the source is checked itself.
    ...(p.replicateSourceDb ? [] : [{ prop: "kmsKeyId", what: "storage" }]),
    ...(p.performanceInsightsEnabled ? [{ prop: "performanceInsightsKmsKeyId", what: "Performance Insights" }] : []),
  ],
  [T.replicationGroup]: () => [{ prop: "kmsKeyId", what: "data at rest" }],
  [T.snsTopic]: () => [{ prop: "kmsMasterKeyId", what: "messages" }],
  [T.logGroup]: () => [{ prop: "kmsKeyId", what: "log events" }],
};

/**
 * Production RDS instances (storage, Performance Insights), ElastiCache replication groups, SNS
 * topics and CloudWatch log groups are encrypted with a customer-managed KMS key, not an
 * AWS-managed one (`alias/aws/…`) or the service default.
 *
 * Why: an AWS-managed key's policy cannot be changed, so anyone with the service's read rights in
 * the account can read the data; a customer-managed key's policy (see components/common/kms.ts)
 * says who may decrypt, its use is logged per caller, and revoking it cuts off access at once.
 *
 * @severity high
 */
export const kmsCustomerManagedKey: GantryResourcePolicy = {
  name: "kms-customer-managed-key",
  description: "RDS, ElastiCache, SNS and CloudWatch log groups are encrypted with a customer-managed KMS key.",
  severity: "high",
  enforcementLevel: "mandatory",
  configKey: "hardening.kms",
  validateResource: validateTypes(Object.keys(CHECKS), (props: Obj, args, report) => {
    for (const { prop, what } of CHECKS[args.type]!(props)) {
      const value = props[prop];
      if (awsManaged(value)) {
        const is = value ? `the AWS-managed ${String(value)}` : "not set";
        report(`${prop} is ${is}: encrypt ${what} with a customer-managed key (gantry:hardening.kms: true).`);
      }
    }
  }),
};
