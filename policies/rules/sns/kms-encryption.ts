import type * as aws from "@pulumi/aws";
import type { Unwrap } from "@pulumi/pulumi";
import { validateTypes, type GantryResourcePolicy } from "../../lib/policy";
import { T } from "../../lib/types";

/**
 * SNS topics are encrypted with a KMS key.
 *
 * Why: alert payloads name hosts, queries and sometimes customer data; server-side encryption
 * keeps them encrypted at rest (`alias/aws/sns` is acceptable).
 *
 * @severity medium
 */
export const snsKmsEncryption: GantryResourcePolicy = {
  name: "sns-kms-encryption",
  description: "SNS topics must be encrypted with a KMS key.",
  severity: "medium",
  enforcementLevel: "mandatory",
  validateResource: validateTypes<Unwrap<aws.sns.TopicArgs>>([T.snsTopic], (topic, _args, report) => {
    if (!topic.kmsMasterKeyId) {
      report("kmsMasterKeyId is not set: encrypt the topic (for example with alias/aws/sns).");
    }
  }),
};
