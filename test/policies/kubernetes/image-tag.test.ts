import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { k8sImageTag as policy } from "../../../policies/rules/kubernetes/image-tag";
import { levels, mutate, runResource } from "../harness";
import { deployment } from "../fixtures";

const withImage = (image: unknown) => mutate(deployment(), (d: any) => (d.spec.template.spec.containers[0].image = image));
const run = (image: unknown) => runResource(policy, T.deployment, withImage(image));

describe("k8s-image-tag", () => {
  it.each([
    "ghcr.io/acme/api:1.4.2",
    "registry.example.com:5000/acme/api:2026.11.1",
    `ghcr.io/acme/api@sha256:${"a".repeat(64)}`,
    `ghcr.io/acme/api:latest@sha256:${"b".repeat(64)}`,
  ])("passes %s", (image) => {
    expect(run(image)).toEqual([]);
  });
  it("reports latest", () => {
    expect(run("ghcr.io/acme/api:latest")).toEqual([
      'container "app": image "ghcr.io/acme/api:latest" uses the mutable tag latest: pin a version or digest.',
    ]);
  });
  it("reports an untagged image (a registry port is not a tag)", () => {
    expect(run("registry.example.com:5000/acme/api")).toEqual([
      'container "app": image "registry.example.com:5000/acme/api" has no tag: pin a version or digest.',
    ]);
  });
  it("reports a missing image", () => {
    expect(run("")).toEqual(['container "app": has no image.']);
  });
  it("is mandatory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
  });
});
