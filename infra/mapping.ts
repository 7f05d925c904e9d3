/** Small translations from config shapes to component argument shapes. Pure. */
import type { Resources } from "../components/common/types";
import type { ManagedNetwork } from "../components/common/network";
import type { ReleaseState } from "../components/release";
import type { GantryConfig } from "./config/schema";

/** Config's compact `{cpu, memory, cpuLimit?}` as requests/limits (memory limit = request: no overcommit). */
export function appResources(r: { cpu: string; memory: string; cpuLimit?: string | undefined }): Resources {
  return {
    requests: { cpu: r.cpu, memory: r.memory },
    limits: { memory: r.memory, ...(r.cpuLimit ? { cpu: r.cpuLimit } : {}) },
  };
}

/** The release state the services, the route and the release rules share. */
export function releaseState(cfg: GantryConfig): ReleaseState {
  return {
    active: cfg.release.active,
    images: { blue: cfg.release.blue.image, green: cfg.release.green.image },
    idleReplicas: cfg.release.idleReplicas,
    canaryWeight: cfg.release.canaryWeight,
    migration: cfg.release.migration.mode,
  };
}

/** The managed data tier's network, when the stack uses it. */
export function dataNetwork(cfg: GantryConfig): ManagedNetwork | undefined {
  const n = cfg.network;
  if (cfg.dataTier !== "managed" || !n) return undefined;
  // vpcId and subnetIds are required for managed by the config rules; "" fails the component's check.
  return { ...n, vpcId: n.vpcId ?? "", subnetIds: n.subnetIds ?? [] };
}
