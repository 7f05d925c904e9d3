/**
 * The newest snapshot of an RDS instance (the managed tier's recovery points): DescribeDBSnapshots
 * for the automated snapshots RDS takes in the backup window and the `awsbackup` ones the AWS
 * Backup plan takes. Manual snapshots are left out on purpose: the checklist asks whether the
 * schedules gantry configured are running, and a hand-taken snapshot would hide a stopped one.
 */
import { type AwsTarget, clientConfig } from "./aws";
import type { NewestBackup } from "./barman-catalog";
import { explainAwsError } from "./errors";

/** The snapshot types that count; DescribeDBSnapshots returns `awsbackup` only when asked by name. */
export const COUNTED_TYPES = ["automated", "awsbackup"] as const;

/** The fields of DescribeDBSnapshots' DBSnapshot the pick reads. */
export interface SnapshotFacts {
  readonly DBSnapshotIdentifier?: string;
  readonly SnapshotType?: string;
  readonly Status?: string;
  readonly SnapshotCreateTime?: Date;
}

/** The newest `available` automated or AWS Backup snapshot (pure); creating or failed ones are no recovery point. */
export function newestSnapshot(snapshots: readonly SnapshotFacts[]): SnapshotFacts | undefined {
  let best: SnapshotFacts | undefined;
  for (const s of snapshots) {
    if (s.Status !== "available" || !s.SnapshotCreateTime) continue;
    if (!(COUNTED_TYPES as readonly (string | undefined)[]).includes(s.SnapshotType)) continue;
    if (!best || s.SnapshotCreateTime.getTime() > best.SnapshotCreateTime!.getTime()) best = s;
  }
  return best;
}

export interface RdsQuery extends AwsTarget {
  /** DBInstanceIdentifier of the serving instance (the `database` output's `serving`). */
  readonly instance: string;
}

/** The newest counted snapshot, undefined when there is none; throws one actionable line on failure. */
export async function newestRdsSnapshot(q: RdsQuery): Promise<NewestBackup | undefined> {
  const { RDSClient, DescribeDBSnapshotsCommand } = await import("@aws-sdk/client-rds");
  const rds = new RDSClient(clientConfig(q));
  const all: SnapshotFacts[] = [];
  try {
    for (const type of COUNTED_TYPES) {
      let marker: string | undefined;
      do {
        const page = await rds
          .send(new DescribeDBSnapshotsCommand({ DBInstanceIdentifier: q.instance, SnapshotType: type, Marker: marker }))
          .catch((e: unknown) => {
            const where = `RDS DescribeDBSnapshots ${q.instance} (${type}) in ${clientConfig(q).region}`;
            throw new Error(explainAwsError(e, { what: where, ...(q.endpoint ? { endpoint: q.endpoint } : {}) }));
          });
        all.push(...(page.DBSnapshots ?? []));
        marker = page.Marker;
      } while (marker);
    }
  } finally {
    rds.destroy();
  }
  const s = newestSnapshot(all);
  return s
    ? { at: s.SnapshotCreateTime!, what: `${s.SnapshotType} snapshot ${s.DBSnapshotIdentifier} of ${q.instance}` }
    : undefined;
}
