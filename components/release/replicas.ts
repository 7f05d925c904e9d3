/** Replica decisions per slot. Pure. */
import type { Colour } from "../common/types";
import type { ServiceKind } from "./types";

/** Inputs to {@link slotReplicas}. */
export interface SlotReplicaInput {
  readonly kind: ServiceKind;
  readonly colour: Colour;
  readonly active: Colour;
  /** Replicas of the active colour. */
  readonly replicas: number;
  /** Replicas of the idle web colour. @default replicas */
  readonly idleReplicas?: number;
  /** Worker whose old colour must stop before the new one starts. @default false */
  readonly exclusive?: boolean;
}

/**
 * Replicas a slot runs.
 * - active colour: `replicas`;
 * - idle web colour: `idleReplicas`, by default the full count so a rollback is only a route flip;
 * - idle worker colour: 0, always: two colours must never consume one queue. (`exclusive` changes
 *   the order of the scale-down, not the count; see ReleasedService.)
 */
export function slotReplicas(input: SlotReplicaInput): number {
  if (input.colour === input.active) return input.replicas;
  if (input.kind === "worker") return 0;
  return input.idleReplicas ?? input.replicas;
}
