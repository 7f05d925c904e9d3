/**
 * Release-state rules at the config level: the release helpers' rules (one source of truth for
 * what a switch, canary or contract migration may do), reported with config key paths.
 */
import { validateRelease } from "../../components/release";
import type { Problem } from "./rules";
import type { GantryConfig } from "./schema";
import { releaseState } from "../mapping";

export function releaseProblems(c: GantryConfig): Problem[] {
  const problems = validateRelease({ kind: "web", release: releaseState(c), replicas: c.app.replicas }).map((p) => ({
    ...p,
    // The helpers speak of `release.images.<colour>`; config spells it `release.<colour>.image`.
    path: p.path.replace(/^release\.images\.(blue|green)$/, "release.$1.image"),
  }));
  if (c.release.migration.command === undefined && c.release.migration.mode === "contract") {
    problems.push({ path: "release.migration.command", message: "is required for a contract migration" });
  }
  if (c.environment === "production" && c.release.checklist === false) {
    problems.push({ path: "release.checklist", message: "production always enforces the release checklist: remove the key" });
  }
  return problems;
}
