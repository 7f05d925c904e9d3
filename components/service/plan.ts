/**
 * The full object list of a released service as data: what the component creates, under which
 * child-name role, and the ordering between children. Pure, so a switch or a deploy can be
 * tested by diffing two plans without the Pulumi runtime.
 */
import { COLOURS, type Colour, otherColour } from "../common/types";
import { type ResolvedServiceArgs } from "./args";
import {
  buildDeployment,
  buildHpa,
  buildNetworkPolicy,
  buildPdb,
  buildService,
  buildServiceAccount,
  hpaManaged,
} from "./objects";

/** Kubernetes kinds a released service creates. */
export type PlannedKind =
  "ServiceAccount" | "NetworkPolicy" | "Service" | "Deployment" | "PodDisruptionBudget" | "HorizontalPodAutoscaler";

/** One object of the plan. */
export interface PlannedObject {
  /** Child-name role: the Pulumi name is `${name}-${role}`. */
  readonly role: string;
  readonly kind: PlannedKind;
  /** The slot it belongs to; undefined for service-wide objects. */
  readonly colour?: Colour;
  /** The Kubernetes object (inputs). */
  readonly object: Record<string, any>;
  /** Roles this object must wait for (Pulumi `dependsOn`). */
  readonly dependsOn: readonly string[];
}

/** Role of a slot's Deployment. */
export function deploymentRole(colour: Colour): string {
  return `deploy-${colour}`;
}

/**
 * Exclusive workers: the active colour's Deployment waits for the idle one, so on a switch Pulumi
 * finishes scaling the old colour to 0 before it scales the new one up. The edge flips with the
 * active colour, but `dependsOn` is not an input: it orders the update without producing a diff.
 * Pulumi's Deployment await ends when the ReplicaSet reports 0 replicas, which may be while old
 * pods are still inside their grace period: the worker must stop taking messages on SIGTERM
 * (workers get no preStop sleep by default, so SIGTERM arrives at once).
 */
function ordering(r: ResolvedServiceArgs, colour: Colour): string[] {
  const idle = otherColour(r.release.active);
  if (r.kind !== "worker" || !r.exclusive || colour !== r.release.active || !r.release.images[idle]) return [];
  return [deploymentRole(idle)];
}

/** Every object the service needs, in creation order. */
export function planService(r: ResolvedServiceArgs): PlannedObject[] {
  const out: PlannedObject[] = [
    { role: "sa", kind: "ServiceAccount", object: buildServiceAccount(r), dependsOn: [] },
    { role: "netpol", kind: "NetworkPolicy", object: buildNetworkPolicy(r), dependsOn: [] },
  ];
  // Both Services exist even before a colour has an image: a first deploy then adds only the
  // Deployment, and the route's backends always name an existing Service.
  if (r.kind === "web") {
    for (const colour of COLOURS)
      out.push({ role: `svc-${colour}`, kind: "Service", colour, object: buildService(r, colour), dependsOn: [] });
  }
  // The idle colour first, so the exclusive ordering edge points at an already-declared child
  // (registration order is not part of any URN or input, so it may change on a switch).
  for (const colour of [otherColour(r.release.active), r.release.active]) {
    const image = r.release.images[colour];
    if (!image) continue;
    out.push({
      role: deploymentRole(colour),
      kind: "Deployment",
      colour,
      object: buildDeployment(r, colour, image),
      dependsOn: ordering(r, colour),
    });
    out.push({ role: `pdb-${colour}`, kind: "PodDisruptionBudget", colour, object: buildPdb(r, colour), dependsOn: [] });
    if (hpaManaged(r, colour)) {
      out.push({
        role: `hpa-${colour}`,
        kind: "HorizontalPodAutoscaler",
        colour,
        object: buildHpa(r, colour),
        dependsOn: [deploymentRole(colour)],
      });
    }
  }
  return out;
}
