import type * as aws from "@pulumi/aws";
import type { Unwrap } from "@pulumi/pulumi";
import { validateTypes, type GantryResourcePolicy } from "../../lib/policy";
import { T } from "../../lib/types";

/**
 * RDS instances have Performance Insights on.
 *
 * Why: the free 7-day tier shows which queries load the database, which is what an on-call
 * engineer needs first. Advisory: it costs money on some instance classes.
 *
 * @severity low
 */
export const rdsPerformanceInsights: GantryResourcePolicy = {
  name: "rds-performance-insights",
  description: "RDS instances should enable Performance Insights.",
  severity: "low",
  enforcementLevel: "advisory",
  validateResource: validateTypes<Unwrap<aws.rds.InstanceArgs>>([T.rdsInstance], (db, _args, report) => {
    if (db.performanceInsightsEnabled !== true) {
      report("performanceInsightsEnabled is not true: enable it to see which queries load the database.");
    }
  }),
};
