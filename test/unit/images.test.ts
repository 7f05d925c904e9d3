// Every image Gantry picks itself is pinned by digest, tag alongside, in one file.
import { describe, expect, it } from "vitest";
import { hasDigest, IMAGES, imageRef } from "../../components/common/images";
import { POSTGRES_VERSIONS } from "../../components/postgres/versions";
import { REDIS_VERSIONS } from "../../components/redis/versions";
import { DRILL_IMAGES } from "../../components/backups/cronjobs";

describe("pinned images", () => {
  it.each(Object.entries(IMAGES))("%s has a tag and a sha256 digest", (_, img) => {
    expect(img.tag).toMatch(/^[\w][\w.-]*$/);
    expect(img.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(imageRef(img)).toBe(`${img.repository}:${img.tag}@${img.digest}`);
    expect(hasDigest(imageRef(img))).toBe(true);
  });
  it("is what the Redis, CloudNativePG and backup CronJob pods run", () => {
    const used = [
      REDIS_VERSIONS["7.1"].image,
      ...Object.values(POSTGRES_VERSIONS).map((v) => v.cnpgImage),
      // One drill image per Postgres major: the copy is restored by the same major version.
      ...Object.keys(POSTGRES_VERSIONS).map((v) => DRILL_IMAGES[v]!),
    ];
    expect(used.every(hasDigest)).toBe(true);
    expect(used).toEqual(expect.arrayContaining(Object.values(IMAGES).map(imageRef)));
  });
  it("tells a digest from a tag", () => {
    expect(hasDigest("ghcr.io/acme/app:1.5.0")).toBe(false);
    expect(hasDigest(`ghcr.io/acme/app@sha256:${"f".repeat(63)}`)).toBe(false);
    expect(hasDigest(`ghcr.io/acme/app@sha256:${"f".repeat(64)}`)).toBe(true);
  });
});
