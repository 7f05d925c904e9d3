/**
 * Shared helpers for component and stack tests under Pulumi's mock runtime.
 *
 * Usage (mocks must be installed before the code under test is imported):
 *   const cap = await startCapture({ stack: "production" });
 *   const { Postgres } = await import("../../components/postgres");
 *   new Postgres("db", args);
 *   await cap.settle();
 *   const rds = ofType(cap, "aws:rds/instance:Instance");
 */
import * as pulumi from "@pulumi/pulumi";
import { type Capture, type CapturedResource, unwrapSecrets } from "../../src/plan/capture";

export { startCapture, isSecretValue, SECRET_SIG } from "../../src/plan/capture";
export type { Capture, CapturedResource };

/** Every captured resource of a type token, e.g. "kubernetes:apps/v1:Deployment". */
export function ofType(cap: Capture, type: string): CapturedResource[] {
  return cap.resources().filter((r) => r.type === type);
}

/** The single resource of a type (and optional name); throws when there are none or several. */
export function one(cap: Capture, type: string, name?: string): CapturedResource {
  const found = ofType(cap, type).filter((r) => name === undefined || r.name === name);
  if (found.length !== 1) {
    const names = ofType(cap, type).map((r) => r.name);
    throw new Error(`expected one ${type}${name ? ` named ${name}` : ""}, found [${names.join(", ")}]`);
  }
  return found[0]!;
}

/** Inputs with secret wrappers removed (values kept) — for asserting on content. */
export function plain(r: CapturedResource): Record<string, any> {
  return unwrapSecrets(r.inputs) as Record<string, any>;
}

/** Resolves an Output's value (not for previews: unknowns never resolve there). */
export function resolve<T>(o: pulumi.Input<T>): Promise<T> {
  return new Promise((res) => pulumi.output(o).apply((v) => res(v as T)));
}

/** Whether an Output is secret. */
export function isSecret(o: pulumi.Output<unknown>): Promise<boolean> {
  return pulumi.isSecret(o);
}
