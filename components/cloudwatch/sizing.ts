/**
 * What an RDS instance class has, for thresholds given as percentages: memory (FreeableMemory)
 * and the default max_connections. Pure.
 */

const GiB = 1024 ** 3;

/** Memory of the burstable sizes (db.t3/t4g): not proportional to vCPUs. */
const BURSTABLE_GIB: Record<string, number> = { micro: 1, small: 2, medium: 4, large: 8, xlarge: 16, "2xlarge": 32 };
/** GiB per vCPU of the fixed-ratio families: general purpose, memory optimised, x2g. */
const GIB_PER_VCPU: Record<string, number> = { m: 4, r: 8, x: 16 };

/** vCPUs of a size: large = 2, xlarge = 4, Nxlarge = 4N. */
function vcpus(size: string): number | undefined {
  if (size === "large") return 2;
  const m = /^(\d*)xlarge$/.exec(size);
  return m ? 4 * Number(m[1] || 1) : undefined;
}

/** Memory of `db.<family>.<size>` in GiB, or undefined for a class Gantry does not know. */
export function rdsMemoryGiB(instanceClass: string): number | undefined {
  const [, family, size] = instanceClass.split(".");
  if (!family || !size) return undefined;
  if (/^t\d/.test(family)) return BURSTABLE_GIB[size];
  const perVcpu = /^x2g/.test(family) ? GIB_PER_VCPU.x : GIB_PER_VCPU[family.charAt(0)];
  const n = vcpus(size);
  return perVcpu !== undefined && n !== undefined && /^[mr]\d|^x2g/.test(family) ? perVcpu * n : undefined;
}

/** True for burstable classes (CPU credits). */
export const isBurstable = (instanceClass: string) => /^db\.t\d/.test(instanceClass);

/**
 * max_connections: the parameter when set, else RDS's default `LEAST(DBInstanceClassMemory/9531392, 5000)`
 * (DBInstanceClassMemory is a little below the class's memory, so this errs high by a few percent).
 */
export function rdsMaxConnections(instanceClass: string, parameter?: string): number | undefined {
  if (parameter !== undefined) return /^[1-9]\d*$/.test(parameter) ? Number(parameter) : undefined;
  const mem = rdsMemoryGiB(instanceClass);
  return mem === undefined ? undefined : Math.min(Math.floor((mem * GiB) / 9531392), 5000);
}

export const gibToBytes = (gib: number) => gib * GiB;
