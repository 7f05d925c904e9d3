import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { rdsPerformanceInsights as policy } from "../../../policies/rules/rds/performance-insights";
import { levels, mutate, runResource } from "../harness";
import { rdsPrimary } from "../fixtures";

describe("rds-performance-insights", () => {
  it("passes when enabled", () => {
    expect(runResource(policy, T.rdsInstance, rdsPrimary)).toEqual([]);
  });
  it("reports when not enabled", () => {
    expect(
      runResource(
        policy,
        T.rdsInstance,
        mutate(rdsPrimary, (d: any) => (d.performanceInsightsEnabled = false)),
      ),
    ).toEqual(["performanceInsightsEnabled is not true: enable it to see which queries load the database."]);
  });
  it("is advisory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "advisory", production: "advisory", staging: "advisory" });
  });
});
