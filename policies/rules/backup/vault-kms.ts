import { label, ofTypes, refersTo, type GantryStackPolicy } from "../../lib/policy";
import { T } from "../../lib/types";

/** A KMS key ARN (`…:key/<id>`), as opposed to an alias such as the AWS managed `alias/aws/backup`. */
const KEY_ARN = /^arn:aws[\w-]*:kms:[\w-]+:\d{12}:key\/[\w-]+$/;

/**
 * Every AWS Backup vault is encrypted with a customer-managed KMS key: one created in the stack,
 * or a key ARN (never an alias, never the AWS managed `aws/backup` key).
 *
 * Why: with the AWS managed key anyone who may use AWS Backup in the account can restore the
 * recovery points, and its policy can be neither read nor restricted; a key of our own has a
 * key policy (AWS Backup only, this account only), rotation, and a deletion window.
 *
 * @severity high
 */
export const backupVaultKms: GantryStackPolicy = {
  name: "backup-vault-kms",
  description: "AWS Backup vaults must be encrypted with a customer-managed KMS key.",
  severity: "high",
  enforcementLevel: "mandatory",
  configKey: "backups (managed)",
  validateStack: (args, report) => {
    const vaults = ofTypes(args, [T.backupVault]);
    if (vaults.length === 0) return args.notApplicable("No AWS Backup vault");
    const keys = ofTypes(args, [T.kmsKey]);
    for (const v of vaults) {
      const arn = v.props.kmsKeyArn;
      if (arn === undefined || arn === "") {
        report(
          `${label(v)} has no kmsKeyArn, so AWS Backup uses its AWS managed key: create an aws.kms.Key and pass its arn.`,
          v.urn,
        );
        continue;
      }
      const ownKey = keys.some((k) => refersTo(v, "kmsKeyArn", k, [k.props.arn, k.props.keyId]));
      if (!ownKey && !(typeof arn === "string" && KEY_ARN.test(arn))) {
        report(
          `${label(v)} is encrypted with ${JSON.stringify(arn)}, not a customer-managed key: pass a KMS key ARN (not an alias).`,
          v.urn,
        );
      }
    }
  },
};
