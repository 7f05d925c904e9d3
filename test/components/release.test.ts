import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { migrationJobName, slotLabels, slotName, slotReplicas, validateRelease } from "../../components/release";

describe("slot naming", () => {
  it("names slots <svc>-<colour> and selects on exactly name + slot", () => {
    expect(slotName("app", "blue")).toBe("app-blue");
    expect(slotName("app", "green")).toBe("app-green");
    expect(slotLabels("app", "green")).toEqual({ "app.kubernetes.io/name": "app", "gantry.dev/slot": "green" });
  });

  it("names migration Jobs by the first 10 hex of sha256(image), within 63 characters", () => {
    const image = "ghcr.io/acme/app:1.2.3";
    const hash = createHash("sha256").update(image).digest("hex").slice(0, 10);
    expect(migrationJobName("app", image)).toBe(`app-migrate-${hash}`);
    expect(migrationJobName("app", "ghcr.io/acme/app:1.2.4")).not.toBe(migrationJobName("app", image));
    const long = migrationJobName("a".repeat(80), image);
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long.endsWith(`-migrate-${hash}`)).toBe(true);
  });
});

describe("slotReplicas", () => {
  const base = { replicas: 3, active: "blue" as const };
  it("runs the full count on the active colour", () => {
    expect(slotReplicas({ ...base, kind: "web", colour: "blue" })).toBe(3);
    expect(slotReplicas({ ...base, kind: "worker", colour: "blue" })).toBe(3);
  });
  it("keeps the idle web colour at full size by default (instant rollback), or idleReplicas", () => {
    expect(slotReplicas({ ...base, kind: "web", colour: "green" })).toBe(3);
    expect(slotReplicas({ ...base, kind: "web", colour: "green", idleReplicas: 1 })).toBe(1);
    expect(slotReplicas({ ...base, kind: "web", colour: "green", idleReplicas: 0 })).toBe(0);
  });
  it("runs 0 idle workers, exclusive or not, whatever idleReplicas says", () => {
    expect(slotReplicas({ ...base, kind: "worker", colour: "green", idleReplicas: 3 })).toBe(0);
    expect(slotReplicas({ ...base, kind: "worker", colour: "green", exclusive: true })).toBe(0);
  });
});

describe("validateRelease", () => {
  const images = { blue: "app:1", green: "app:2" };
  const paths = (c: Parameters<typeof validateRelease>[0]) => validateRelease(c).map((p) => p.path);

  it("accepts a normal release", () => {
    expect(validateRelease({ kind: "web", replicas: 2, release: { active: "blue", images, canaryWeight: 10 } })).toEqual([]);
  });
  it("refuses an active colour without an image", () => {
    expect(paths({ kind: "web", replicas: 2, release: { active: "green", images: { blue: "app:1" } } })).toEqual([
      "release.images.green",
    ]);
  });
  it("refuses canary weights outside 0–100 or fractional", () => {
    for (const w of [-1, 101, 12.5]) {
      expect(paths({ kind: "web", replicas: 2, release: { active: "blue", images, canaryWeight: w } })).toEqual([
        "release.canaryWeight",
      ]);
    }
  });
  it("refuses a canary without an idle image to send it to", () => {
    const problems = validateRelease({
      kind: "web",
      replicas: 2,
      release: { active: "blue", images: { blue: "app:1" }, canaryWeight: 10 },
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe("release.canaryWeight");
    expect(problems[0]!.message).toContain("green");
  });
  it("refuses contract while the idle web colour may still serve, and says how to fix it", () => {
    const problems = validateRelease({ kind: "web", replicas: 2, release: { active: "blue", images, migration: "contract" } });
    expect(problems.map((p) => p.path)).toEqual(["release.migration"]);
    expect(problems[0]!.message).toContain("release.idleReplicas=0");
    expect(problems[0]!.message).toContain("expand");
  });
  it("allows contract once the idle colour is scaled to 0 or has no image", () => {
    expect(
      validateRelease({ kind: "web", replicas: 2, release: { active: "blue", images, idleReplicas: 0, migration: "contract" } }),
    ).toEqual([]);
    expect(
      validateRelease({
        kind: "web",
        replicas: 2,
        release: { active: "blue", images: { blue: "app:1" }, migration: "contract" },
      }),
    ).toEqual([]);
  });
  it("reports every problem at once", () => {
    expect(
      paths({
        kind: "web",
        replicas: 2,
        release: { active: "green", images: { blue: "" }, canaryWeight: 200, idleReplicas: -1 },
      }).sort(),
    ).toEqual([
      "release.canaryWeight",
      "release.canaryWeight",
      "release.idleReplicas",
      "release.images.blue",
      "release.images.green",
    ]);
  });
});
