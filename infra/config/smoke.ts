/**
 * `gantry:release.smoke`: the HTTP checks `gantry deploy/switch/promote` run before a switch
 * (through the preview route, with the preview header) and after it (through the main route).
 */
import { z } from "zod";

const check = z
  .object({
    path: z.string().regex(/^\/\S*$/, "must be an absolute HTTP path such as /healthz"),
    expectStatus: z.number().int().min(100).max(599).default(200),
    /** A regular expression the body must match. */
    bodyMatch: z.string().min(1).optional(),
    /** Slowest acceptable response; slower counts as a failure. */
    maxLatencyMs: z.number().int().min(1).max(60_000).default(2_000),
    timeoutSeconds: z.number().int().min(1).max(120).default(5),
  })
  .strict();

export const smokeSchema = z
  .object({
    /** Where the checks go. @default the stack's `url` output */
    baseUrl: z.url().optional(),
    previewHeader: z
      .string()
      .regex(/^[a-z0-9-]+$/, "a lower-case header name")
      .default("x-gantry-preview"),
    /** Attempts per check before it fails (flapping targets get a chance to settle). */
    retries: z.number().int().min(1).max(20).default(3),
    intervalSeconds: z.number().min(0).max(60).default(2),
    checks: z.array(check).default([]),
  })
  .strict();

export type SmokeConfig = z.infer<typeof smokeSchema>;
