/**
 * Reads `gantry:*` config from the Pulumi runtime (the engine, or the mock runtime of
 * `gantry plan`) into the plain form {@link parseConfig} takes.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, type GantryConfig, parseConfig } from "./index";

const PREFIX = "gantry:";

// Not in the SDK's typings, but exported at runtime: which config keys the engine marked secret.
// @pulumi/pulumi is pinned exactly; test/plan covers the plaintext-secret rule end to end.
const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret: (key: string) => boolean };

/** Parses and validates the running stack's config; throws {@link ConfigError} listing every problem. */
export function loadConfig(): GantryConfig {
  const raw: Record<string, unknown> = {};
  const secretPaths = new Set<string>();
  for (const [key, text] of Object.entries(pulumi.runtime.allConfig())) {
    if (!key.startsWith(PREFIX)) continue;
    const name = key.slice(PREFIX.length);
    raw[name] = decode(text);
    if (runtimeConfig.isConfigSecret(key)) secretPaths.add(name);
  }
  const result = parseConfig(raw, secretPaths);
  if (!result.ok) throw new ConfigError(pulumi.getStack(), result.problems);
  return result.config;
}

/** Structured config arrives as JSON; plain strings (`production`) do not parse and stay strings. */
function decode(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
