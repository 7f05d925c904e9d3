import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { GantryResourcePolicy } from "../../lib/policy";

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
  validateResource: validateResourceOfType(aws.rds.Instance, (db, _args, report) => {
    if (db.performanceInsightsEnabled !== true) {
      report("performanceInsightsEnabled is not true: enable it to see which queries load the database.");
    }
  }),
};
