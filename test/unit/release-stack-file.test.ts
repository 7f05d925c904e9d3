// The release commands edit Pulumi.<stack>.yaml as a person would: the release keys change, every
// comment and other key stays, and a refused or failed operation puts the file back byte for byte.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { load } from "js-yaml";
import { readStackFile } from "../../src/release/stack-file";

const FILE = `# the team's notes stay
config:
  gantry:environment: staging
  gantry:app:
    replicas: 3 # three pods
  gantry:release:
    active: blue
    blue:
      image: ghcr.io/acme/app:1.4.2
    idleReplicas: 0
encryptionsalt: v1:abc
`;

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));
const setup = () => {
  dir = mkdtempSync(path.join(tmpdir(), "gantry-stackfile-"));
  writeFileSync(path.join(dir, "Pulumi.staging.yaml"), FILE);
  return readStackFile(dir, "staging");
};

describe("the stack's config file", () => {
  it("reads environment, release state and the app's replica count", () => {
    const f = setup();
    expect(f.environment).toBe("staging");
    expect(f.release).toMatchObject({ active: "blue", blue: { image: "ghcr.io/acme/app:1.4.2" }, idleReplicas: 0 });
    expect(f.appReplicas).toBe(3);
  });

  it("sets and removes dotted keys with typed values, keeping comments and other keys", () => {
    const f = setup();
    f.set({ "release.green.image": "ghcr.io/acme/app:1.5.0", "release.active": "green", "release.idleReplicas": 3 });
    f.set({ "release.idleReplicas": undefined });
    const text = readFileSync(f.file, "utf8");
    expect(text).toContain("# the team's notes stay");
    expect(text).toContain("replicas: 3 # three pods");
    expect(text).toContain("encryptionsalt: v1:abc");
    const doc = load(text) as { config: Record<string, Record<string, unknown>> };
    expect(doc.config["gantry:release"]).toEqual({
      active: "green",
      blue: { image: "ghcr.io/acme/app:1.4.2" },
      green: { image: "ghcr.io/acme/app:1.5.0" },
    });
  });

  it("restores the file byte for byte, to the first read or to a snapshot", () => {
    const f = setup();
    f.set({ "release.active": "green" });
    const snap = f.snapshot();
    f.set({ "release.idleReplicas": 3 });
    f.restore(snap);
    expect(readFileSync(f.file)).toEqual(snap);
    f.restore();
    expect(readFileSync(f.file, "utf8")).toBe(FILE);
    // The in-memory document follows the restore: a later set starts from the file's bytes.
    f.set({ "release.active": "blue" });
    expect(readFileSync(f.file, "utf8")).toBe(FILE);
  });
});
