/**
 * The newest completed Barman Cloud base backup of one server, read from the object store (the
 * in-cluster tier's truth: CNPG's Backup objects only reflect it). Two or a few requests: one
 * listing of `<server>/base/` folders, then backup.info of the newest ids until one is DONE.
 */
import { type AwsTarget, clientConfig } from "./aws";
import { backupIdsNewestFirst, catalogLocation, parseBackupInfo } from "./barman-info";
import { explainAwsError } from "./errors";

/** A recovery point the checklist can date. */
export interface NewestBackup {
  readonly at: Date;
  /** What was found, for the checklist line: "barman backup 20261202T010008 of db". */
  readonly what: string;
}

export interface BarmanQuery extends AwsTarget {
  /** The ObjectStore's destinationPath, `s3://bucket/path` (the `backups` output's `offsite.destination`). */
  readonly destination: string;
  /** The Barman Cloud server name: the CNPG Cluster's name unless its plugin sets another. */
  readonly serverName: string;
}

/**
 * CNPG runs one backup of a cluster at a time, so the newest DONE id is also the newest end time;
 * ids are still read newest first only this far, so a run of failed backups cannot turn a release
 * gate into hundreds of requests.
 */
export const MAX_INFOS = 10;

/** The newest DONE backup, undefined when the catalogue has none; throws one actionable line on failure. */
export async function newestBarmanBackup(q: BarmanQuery): Promise<NewestBackup | undefined> {
  const loc = catalogLocation(q.destination, q.serverName);
  const { S3Client, ListObjectsV2Command, GetObjectCommand } = await import("@aws-sdk/client-s3");
  const s3 = new S3Client({
    ...clientConfig(q),
    // MinIO, Ceph and moto serve buckets as paths; AWS needs virtual hosts, and may redirect to the bucket's region.
    forcePathStyle: q.endpoint !== undefined,
    followRegionRedirects: true,
  });
  const at = (what: string) => ({ what, ...(q.endpoint ? { endpoint: q.endpoint } : {}) });
  try {
    const prefixes: string[] = [];
    let token: string | undefined;
    do {
      let page;
      try {
        page = await s3.send(
          new ListObjectsV2Command({ Bucket: loc.bucket, Prefix: loc.basePrefix, Delimiter: "/", ContinuationToken: token }),
        );
      } catch (e) {
        throw new Error(explainAwsError(e, at(`S3 list s3://${loc.bucket}/${loc.basePrefix}`)));
      }
      for (const p of page.CommonPrefixes ?? []) if (p.Prefix) prefixes.push(p.Prefix);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);

    for (const id of backupIdsNewestFirst(prefixes, loc.basePrefix).slice(0, MAX_INFOS)) {
      const key = `${loc.basePrefix}${id}/backup.info`;
      let text: string;
      try {
        const obj = await s3.send(new GetObjectCommand({ Bucket: loc.bucket, Key: key }));
        text = (await obj.Body?.transformToString("utf8")) ?? "";
      } catch (e) {
        // A folder without backup.info is a backup barman never finished: not a recovery point.
        if ((e as { name?: string }).name === "NoSuchKey") continue;
        throw new Error(explainAwsError(e, at(`S3 get s3://${loc.bucket}/${key}`)));
      }
      let info;
      try {
        info = parseBackupInfo(text);
      } catch (e) {
        throw new Error(`s3://${loc.bucket}/${key}: ${(e as Error).message}`);
      }
      if (info.status === "DONE" && info.endTime) return { at: info.endTime, what: `barman backup ${id} of ${q.serverName}` };
    }
    return undefined;
  } finally {
    s3.destroy();
  }
}
