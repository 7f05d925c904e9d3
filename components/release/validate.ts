/** Release-state rules. Pure; returns every problem so a person fixes them in one go. */
import { otherColour } from "../common/types";
import { slotReplicas } from "./replicas";
import type { Problem, ReleaseState, ServiceKind } from "./types";

/** Inputs to {@link validateRelease}. */
export interface ReleaseCheck {
  readonly kind: ServiceKind;
  readonly release: ReleaseState;
  /** Replicas of the active colour. */
  readonly replicas: number;
}

/** Problems with a service's release state, paths relative to the service (`release.…`). */
export function validateRelease(check: ReleaseCheck): Problem[] {
  const { kind, release } = check;
  const problems: Problem[] = [];
  const idle = otherColour(release.active);
  const idleImage = release.images[idle];
  const idleServes =
    !!idleImage &&
    slotReplicas({ kind, colour: idle, active: release.active, replicas: check.replicas, idleReplicas: release.idleReplicas }) >
      0;

  if (!release.images[release.active]) {
    problems.push({
      path: `release.images.${release.active}`,
      message: `the active colour "${release.active}" has no image: deploy an image to it before switching`,
    });
  }
  for (const colour of ["blue", "green"] as const) {
    const image = release.images[colour];
    if (image !== undefined && image.trim() === "") {
      problems.push({
        path: `release.images.${colour}`,
        message: "must be a non-empty image reference (omit the key for no image)",
      });
    }
  }
  if (release.idleReplicas !== undefined && (!Number.isInteger(release.idleReplicas) || release.idleReplicas < 0)) {
    problems.push({ path: "release.idleReplicas", message: `must be an integer ≥ 0, got ${release.idleReplicas}` });
  }

  const w = release.canaryWeight;
  if (w !== undefined) {
    if (!Number.isInteger(w) || w < 0 || w > 100) {
      problems.push({ path: "release.canaryWeight", message: `must be an integer from 0 to 100, got ${w}` });
    }
    if (kind === "worker") {
      problems.push({ path: "release.canaryWeight", message: "workers are not routed: remove canaryWeight" });
    } else if (!idleServes) {
      problems.push({
        path: "release.canaryWeight",
        message: `a canary sends traffic to the idle colour "${idle}", which has no image or 0 replicas: deploy to it first`,
      });
    }
  }

  // A contract migration removes what the previous release still reads; the idle web colour is
  // that previous release, kept warm for rollback, so it must be down before contracting.
  if (release.migration === "contract" && kind === "web" && idleServes) {
    problems.push({
      path: "release.migration",
      message:
        `"contract" would break the idle colour "${idle}", which may still serve (rollback, preview, canary): ` +
        "scale it to 0 first (release.idleReplicas=0) or run an expand migration",
    });
  }
  return problems;
}
