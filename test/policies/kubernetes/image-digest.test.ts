import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { k8sImageDigest as policy } from "../../../policies/rules/kubernetes/image-digest";
import { levels, mutate, runResource } from "../harness";
import { deployment } from "../fixtures";

const DIGEST = `sha256:${"a".repeat(64)}`;
const withImage = (image: unknown) => mutate(deployment(), (d: any) => (d.spec.template.spec.containers[0].image = image));
const run = (image: unknown) => runResource(policy, T.deployment, withImage(image));

describe("k8s-image-digest", () => {
  it.each([`ghcr.io/acme/api:1.4.2@${DIGEST}`, `ghcr.io/acme/api@${DIGEST}`, `registry.example.com:5000/acme/api:2@${DIGEST}`])(
    "passes %s",
    (image) => {
      expect(run(image)).toEqual([]);
    },
  );
  it("reports a tag without a digest", () => {
    expect(run("ghcr.io/acme/api:1.4.2")).toEqual([
      'container "app": image "ghcr.io/acme/api:1.4.2" is not pinned by digest: use ghcr.io/acme/api:1.4.2@sha256:<digest>.',
    ]);
  });
  it("reports a truncated digest", () => {
    expect(run("ghcr.io/acme/api@sha256:abc")).toHaveLength(1);
  });
  it("checks init containers too", () => {
    const d = mutate(withImage(`ghcr.io/acme/api:1.4.2@${DIGEST}`), (x: any) => {
      x.spec.template.spec.initContainers = [{ name: "init", image: "busybox:1.36" }];
    });
    expect(runResource(policy, T.deployment, d)).toEqual([
      'init container "init": image "busybox:1.36" is not pinned by digest: use busybox:1.36@sha256:<digest>.',
    ]);
  });
  it("reports a missing image", () => {
    expect(run("")).toEqual(['container "app": has no image.']);
  });
  it("is mandatory in production, advisory in staging", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "advisory" });
  });
});
