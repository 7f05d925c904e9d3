/**
 * Backups of the data tier. Managed: AWS Backup (KMS-encrypted vault, GFS plan, off-site copy,
 * restore testing). In-cluster: a Barman Cloud ObjectStore and one CNPG ScheduledBackup per tier;
 * the CNPG Cluster archives WAL to the store through the plugin (see barmanPluginRef).
 */
import * as pulumi from "@pulumi/pulumi";
import type { BackupsArgs } from "./args";
import { backupsSummary, resolveBackupsArgs, validateBackupsArgs } from "./defaults";
import { createInClusterBackups } from "./in-cluster";
import { createManagedBackups } from "./managed";

export type { BackupsArgs } from "./args";
export { barmanPluginRef } from "./in-cluster";

export class Backups extends pulumi.ComponentResource {
  /** The `backups` stack output: schedules, retention, off-site copy, drill, max age, RPO. */
  public readonly summary: ReturnType<typeof backupsSummary>;
  /** The AWS Backup vault (managed), else undefined. */
  public readonly vaultArn?: pulumi.Output<string>;

  constructor(name: string, args: BackupsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gantry:data:Backups", name, {}, opts);
    const resolved = resolveBackupsArgs(args);
    const problems = validateBackupsArgs(resolved);
    if (problems.length > 0) {
      const list = problems.map((p) => `  - backups.${p.path}: ${p.message}`).join("\n");
      throw new Error(`Backups "${name}" has invalid arguments:\n${list}`);
    }
    this.summary = backupsSummary(resolved);
    if (resolved.tier === "managed") {
      if (!resolved.postgres.instanceArn) throw new Error(`Backups "${name}": the managed tier needs postgres.instanceArn.`);
      this.vaultArn = createManagedBackups(this, name, resolved).vaultArn;
    } else {
      createInClusterBackups(this, resolved);
    }
    this.registerOutputs({ summary: this.summary });
  }
}
