/**
 * Release-state rules: what a blue-green switch, canary or contract migration may do.
 * Kept apart from ./rules.ts because `gantry switch` and `gantry deploy` reuse them.
 */
import { otherColour } from "../../components/common/types";
import type { Problem } from "./rules";
import type { GantryConfig } from "./schema";

export function releaseProblems(c: GantryConfig): Problem[] {
  const r = c.release;
  const idle = otherColour(r.active);
  const problems: Problem[] = [];
  if (!r[r.active].image) {
    problems.push({
      path: `release.${r.active}.image`,
      message: `is required: the active colour (${r.active}) must have an image; deploy one or switch back to ${idle}`,
    });
  }
  if (r.canaryWeight !== undefined && r.canaryWeight > 0 && !r[idle].image) {
    problems.push({
      path: "release.canaryWeight",
      message: `sends traffic to the idle colour (${idle}), which has no image; set release.${idle}.image first`,
    });
  }
  // A contract migration drops what the previous release still reads: refuse it while that
  // release may serve again (its colour still has an image and pods, i.e. the rollback window).
  const idleServes = !!r[idle].image && (r.idleReplicas ?? c.app.replicas) > 0;
  if (r.migration.mode === "contract" && idleServes) {
    problems.push({
      path: "release.migration",
      message: `\`contract\` is refused while the previous colour (${idle}) can still serve (rollback window); set release.idleReplicas=0 once you no longer need a rollback, or run an \`expand\` migration`,
    });
  }
  if (r.migration.command === undefined && r.migration.mode === "contract") {
    problems.push({ path: "release.migration.command", message: "is required for a contract migration" });
  }
  return problems;
}
