// How engine failures become exit codes: the lock (another operation running) is 3 with what to
// do, anything else keeps the caller's code (1 failed, 2 cannot open the stack).
import { describe, expect, it } from "vitest";
import { engineError } from "../../src/release/session";

// The file backend's words, as the CLI prints them inside the Automation API's error.
const LOCKED =
  "code: 255\n stderr: error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with `pulumi cancel`.\n  file:///s/.pulumi/locks/gantry/local/3c1f.json: created by root@host (pid 42) at 2026-12-02T17:30:00Z";

describe("engine errors as exit codes", () => {
  it("a held lock is exit 3, says 'stack locked' and nothing changed, and keeps the engine's lock line", () => {
    const e = engineError("switch of local failed", "local", new Error(LOCKED));
    expect(e.code).toBe(3);
    expect(e.message).toMatch(/^stack locked: another operation on local is running; nothing changed\. Wait for it/);
    expect(e.message).toContain("error: the stack is currently locked by 1 lock(s)");
  });
  it("other failures keep their code and carry the engine's error lines only", () => {
    const e = engineError(
      "deploy of staging failed",
      "staging",
      new Error("code: 255\n stdout: lots\n stderr: error: update failed\n"),
    );
    expect([e.code, e.message]).toEqual([1, "deploy of staging failed: stderr: error: update failed"]);
    expect(engineError('cannot open stack "x"', "x", new Error("error: no stack named 'x' found"), 2).code).toBe(2);
  });
});
