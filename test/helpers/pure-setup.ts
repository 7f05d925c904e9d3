/**
 * Setup of the `unit` project, whose files share worker processes (no per-file process start,
 * SDKs loaded once per worker). That is only sound for tests that never touch Pulumi's
 * process-global runtime: a file that installs mocks here fails, naming where it belongs.
 */
import { afterAll } from "vitest";
import { hasMonitor } from "@pulumi/pulumi/runtime/settings";

afterAll(() => {
  if (hasMonitor()) {
    throw new Error(
      "this test file uses the Pulumi runtime (mocks), which is process-global: move it out of the `unit` project's folders (see vitest.config.mts)",
    );
  }
});
