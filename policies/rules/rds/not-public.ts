import type * as aws from "@pulumi/aws";
import type { Unwrap } from "@pulumi/pulumi";
import { validateTypes, type GantryResourcePolicy } from "../../lib/policy";
import { T } from "../../lib/types";

/**
 * RDS instances are not publicly accessible.
 *
 * Why: a public endpoint exposes the database to the internet, leaving only the security group
 * between it and every scanner. Clients reach it from inside the VPC.
 *
 * @severity high
 */
export const rdsNotPublic: GantryResourcePolicy = {
  name: "rds-not-public",
  description: "RDS instances must not be publicly accessible.",
  severity: "high",
  enforcementLevel: "mandatory",
  validateResource: validateTypes<Unwrap<aws.rds.InstanceArgs>>([T.rdsInstance], (db, _args, report) => {
    if (db.publiclyAccessible === true) {
      report("publiclyAccessible is true: set it to false and reach the database from inside the VPC.");
    }
  }),
};
