// The drill's backup picker (components/backups/scripts/pick-backup.py) on catalogues shaped like
// `barman-cloud-backup-list --format json`: newest by time (not by the printed string), failed
// backups skipped, a given id honoured, and clear failures.
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./cli";

function pick(want: string, catalogue: unknown) {
  const r = spawnSync("python3", [path.join(ROOT, "components/backups/scripts/pick-backup.py"), want], {
    input: typeof catalogue === "string" ? catalogue : JSON.stringify(catalogue),
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
}

const catalogue = {
  backups_list: [
    // "Thu" sorts before "Wed" as text; by time it is the newest completed backup.
    { backup_id: "20261203T010008", status: "DONE", end_time: "Thu Dec  3 01:00:08 2026" },
    { backup_id: "20261202T174008", status: "DONE", end_time: "Wed Dec  2 17:40:08 2026" },
    { backup_id: "20261204T010008", status: "FAILED", end_time: "Fri Dec  4 01:00:08 2026" },
  ],
};

describe("pick-backup.py", () => {
  it("picks the newest completed backup for latest, with its end time in UTC epoch seconds", () => {
    expect(pick("latest", catalogue)).toMatchObject({ code: 0, out: `20261203T010008 ${Date.UTC(2026, 11, 3, 1, 0, 8) / 1000}` });
  });

  it("picks a given backup id, and accepts ISO 8601 end times", () => {
    expect(pick("20261202T174008", catalogue).out).toBe(`20261202T174008 ${Date.UTC(2026, 11, 2, 17, 40, 8) / 1000}`);
    const iso = { backups_list: [{ backup_id: "x", status: "DONE", end_time: "2026-12-02T17:40:08+01:00" }] };
    expect(pick("latest", iso).out).toBe(`x ${Date.UTC(2026, 11, 2, 16, 40, 8) / 1000}`);
  });

  it("fails on a failed, unknown or absent backup, and on an unreadable catalogue", () => {
    expect(pick("20261204T010008", catalogue)).toMatchObject({
      code: 1,
      err: "no completed backup '20261204T010008' in the catalogue",
    });
    expect(pick("latest", { backups_list: [] })).toMatchObject({ code: 1, err: "no completed backup 'latest' in the catalogue" });
    expect(pick("latest", "").err).toContain("could not read the backup catalogue");
  });
});
