// Covers the SDK internals the offline plan depends on: if a @pulumi/pulumi upgrade changes
// them, this fails before `gantry plan` silently loses parents, protect flags or secrets.
import { beforeAll, describe, expect, it } from "vitest";
import type * as Pulumi from "@pulumi/pulumi";
import { type Capture, isSecretValue, maskSecrets, SECRET_MASK, startCapture } from "../../src/plan/capture";

let cap: Capture;

beforeAll(async () => {
  cap = await startCapture({ stack: "capture" });
  const pulumi = await import("@pulumi/pulumi");
  const random = await import("@pulumi/random");
  const k8s = await import("@pulumi/kubernetes");
  class Box extends pulumi.ComponentResource {
    constructor(name: string, opts?: Pulumi.ComponentResourceOptions) {
      super("gantry:test:Box", name, {}, opts);
      const pw = new random.RandomPassword(`${name}-pw`, { length: 16 }, { parent: this });
      new k8s.core.v1.Secret(
        `${name}-secret`,
        { stringData: { PASSWORD: pw.result, PLAIN: "visible" } },
        { parent: this, protect: true },
      );
      this.registerOutputs({});
    }
  }
  new Box("box");
  await cap.settle();
});

describe("capture", () => {
  it("records parent and protect that Mocks.newResource never sees", () => {
    const box = cap.resources().find((r) => r.type === "gantry:test:Box")!;
    const secret = cap.resources().find((r) => r.type === "kubernetes:core/v1:Secret")!;
    expect(box.urn).toBe("urn:pulumi:capture::gantry::gantry:test:Box::box");
    expect(secret.parent).toBe(box.urn);
    expect(secret.protect).toBe(true);
    expect(box.protect).toBe(false);
  });

  it("keeps secretness of inputs so the plan can mask them", () => {
    const secret = cap.resources().find((r) => r.type === "kubernetes:core/v1:Secret")!;
    const data = secret.inputs.stringData as Record<string, unknown>;
    expect(isSecretValue(data.PASSWORD) || isSecretValue(secret.inputs.stringData)).toBe(true);
    const masked = JSON.stringify(maskSecrets(secret.inputs));
    expect(masked).toContain(SECRET_MASK);
    expect(masked).not.toContain("mock-box-pw");
  });
});
