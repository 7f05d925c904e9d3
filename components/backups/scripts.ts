/**
 * The scripts the in-cluster backup CronJobs run, shipped as files of the project (so shellcheck
 * and the real-tools tests read exactly what the ConfigMaps carry). Read on first use only.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

const DIR = path.join(__dirname, "scripts");
const cache = new Map<string, string>();

function read(file: string): string {
  if (!cache.has(file)) cache.set(file, readFileSync(path.join(DIR, file), "utf8"));
  return cache.get(file)!;
}

/** The restore drill (bash): restore, WAL replay, validation, metrics, cleanup. */
export const drillScript = () => read("drill.sh");
/** The drill's backup picker (Python): newest completed backup from the catalogue. */
export const pickBackupScript = () => read("pick-backup.py");
/** The Redis RDB upload with retention (Python + boto3). */
export const copyRdbScript = () => read("copy-rdb.py");
/** Where each script lives in the project, for error messages and tests. */
export const SCRIPT_DIR = DIR;
