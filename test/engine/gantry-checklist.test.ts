// The release checklist on the real engine, on a production-like local stack: production's
// rules cannot render to a directory, so this is the local stack with `release.checklist: true`
// (what production implies) and digest-pinned images. Every item is printed; each refusal leaves
// state, config and manifests byte-identical; an unknown backup age needs --force-without-backup.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EngineStack, freshLocalStack } from "./harness";
import {
  checklistItems as items,
  edit,
  fingerprint,
  gantry,
  linkPolicies,
  routedTo,
  smokeConfig,
  smokeTarget,
} from "./gantry-cli";

const DIGEST_A = `ghcr.io/acme/app@sha256:${"a1".repeat(32)}`;
const DIGEST_B = `ghcr.io/acme/app@sha256:${"b2".repeat(32)}`;
const DIGEST_C = `ghcr.io/acme/app@sha256:${"d4".repeat(32)}`;
let s: EngineStack;
let target: Awaited<ReturnType<typeof smokeTarget>>;

beforeAll(async () => {
  target = await smokeTarget();
  s = await freshLocalStack();
  linkPolicies(s);
  edit(s, {
    "release.checklist": true,
    "release.smoke": smokeConfig(target.url),
    "release.blue.image": DIGEST_B,
    "release.green": {},
  });
  await s.up();
});
afterAll(() => {
  target?.close();
  s?.cleanup();
});

describe("release checklist", () => {
  it("refuses a tag and an unknown backup age, printing every item; nothing changed", async () => {
    expect((await gantry(s, "deploy", "local", "--image", "ghcr.io/acme/app:1.5.0")).code).toBe(0);
    const before = fingerprint(s);
    const r = await gantry(s, "switch", "local");
    expect(r.code).toBe(1);
    const list = items(r.stdout);
    expect(list[0]).toBe("FAILED  idle image digest-pinned (green: ghcr.io/acme/app:1.5.0): deploy a repo@sha256:… reference");
    expect(list[1]).toMatch(/^ok {6}migration done: Job app-migrate-[0-9a-f]{10} recorded \(rendered, no cluster status\)$/);
    expect(list[2]).toMatch(/^ok {6}smoke tests passed \(deploy at .*, 1 check again now\)$/);
    expect(list[3]).toBe("unknown backup younger than the configured age: unknown (the stack has no backups output)");
    expect(list[4]).toBe("ok      policy pack clean (0 mandatory violations after the switch)");
    expect(r.stderr).toContain(
      "gantry: release checklist: image, backup not ok (backup age unknown: --force-without-backup to go on); nothing changed",
    );
    expect(fingerprint(s)).toBe(before);
  });

  it("with a digest, only the backup age blocks; --force-without-backup lets the switch through", async () => {
    expect((await gantry(s, "deploy", "local", "--image", DIGEST_A)).code).toBe(0);
    const before = fingerprint(s);
    const refused = await gantry(s, "switch", "local");
    expect(refused.code).toBe(1);
    expect(items(refused.stdout).map((l) => l.split(" ")[0])).toEqual(["ok", "ok", "ok", "unknown", "ok"]);
    expect(refused.stderr).toMatch(/release checklist: backup not ok/);
    expect(fingerprint(s)).toBe(before);

    const r = await gantry(s, "switch", "local", "--force-without-backup");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("release checklist (local):");
    expect(routedTo(s)).toBe("green");
  });

  it("an image put in place by hand has no smoke record from gantry deploy: refused", async () => {
    edit(s, { "release.blue.image": DIGEST_C });
    await s.up();
    const before = fingerprint(s);
    const r = await gantry(s, "switch", "local", "--force-without-backup");
    expect(r.code).toBe(1);
    expect(items(r.stdout)[2]).toBe(
      `FAILED  smoke tests passed: no record from \`gantry deploy\` of ${DIGEST_C} (deployed by hand?): run gantry deploy`,
    );
    expect(fingerprint(s)).toBe(before);
    expect(routedTo(s)).toBe("green");
  });
});
