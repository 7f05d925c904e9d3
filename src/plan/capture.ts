/**
 * Runs Pulumi programs under the SDK's mock runtime and records every resource registration,
 * including what `Mocks.newResource` never sees: parent, protect and secretness of inputs.
 *
 * This reaches into SDK internals (`runtime/mocks`, `runtime/settings`, `runtime/state`), which
 * is why @pulumi/pulumi is pinned exactly and test/plan/capture.test.ts covers the behaviour.
 */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
// Internal modules: their typings omit what the mock runtime needs, hence the narrow casts.
const settings = require("@pulumi/pulumi/runtime/settings") as {
  setMockOptions(monitor: unknown, project: string, stack: string, preview: boolean): void;
  waitForRPCs(): Promise<void>;
};
const state = require("@pulumi/pulumi/runtime/state") as { getStore(): Record<string, unknown> };
import { fakeState } from "./fake-state";

/** The signature the Pulumi wire format puts on a secret value. */
export const SECRET_SIG = "4dabf18193072939515e22adb298388d";
/** What a secret value looks like in plan output. */
export const SECRET_MASK = "[secret]";

/** One resource registration as the engine would have received it. */
export interface CapturedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** URN of the parent, or "" for the stack's direct children. */
  readonly parent: string;
  /** Inputs in wire form: secret values still carry {@link SECRET_SIG}. */
  readonly inputs: Record<string, unknown>;
  readonly protect: boolean;
  readonly custom: boolean;
  readonly dependsOn: string[];
  readonly aliases: unknown[];
  /** Input paths the engine keeps at their recorded values (`ignoreChanges`). */
  readonly ignoreChanges: string[];
  /** Left in the cloud when it leaves the stack (`retainOnDelete`). */
  readonly retainOnDelete: boolean;
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getProtect(): boolean;
  getCustom(): boolean;
  getDependenciesList(): string[];
  getAliasesList?(): Array<{ toObject(): unknown }>;
  getIgnorechangesList?(): string[];
  getRetainondelete?(): boolean;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}

class RecordingMonitor extends MockMonitor {
  readonly captured: CapturedResource[] = [];

  override async registerResource(req: RegisterRequest, callback: (err: unknown, resp?: unknown) => void) {
    const type = req.getType();
    const name = req.getName();
    this.captured.push({
      urn: (this as unknown as { newUrn(p: string, t: string, n: string): string }).newUrn(req.getParent(), type, name),
      type,
      name,
      parent: req.getParent(),
      inputs: req.getObject()?.toJavaScript() ?? {},
      protect: req.getProtect() === true,
      custom: req.getCustom(),
      dependsOn: req.getDependenciesList(),
      aliases: (req.getAliasesList?.() ?? []).map((a) => a.toObject()),
      ignoreChanges: req.getIgnorechangesList?.() ?? [],
      retainOnDelete: req.getRetainondelete?.() === true,
    });
    return super.registerResource(req, callback);
  }
}

const mocks: pulumi.runtime.Mocks = {
  newResource: (args) => ({ id: `${args.name}-id`, state: fakeState(args.type, args.name, args.inputs) }),
  // The plan has no AWS account: getCallerIdentity answers with a fixed fake one.
  call: (args) =>
    args.token === "aws:index/getCallerIdentity:getCallerIdentity"
      ? { accountId: "123456789012", arn: "arn:aws:iam::123456789012:root", userId: "123456789012", id: "123456789012" }
      : args.inputs,
};

/** Handle returned by {@link startCapture}. */
export interface Capture {
  /** Everything registered so far, in registration order. */
  resources(): CapturedResource[];
  /** Resolves once every registration issued so far (and any it triggers) has completed. */
  settle(): Promise<void>;
  readonly project: string;
  readonly stack: string;
}

/**
 * Installs the recording mock runtime. Call before the program module is imported (static
 * imports are hoisted: use `await import()` afterwards).
 *
 * @param config `{"gantry:key": "value"}`, values as the engine passes them (JSON for objects).
 * @param secretKeys config keys that are secret.
 */
export async function startCapture(opts: {
  project?: string;
  stack?: string;
  config?: Record<string, string>;
  secretKeys?: string[];
}): Promise<Capture> {
  const project = opts.project ?? "gantry";
  const stack = opts.stack ?? "test";
  pulumi.runtime.setAllConfig(opts.config ?? {}, opts.secretKeys ?? []);
  const monitor = new RecordingMonitor(mocks);
  settings.setMockOptions(monitor, project, stack, false);
  // The feature flags `setMocks` would set (setMockOptions resets the store, so after it).
  // Without supportsSecrets, secrets are serialised as plain values and the plan could leak them.
  Object.assign(state.getStore(), {
    supportsSecrets: true,
    supportsResourceReferences: true,
    supportsOutputValues: false,
    supportsDeletedWith: true,
    supportsReplaceWith: true,
    supportsAliasSpecs: true,
    supportsTransforms: false,
    supportsParameterization: true,
    supportsResourceHooks: true,
    supportsErrorHooks: true,
  });
  return {
    resources: () => [...monitor.captured],
    settle: () => settings.waitForRPCs(),
    project,
    stack,
  };
}

/** True when a wire value is a Pulumi secret. */
export function isSecretValue(v: unknown): v is { value: unknown } {
  return typeof v === "object" && v !== null && (v as Record<string, unknown>)[SECRET_SIG] !== undefined;
}

/** Replaces every secret in a wire value by {@link SECRET_MASK}; leaves the rest as is. */
export function maskSecrets(v: unknown): unknown {
  if (isSecretValue(v)) return SECRET_MASK;
  if (Array.isArray(v)) return v.map(maskSecrets);
  if (typeof v === "object" && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskSecrets(x)]));
  }
  return v;
}

/** Removes secret wrappers, keeping the values (for tests that assert on secret content). */
export function unwrapSecrets(v: unknown): unknown {
  if (isSecretValue(v)) return unwrapSecrets(v.value);
  if (Array.isArray(v)) return v.map(unwrapSecrets);
  if (typeof v === "object" && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrapSecrets(x)]));
  }
  return v;
}
