import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { k8sImageRegistry as policy } from "../../../policies/rules/kubernetes/image-registry";
import { levels, mutate, propsIn, runResource } from "../harness";
import { deployment } from "../fixtures";

const withImage = (image: string) => mutate(deployment(), (d: any) => (d.spec.template.spec.containers[0].image = image));
const DEFAULTS = "ghcr.io/, docker.io/library/, public.ecr.aws/, registry.k8s.io/";

describe("k8s-image-registry", () => {
  it.each(["ghcr.io/acme/api:1.4.2", "nginx:1.27", "docker.io/library/postgres:17", "registry.k8s.io/pause:3.10"])(
    "passes %s",
    (image) => {
      expect(runResource(policy, T.deployment, withImage(image))).toEqual([]);
    },
  );
  it("reports a Docker Hub user image (qualified as docker.io/<user>/…)", () => {
    expect(runResource(policy, T.deployment, withImage("bitnami/redis:7.4"))).toEqual([
      `container "app": image "bitnami/redis:7.4" is not from an allowed registry (${DEFAULTS}).`,
    ]);
  });
  it("reports a prefix look-alike", () => {
    expect(runResource(policy, T.deployment, withImage("ghcr.io.evil.example/acme/api:1"))).toEqual([
      `container "app": image "ghcr.io.evil.example/acme/api:1" is not from an allowed registry (${DEFAULTS}).`,
    ]);
  });
  it("uses allowedRegistries from config", () => {
    const config = { allowedRegistries: ["123456789012.dkr.ecr.eu-west-1.amazonaws.com/"] };
    expect(
      runResource(policy, T.deployment, withImage("123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1"), { config }),
    ).toEqual([]);
    expect(runResource(policy, T.deployment, withImage("ghcr.io/acme/api:1"), { config })).toEqual([
      'container "app": image "ghcr.io/acme/api:1" is not from an allowed registry (123456789012.dkr.ecr.eu-west-1.amazonaws.com/).',
    ]);
  });
  it("is mandatory everywhere with the same registries", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
    expect(propsIn(policy.name, "production")).toEqual({ allowedRegistries: DEFAULTS.split(", ") });
  });
});
