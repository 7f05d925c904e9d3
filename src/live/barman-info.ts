/**
 * The Barman Cloud catalogue as barman-cloud-backup writes it to an object store (pure): one
 * folder per base backup, `<destinationPath>/<serverName>/base/<backupId>/`, each with a
 * `backup.info` of `key=value` lines. CloudNativePG's Barman Cloud plugin runs the same tools, so
 * this is what a CNPG Backup's status reflects. I/O lives in ./barman-catalog.ts.
 */

/** Where one server's base backups live in the store. */
export interface CatalogLocation {
  readonly bucket: string;
  /** Key prefix ending in `/base/`: what ListObjectsV2 lists. */
  readonly basePrefix: string;
}

/**
 * `s3://bucket/path` + server name → bucket and `path/server/base/` (barman's layout). Throws
 * naming the value when it is not an s3:// URL (the ObjectStore's destinationPath always is).
 */
export function catalogLocation(destination: string, serverName: string): CatalogLocation {
  const m = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(destination.trim());
  if (!m) throw new Error(`backups.offsite.destination "${destination}" is not an s3://bucket/path URL`);
  if (!/^[\w.-]+$/.test(serverName)) throw new Error(`Barman server name "${serverName}" is not a plain name`);
  const path = (m[2] ?? "").replace(/^\/+|\/+$/g, "");
  return { bucket: m[1]!, basePrefix: `${path ? `${path}/` : ""}${serverName}/base/` };
}

/** barman's backup ids are start times, `YYYYMMDDTHHMMSS` (fixed width: text order is time order). */
const BACKUP_ID = /^\d{8}T\d{6}$/;

/**
 * Backup ids from ListObjectsV2's CommonPrefixes (`…/base/<id>/`), newest first. Anything else
 * under base/ (a stray file or folder) is not a backup and is ignored.
 */
export function backupIdsNewestFirst(prefixes: readonly string[], basePrefix: string): string[] {
  return prefixes
    .filter((p) => p.startsWith(basePrefix))
    .map((p) => p.slice(basePrefix.length).replace(/\/$/, ""))
    .filter((id) => BACKUP_ID.test(id))
    .sort()
    .reverse();
}

export interface BackupInfo {
  /** `DONE` for a completed backup; `STARTED`, `FAILED`, … otherwise. */
  readonly status: string;
  /** When the backup finished; undefined when the file has none (a backup still running). */
  readonly endTime?: Date;
}

/**
 * Parses a backup.info. barman writes Python datetimes (`2026-12-02 01:00:08.123456+00:00`);
 * an end time without a zone is read as UTC (barman 2 wrote local time, and CNPG pods run UTC).
 */
export function parseBackupInfo(text: string): BackupInfo {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const eq = line.indexOf("=");
    if (eq > 0) fields.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  const end = fields.get("end_time");
  return { status: fields.get("status") ?? "UNKNOWN", ...(end && end !== "None" ? { endTime: parseBarmanTime(end) } : {}) };
}

/** A barman timestamp as a Date; throws naming the value when it is not one. */
export function parseBarmanTime(s: string): Date {
  const m = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:?\d\d)?$/.exec(s.trim());
  const t = m ? Date.parse(`${m[1]}T${m[2]}${(m[3] ?? "").slice(0, 4)}${normaliseZone(m[4])}`) : NaN;
  if (Number.isNaN(t)) throw new Error(`backup.info end_time "${s}" is not a timestamp`);
  return new Date(t);
}

function normaliseZone(z: string | undefined): string {
  if (!z || z === "Z") return "Z";
  return z.includes(":") ? z : `${z.slice(0, 3)}:${z.slice(3)}`;
}
