// The release commands' argument handling as a user meets it: help with examples, and every
// bad-input path exits 2 before any engine work.
import { describe, expect, it } from "vitest";
import { gantry } from "./cli";

describe("gantry release commands: usage", () => {
  it("--help lists every command and the exit codes", () => {
    const r = gantry("--help");
    expect(r.code).toBe(0);
    for (const c of ["plan", "diff", "report", "deploy", "switch", "rollback", "promote", "status", "history"])
      expect(r.stdout).toMatch(new RegExp(`^  ${c} `, "m"));
    expect(r.stdout).toContain("3 stack locked by another operation");
  });

  it("each command's --help shows its examples", () => {
    for (const [c, ex] of [
      ["deploy", "gantry deploy staging --image ghcr.io/acme/app:1.5.0"],
      ["switch", "gantry switch production --yes"],
      ["rollback", "gantry rollback staging"],
      ["promote", "gantry promote staging production --yes"],
      ["status", "gantry status production --json"],
      ["history", "gantry history staging"],
    ] as const) {
      const r = gantry(c, "--help");
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(ex);
    }
  });

  it("exits 2 with a clear message for an unknown stack, naming the stacks that exist", () => {
    const r = gantry("switch", "no-such-stack");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'gantry: unknown stack "no-such-stack": no Pulumi.no-such-stack.yaml in ' +
        process.cwd() +
        " (stacks: local, production, staging)\n",
    );
    expect(gantry("promote", "staging", "prod").code).toBe(2);
  });

  it("exits 2 for missing arguments, unknown flags, unknown commands and a missing --image", () => {
    expect(gantry("switch").code).toBe(2);
    expect(gantry("switch", "staging", "--colour", "green").code).toBe(2);
    expect(gantry("ship", "staging").stderr).toMatch(/unknown command 'ship'/);
    expect(gantry("ship", "staging").code).toBe(2);
    expect(gantry("promote", "staging").code).toBe(2);
    const noImage = gantry("deploy", "staging");
    expect([noImage.code, noImage.stderr]).toEqual([2, "gantry: `gantry deploy` needs --image <ref>\n"]);
    const bad = gantry("deploy", "staging", "--image", "Not An Image");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--image "Not An Image" must be an image reference with a tag or digest/);
  });

  it("takes --backup-endpoint on switch and promote only, as an http(s) URL (exit 2 before any engine work otherwise)", () => {
    expect(gantry("switch", "--help").stdout).toContain("--backup-endpoint http://127.0.0.1:9000");
    expect(gantry("promote", "--help").stdout).toContain("--backup-endpoint <url>");
    const bad = gantry("switch", "production", "--backup-endpoint", "127.0.0.1:9000");
    expect([bad.code, bad.stderr]).toEqual([
      2,
      'gantry: --backup-endpoint "127.0.0.1:9000" is not an http(s) URL (e.g. http://127.0.0.1:9000 for a port-forward)\n',
    ]);
    expect(gantry("rollback", "staging", "--backup-endpoint", "http://127.0.0.1:9000").code).toBe(2);
  });
});
