/** Release state types shared by service, gateway and migration. Resource-free. */
import type { Colour } from "../common/types";

/** What a migration Job does to the schema: `expand` adds (backward compatible), `contract` removes. */
export const MIGRATION_MODES = ["expand", "contract"] as const;
export type MigrationMode = (typeof MIGRATION_MODES)[number];

/** Whether a service serves HTTP (routed) or consumes a queue (never routed). */
export const SERVICE_KINDS = ["web", "worker"] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** The release state of one service, as stack config records it. */
export interface ReleaseState {
  /** The colour that receives traffic (web) or consumes the queue (worker). */
  readonly active: Colour;
  /** Image of each colour; a colour without an image has no Deployment. */
  readonly images: { readonly blue?: string; readonly green?: string };
  /** Replicas the idle web colour keeps. @default the service's `replicas` (instant rollback) */
  readonly idleReplicas?: number;
  /** Percent of default-rule traffic sent to the idle colour (web). @default undefined (no canary) */
  readonly canaryWeight?: number;
  /** Migration mode of this release. @default "expand" */
  readonly migration?: MigrationMode;
}

export type { Problem } from "../common/types";
