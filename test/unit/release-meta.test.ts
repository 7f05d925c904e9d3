// The metadata gantry attaches to each update and the reference rules: history and the
// production gates depend on these exactly.
import { describe, expect, it } from "vitest";
import { decodeMessage, encodeMessage, isDigestPinned, isImageRef, whoAmI } from "../../src/release/meta";

const DIGEST = `ghcr.io/acme/app@sha256:${"a".repeat(64)}`;

describe("release metadata in the update message", () => {
  it("round-trips op, who and what, and reads as a sentence in `pulumi stack history`", () => {
    const m = { op: "switch" as const, who: "ana", what: { from: "blue", to: "green", image: DIGEST } };
    const msg = encodeMessage(m);
    expect(msg.startsWith(`gantry switch from=blue to=green image=${DIGEST} by ana gantry:`)).toBe(true);
    expect(decodeMessage(msg)).toEqual(m);
  });
  it("ignores updates made by hand or with foreign messages", () => {
    expect(decodeMessage(undefined)).toBeUndefined();
    expect(decodeMessage("fix the thing")).toBeUndefined();
    expect(decodeMessage('x gantry:{"op":"rm -rf"}')).toBeUndefined();
  });
  it("names the CI actor first, then the git user", () => {
    expect(whoAmI({ GITHUB_ACTOR: "bot" }, () => "ana")).toBe("bot (ci)");
    expect(whoAmI({}, () => "ana")).toBe("ana");
    expect(whoAmI({ USER: "root" }, () => undefined)).toBe("root");
  });
});

describe("image references", () => {
  it("production accepts only a digest", () => {
    expect(isDigestPinned(DIGEST)).toBe(true);
    expect(isDigestPinned(`ghcr.io/acme/app:1.5.0@sha256:${"0".repeat(64)}`)).toBe(true);
    expect(isDigestPinned("ghcr.io/acme/app:1.5.0")).toBe(false);
    expect(isDigestPinned(`ghcr.io/acme/app@sha256:${"a".repeat(63)}`)).toBe(false);
  });
  it("rejects what is not a reference at all", () => {
    expect(isImageRef("ghcr.io/acme/app:1.5.0")).toBe(true);
    expect(isImageRef("localhost:5000/app")).toBe(true);
    expect(isImageRef("Not An Image")).toBe(false);
    expect(isImageRef("ghcr.io/acme/app:")).toBe(false);
  });
});
