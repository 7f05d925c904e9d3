/**
 * The release checklist `gantry switch` / `promote` enforce before moving production traffic
 * (and any stack with `gantry:release.checklist: true`). Each item is decided here from facts the
 * caller gathered from the stack (state, outputs, tags, the offline plan's policy results);
 * every item is printed, and any item not ok refuses the switch. Pure.
 */
import { isDigestPinned } from "./meta";
import type { MigrationStatus } from "./state";

export type ItemState = "ok" | "FAILED" | "unknown";

export interface ChecklistItem {
  readonly key: "image" | "migration" | "smoke" | "backup" | "policy";
  readonly state: ItemState;
  readonly text: string;
}

/** What `gantry deploy` recorded about its smoke run (a stack tag, see ops.ts). */
export interface SmokeRecord {
  readonly image: string;
  readonly passed: boolean;
  readonly at: string;
}

/** The `backups` stack output, as far as the checklist reads it. */
export interface BackupsOutput {
  readonly maxAgeHours?: number;
  /** When the newest recovery point was taken (ISO), where the stack reports it. */
  readonly lastBackupAt?: string;
  readonly lastBackupAgeHours?: number;
}

/**
 * The newest backup read from the live stack (src/live/last-backup.ts) when the output carries no
 * time: what was found, or why nothing could be dated.
 */
export type LiveBackup = { readonly at: string; readonly what: string } | { readonly unknown: string };

export interface ChecklistFacts {
  readonly colour: string;
  readonly image: string;
  readonly migration: MigrationStatus;
  /** The switch's own pre-switch run through the preview route (checks configured, all passed). */
  readonly smokeNow: { readonly checks: number; readonly passed: boolean };
  readonly smokeRecord?: SmokeRecord;
  /** `null`: the stack has no backups output (backups disabled or not built). */
  readonly backups: BackupsOutput | null | undefined;
  /** The live read, asked only when `backups` has no `lastBackupAt` / `lastBackupAgeHours`. */
  readonly liveBackup?: LiveBackup;
  readonly now: Date;
  /** Mandatory violations of the offline plan after the switch, or why the plan could not run. */
  readonly policy: { readonly mandatory: readonly string[] } | { readonly error: string };
}

export function imageItem(f: Pick<ChecklistFacts, "colour" | "image">): ChecklistItem {
  const ok = isDigestPinned(f.image);
  return {
    key: "image",
    state: ok ? "ok" : "FAILED",
    text: `idle image digest-pinned (${f.colour}: ${f.image})${ok ? "" : ": deploy a repo@sha256:… reference"}`,
  };
}

export function migrationItem(m: MigrationStatus): ChecklistItem {
  return { key: "migration", state: m.ok ? "ok" : "FAILED", text: `migration done: ${m.detail}` };
}

export function smokeItem(f: Pick<ChecklistFacts, "image" | "smokeNow" | "smokeRecord">): ChecklistItem {
  if (f.smokeNow.checks === 0)
    return { key: "smoke", state: "FAILED", text: "smoke tests passed: no checks configured (gantry:release.smoke.checks)" };
  const r = f.smokeRecord;
  if (!r || r.image !== f.image)
    return {
      key: "smoke",
      state: "FAILED",
      text: `smoke tests passed: no record from \`gantry deploy\` of ${f.image} (deployed by hand?): run gantry deploy`,
    };
  if (!r.passed) return { key: "smoke", state: "FAILED", text: `smoke tests passed: the deploy's run at ${r.at} failed` };
  if (!f.smokeNow.passed)
    return { key: "smoke", state: "FAILED", text: "smoke tests passed: the pre-switch run through the preview route failed" };
  return {
    key: "smoke",
    state: "ok",
    text: `smoke tests passed (deploy at ${r.at}, ${f.smokeNow.checks} check${f.smokeNow.checks > 1 ? "s" : ""} again now)`,
  };
}

export function backupItem(f: Pick<ChecklistFacts, "backups" | "liveBackup" | "now">): ChecklistItem {
  const b = f.backups;
  if (!b)
    return {
      key: "backup",
      state: "unknown",
      text: "backup younger than the configured age: unknown (the stack has no backups output)",
    };
  const hoursSince = (iso: string) => (f.now.getTime() - Date.parse(iso)) / 3.6e6;
  const max = b.maxAgeHours;
  const live = f.liveBackup;
  let age = b.lastBackupAgeHours ?? (b.lastBackupAt ? hoursSince(b.lastBackupAt) : undefined);
  let found = "";
  if (age === undefined && live && "at" in live) [age, found] = [hoursSince(live.at), `: ${live.what}`];
  if (age === undefined || Number.isNaN(age) || max === undefined) {
    const why = live && "unknown" in live ? live.unknown : "the stack reports its schedule, not when the last backup ran";
    return { key: "backup", state: "unknown", text: `backup younger than ${max ?? "?"} h: unknown (${why})` };
  }
  const ok = age <= max;
  return {
    key: "backup",
    state: ok ? "ok" : "FAILED",
    text: `backup younger than ${max} h (newest ${age.toFixed(1)} h old${found})`,
  };
}

export function policyItem(p: ChecklistFacts["policy"]): ChecklistItem {
  if ("error" in p) return { key: "policy", state: "FAILED", text: `policy pack clean: the plan did not run (${p.error})` };
  if (p.mandatory.length === 0)
    return { key: "policy", state: "ok", text: "policy pack clean (0 mandatory violations after the switch)" };
  return {
    key: "policy",
    state: "FAILED",
    text: `policy pack clean: ${p.mandatory.length} mandatory violation${p.mandatory.length > 1 ? "s" : ""} (${[...new Set(p.mandatory)].join(", ")})`,
  };
}

export function checklist(f: ChecklistFacts): ChecklistItem[] {
  return [imageItem(f), migrationItem(f.migration), smokeItem(f), backupItem(f), policyItem(f.policy)];
}

/** The items that refuse the switch: any not ok, except an unknown backup age with --force-without-backup. */
export function blocking(items: readonly ChecklistItem[], forceWithoutBackup: boolean): ChecklistItem[] {
  return items.filter((i) => i.state === "FAILED" || (i.state === "unknown" && !(i.key === "backup" && forceWithoutBackup)));
}

export function renderChecklist(stack: string, items: readonly ChecklistItem[]): string {
  return `release checklist (${stack}):\n${items.map((i) => `  ${i.state.padEnd(7)} ${i.text}\n`).join("")}`;
}
