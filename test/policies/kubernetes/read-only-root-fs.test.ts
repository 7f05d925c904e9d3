import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { k8sReadOnlyRootFs as policy } from "../../../policies/rules/kubernetes/read-only-root-fs";
import { levels, mutate, runResource } from "../harness";
import { deployment } from "../fixtures";

describe("k8s-read-only-root-fs", () => {
  it("passes a read-only root filesystem", () => {
    expect(runResource(policy, T.deployment, deployment())).toEqual([]);
  });
  it("reports a writable root filesystem", () => {
    const d = mutate(
      deployment(),
      (x: any) => (x.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem = false),
    );
    expect(runResource(policy, T.deployment, d)).toEqual([
      'container "app": securityContext.readOnlyRootFilesystem is not true (mount an emptyDir where the app writes).',
    ]);
  });
  it("is mandatory in production, advisory in staging", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "advisory" });
  });
});
