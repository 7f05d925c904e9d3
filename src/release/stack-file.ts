/**
 * The stack's config file, `Pulumi.<stack>.yaml`, read and edited the way a person edits it: the
 * release keys change in place and every comment and other key stays as it was. Reading and
 * writing the file directly instead of `pulumi config` / `pulumi config set` saves two CLI runs
 * per operation; the engine reads the same file at the update, so `pulumi up` by hand and gantry
 * see the same config. Release keys are plain values (never `secure:`), so no decryption is needed.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { Document } from "yaml";
// Reading with js-yaml (the SDK loads it anyway); the comment-keeping `yaml` package only when a
// key is written: status, history and refusals never load it.
import { load } from "js-yaml";

const yamlLib = () => require("yaml") as typeof import("yaml");

export type Colour = "blue" | "green";

/** `gantry:release` as the commands need it (the program validates it fully at the update). */
export interface ReleaseConfig {
  active: Colour;
  blue?: { image?: string };
  green?: { image?: string };
  idleReplicas?: number;
  checklist?: boolean;
  migration?: { command?: string[]; mode?: "expand" | "contract" };
  smoke?: unknown;
}

export interface StackFile {
  readonly file: string;
  /** The file's bytes as read: what a refused or failed operation puts back. */
  readonly original: Buffer;
  readonly environment: string;
  readonly release: ReleaseConfig;
  /** Replicas of the active app colour (`gantry:app.replicas`, default 2). */
  readonly appReplicas: number;
  /** `aws:region`: where the checklist asks AWS for the newest backup. */
  readonly awsRegion?: string;
  /** Sets `gantry:<dotted key>` (a value of `undefined` removes the key) and writes the file. */
  set(values: Record<string, unknown>): void;
  /** The file's bytes now (before an update: what to put back if it fails). */
  snapshot(): Buffer;
  /** Puts the file back byte for byte (default: as first read). */
  restore(bytes?: Buffer): void;
}

export function readStackFile(dir: string, stack: string): StackFile {
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  const original = readFileSync(file);
  let parsed: Document | undefined;
  const doc = () => (parsed ??= yamlLib().parseDocument(readFileSync(file, "utf8")));
  const config = (load(original.toString("utf8")) as { config?: Record<string, unknown> } | null)?.config ?? {};
  const release = { ...((config["gantry:release"] as Partial<ReleaseConfig> | undefined) ?? {}) } as ReleaseConfig;
  release.active ??= "blue";
  const app = config["gantry:app"] as { replicas?: number } | undefined;
  return {
    file,
    original,
    environment: typeof config["gantry:environment"] === "string" ? config["gantry:environment"] : "development",
    release,
    appReplicas: app?.replicas ?? 2,
    ...(typeof config["aws:region"] === "string" ? { awsRegion: config["aws:region"] } : {}),
    set(values) {
      const d = doc();
      if (!yamlLib().isMap(d.get("config"))) d.set("config", d.createNode({}));
      for (const [key, value] of Object.entries(values)) {
        const [top, ...rest] = key.split(".");
        const at = ["config", `gantry:${top}`, ...rest];
        if (value === undefined) d.deleteIn(at);
        else d.setIn(at, typeof value === "object" && value !== null ? d.createNode(value) : value);
      }
      writeFileSync(file, d.toString());
    },
    snapshot: () => readFileSync(file),
    restore(bytes = original) {
      writeFileSync(file, bytes);
      parsed = undefined;
    },
  };
}
