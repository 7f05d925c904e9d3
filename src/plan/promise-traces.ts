/**
 * @pulumi/pulumi records `new Error().stack` on every promise it makes (runtime/debuggable.js), so
 * that a program which exits with promises pending can say where each was made. Formatting those
 * stacks was the largest single cost of an offline plan (~120 ms of ~600 ms for production: V8
 * formats every frame of thousands of stacks). An offline plan never leaks (it awaits every
 * registration), and `PULUMI_DEBUG_PROMISE_LEAKS` is the SDK's own switch for when one does: so
 * unless that is set, the plan makes those stacks empty. Leak detection itself is untouched; only
 * its message loses the stacks. Callers reach the function through the module's exports object at
 * call time (compiled `debuggable_1.debuggablePromise(...)`), so replacing the export covers them.
 */

/** The SDK marks the function @internal, so its typings leave it out. */
type DebuggablePromise = (<T>(p: Promise<T>, ctx: unknown) => Promise<T>) & { [MARK]?: true };
const MARK = Symbol.for("gantry.promiseTracesOff");

/** Wraps the SDK's debuggablePromise so its debug stack is empty; idempotent. False when left alone. */
export function dropPromiseTraces(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.PULUMI_DEBUG_PROMISE_LEAKS) return false;
  const mod = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: DebuggablePromise };
  // An SDK that no longer has it (test/plan/promise-traces.test.ts fails then): leave it be.
  if (typeof mod.debuggablePromise !== "function") return false;
  if (mod.debuggablePromise[MARK]) return true;
  const original = mod.debuggablePromise;
  const wrapped = (<T>(p: Promise<T>, ctx: unknown) => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return original(p, ctx);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }) as DebuggablePromise;
  wrapped[MARK] = true;
  mod.debuggablePromise = wrapped;
  return true;
}
