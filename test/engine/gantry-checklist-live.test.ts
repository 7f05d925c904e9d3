// The release checklist's live backup age on the real engine: the local stack with
// `release.checklist: true` and in-cluster backups whose object store is moto's S3 server on
// loopback, holding a real base backup that barman-cloud-backup (what CNPG's Barman Cloud plugin
// runs) took of a real Postgres under the server name the stack's `database.serving` output names.
// The bucket, prefix and server name the switch reads come from the stack's own outputs. The
// program takes this config unchanged; a loopback endpoint only makes sense here, where nothing
// runs in a cluster (the rendered ObjectStore and egress allows name 127.0.0.1 and moto's port).
// Not here: a backup older than `maxAgeHours` (FAILED even with --force-without-backup) would
// need a faked clock or catalogue; test/tools/live-backup-age.test.ts and the checklist's unit
// tests cover that decision.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EngineStack, freshLocalStack } from "./harness";
import { checklistItems, edit, fingerprint, gantry, linkPolicies, routedTo, smokeConfig, smokeTarget } from "./gantry-cli";
import { asPostgres, BUCKET, freePort, type Servers, startServers, TOOL_ENV, VENV } from "../tools/backups-servers";

const DIGEST_A = `ghcr.io/acme/app@sha256:${"a1".repeat(32)}`;
const DIGEST_B = `ghcr.io/acme/app@sha256:${"b2".repeat(32)}`;
const DIGEST_C = `ghcr.io/acme/app@sha256:${"d4".repeat(32)}`;
let s: EngineStack;
let srv: Servers;
let target: Awaited<ReturnType<typeof smokeTarget>>;
/** From the stack's outputs after its first update. */
let serving: string;
let destination: string;
let maxAgeHours: number;
/** The id barman-cloud-backup-list gives the base backup. */
let backupId: string;

beforeAll(async () => {
  // The CLI (a child of this process) reads the store with the SDK's default credential chain.
  for (const [k, v] of Object.entries(TOOL_ENV)) if (k.startsWith("AWS_")) process.env[k] = v;
  target = await smokeTarget();
  // Postgres archives WAL as server `db`: what a fresh stack's CNPG Cluster is called (checked below).
  srv = await startServers("db");
  s = await freshLocalStack();
  linkPolicies(s);
  edit(s, {
    "release.checklist": true,
    "release.smoke": smokeConfig(target.url),
    "release.blue.image": DIGEST_B,
    "release.green": {},
    "backups.enabled": true,
    // `path` as the Postgres above archives (`s3://gantry-drill/gantry`); the namespace otherwise.
    "backups.objectStore": { bucket: BUCKET, path: "gantry", endpoint: srv.s3 },
  });
  await s.up();
  const out = await s.stack.outputs();
  const backups = out.backups!.value as { offsite: { destination: string; endpoint: string }; maxAgeHours: number };
  serving = (out.database!.value as { serving: string }).serving;
  destination = backups.offsite.destination;
  maxAgeHours = backups.maxAgeHours;
  expect({ serving, destination, endpoint: backups.offsite.endpoint }).toEqual({
    serving: "db",
    destination: srv.source,
    endpoint: srv.s3,
  });

  srv.sql("create table orders (id int primary key); insert into orders select generate_series(1, 10)");
  srv.baseBackup(serving, destination);
  const list = JSON.parse(
    asPostgres(`${VENV}/bin/barman-cloud-backup-list`, [...srv.cloud, "--format", "json", destination, serving]),
  ) as { backups_list: { backup_id: string; status: string }[] };
  expect(list.backups_list.map((b) => b.status)).toEqual(["DONE"]);
  backupId = list.backups_list[0]!.backup_id;
});

afterAll(() => {
  target?.close();
  srv?.stop();
  s?.cleanup();
});

describe("release checklist, backup age read live from the object store", () => {
  it("a real base backup under the serving server's name: ok with its age; the switch goes through unforced", async () => {
    expect((await gantry(s, "deploy", "local", "--image", DIGEST_A)).code).toBe(0);
    const r = await gantry(s, "switch", "local");
    expect(r.code, r.stderr).toBe(0);
    const list = checklistItems(r.stdout);
    expect(list.map((l) => l.split(" ")[0])).toEqual(["ok", "ok", "ok", "ok", "ok"]);
    // Taken a minute or two ago: 0.0 h (or 0.1 h on a slow machine).
    expect(list[3]).toMatch(
      new RegExp(
        `^ok {6}backup younger than ${maxAgeHours} h \\(newest 0\\.[01] h old: barman backup ${backupId} of ${serving}\\)$`,
      ),
    );
    expect(routedTo(s)).toBe("green");
  });

  it("the object store unreachable: unknown with the reason, refused with nothing changed; --force-without-backup goes on", async () => {
    expect((await gantry(s, "deploy", "local", "--image", DIGEST_C)).code).toBe(0);
    const before = fingerprint(s);
    const why = (endpoint: string) =>
      `unknown backup younger than ${maxAgeHours} h: unknown (S3 list s3://${BUCKET}/gantry/${serving}/base/ at ${endpoint}: ` +
      "cannot connect (ECONNREFUSED); is the endpoint reachable from here? (--backup-endpoint for a port-forward))";
    const refusal =
      "gantry: release checklist: backup not ok (backup age unknown: --force-without-backup to go on); nothing changed";

    // --backup-endpoint replaces the stack's (reachable) endpoint: a port nobody listens on.
    const dead = `http://127.0.0.1:${await freePort()}`;
    const viaFlag = await gantry(s, "switch", "local", "--backup-endpoint", dead);
    expect(viaFlag.code).toBe(1);
    expect(checklistItems(viaFlag.stdout)[3]).toBe(why(dead));
    expect(viaFlag.stderr).toContain(refusal);
    expect(fingerprint(s)).toBe(before);

    // The stack's own endpoint down.
    await srv.stopS3();
    const down = await gantry(s, "switch", "local");
    expect(down.code).toBe(1);
    const list = checklistItems(down.stdout);
    expect(list.map((l) => l.split(" ")[0])).toEqual(["ok", "ok", "ok", "unknown", "ok"]);
    expect(list[3]).toBe(why(srv.s3));
    expect(down.stderr).toContain(refusal);
    expect(fingerprint(s)).toBe(before);
    expect(routedTo(s)).toBe("green");

    const forced = await gantry(s, "switch", "local", "--force-without-backup");
    expect(forced.code, forced.stderr).toBe(0);
    expect(checklistItems(forced.stdout)[3]).toBe(why(srv.s3));
    expect(routedTo(s)).toBe("blue");
  });
});
