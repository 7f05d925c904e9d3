import type * as aws from "@pulumi/aws";
import type { Unwrap } from "@pulumi/pulumi";
import { validateTypes, type GantryResourcePolicy } from "../../lib/policy";
import { T } from "../../lib/types";
import { isSafelyRetiringRds } from "../../lib/retiring";

/**
 * RDS instances carry the Pulumi `protect` resource option.
 *
 * Why: `protect` makes `pulumi destroy` and accidental replacements fail before they reach AWS,
 * complementing AWS-side deletion protection. Mandatory in production; advisory in staging.
 * Exempt: a safely retiring instance (`postgres.retireCurrent: unprotect`, see lib/retiring.ts).
 *
 * @severity high
 */
export const rdsProtected: GantryResourcePolicy = {
  name: "rds-protected",
  description: "RDS instances must be created with the `protect` resource option.",
  severity: "high",
  enforcementLevel: "mandatory",
  configKey: "environment",
  validateResource: validateTypes<Unwrap<aws.rds.InstanceArgs>>([T.rdsInstance], (db, args, report) => {
    if (!args.opts.protect && !isSafelyRetiringRds(db)) {
      report("The resource is not protected: pass { protect: true } so Pulumi refuses to delete it.");
    }
  }),
};
