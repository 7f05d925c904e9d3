// README's config reference must name every config key the schema accepts.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { configSchema } from "../../infra/config/schema";

/** Dotted paths of every object key in a zod schema (records and quantities are leaves). */
function keys(schema: z.ZodType, at: string): string[] {
  let s: any = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = s.unwrap();
  if (!(s instanceof z.ZodObject)) return [at];
  if (at.endsWith("resources")) return [at];
  return Object.entries(s.shape as Record<string, z.ZodType>).flatMap(([k, v]) => keys(v, at ? `${at}.${k}` : k));
}

describe("README", () => {
  const readme = readFileSync(path.resolve(__dirname, "..", "..", "README.md"), "utf8");
  it.each(keys(configSchema, "").map((k) => [k.replace(/^appSecrets$/, "appSecrets.<NAME>")]))("documents %s", (key) => {
    // A table row whose first cell is the key (prettier pads cells, so match loosely on spaces).
    const escaped = key.replace(/[.*+?^${}()|[\]\\<>]/g, "\\$&");
    expect(readme).toMatch(new RegExp(`^\\|\\s*\`${escaped}\`\\s*\\|`, "m"));
  });
});
