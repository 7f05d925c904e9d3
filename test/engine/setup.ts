/**
 * Global setup of the engine tests: make sure the Pulumi engine is available (reusing the cache
 * or a recent `pulumi` on PATH, building it from Go modules otherwise — see scripts/engine/).
 * Engine tests are required, never skipped: if the engine cannot be had, they fail here.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";

export default function setup(): void {
  const root = path.resolve(__dirname, "..", "..");
  execFileSync("bash", [path.join(root, "scripts", "engine", "install.sh")], { stdio: "inherit" });
}
