// The Go unit tests of our language-host wrapper (scripts/engine/langhost), run here so CI counts
// them: argument building, the node_modules search, and a real RunPlugin stream through node.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "./harness";

it("passes the wrapper's go tests", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "gantry-langhost-"));
  try {
    const src = path.join(ROOT, "scripts", "engine", "langhost");
    for (const f of readdirSync(src).filter((x) => x.endsWith(".go"))) cpSync(path.join(src, f), path.join(dir, f));
    for (const f of ["go.mod", "go.sum"])
      cpSync(path.join(ROOT, "scripts", "engine", "modules", "langhost-wrapper", f), path.join(dir, f));
    const out = execFileSync("go", ["test", "-count=1", "-v", "./..."], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, GOFLAGS: "-mod=readonly", GOTOOLCHAIN: "local", CGO_ENABLED: "0" },
    });
    expect(out).toMatch(/^ok\s/m);
    expect(out).not.toMatch(/--- FAIL/);
    expect((out.match(/^--- PASS/gm) ?? []).length).toBeGreaterThanOrEqual(4);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);
