/**
 * The managed restored copy: an RDS instance with `restoreToPointInTime`, its replicas, their log
 * groups and its URL Secret. It shares the current database's subnet group, security group,
 * parameter group, key, password and monitoring role, so retiring the current one leaves all of
 * those in place.
 */
import type * as awsTypes from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { loadAws } from "../common/aws";
import type { ResolvedPostgresArgs } from "./defaults";
import { postgresUrl } from "./naming";
import type { FlavourOutputs } from "./outputs";
import { createRdsLogGroups, type RdsLogContext } from "./rds-logs";
import { rdsRestoreArgs, rdsRestoreSource, restoredName } from "./restore";
import { createUrlSecret } from "./url-secret";

/** What the copy shares with the current database. */
export interface ManagedRestoreContext {
  readonly parent: pulumi.ComponentResource;
  readonly name: string;
  readonly a: ResolvedPostgresArgs;
  /** The instance arguments every instance of the component gets (class, network, key, protection…). */
  readonly common: Omit<awsTypes.rds.InstanceArgs, "instanceClass"> & { instanceClass: pulumi.Input<string> };
  readonly subnetGroup: pulumi.Input<string>;
  readonly password: pulumi.Input<string>;
  readonly backupWindow: string;
  /** The current primary; undefined once it is retired (`retireCurrent: delete`). */
  readonly source: awsTypes.rds.Instance | undefined;
  readonly logs: RdsLogContext;
  readonly k8sLabels: Record<string, string>;
  readonly tags: Record<string, string>;
}

export function createManagedRestore(c: ManagedRestoreContext): NonNullable<FlavourOutputs["restored"]> {
  const aws = loadAws();
  const { a, parent } = c;
  const restore = a.restore!;
  const rname = restoredName(c.name);
  const base = rdsRestoreArgs(a, c.name);
  const stateful: pulumi.CustomResourceOptions = { parent, protect: a.protect };
  // `restoreToPointInTime` is read at create time only. Once the stack's own primary is retired
  // its identifier is gone from the program: the engine keeps the recorded source instead
  // (ignoreChanges), so the copy is neither updated nor replaced when the primary goes.
  const sourceGone = restore.source === "primary" && c.source === undefined;
  const copy = new aws.rds.Instance(
    rname,
    {
      ...c.common,
      ...base,
      restoreToPointInTime: {
        ...base.restoreToPointInTime,
        ...(sourceGone ? {} : { sourceDbInstanceIdentifier: rdsRestoreSource(restore.source, c.source!.identifier) }),
      },
      dbSubnetGroupName: c.subnetGroup,
      password: c.password,
      backupWindow: c.backupWindow,
      tags: {
        ...c.tags,
        "gantry:component": rname,
        "gantry:restore-target": restore.targetTime,
        "gantry:restore-source": restore.source,
      },
    },
    {
      ...stateful,
      dependsOn: c.source ? [c.source] : [],
      ...(sourceGone ? { ignoreChanges: ["restoreToPointInTime.sourceDbInstanceIdentifier"] } : {}),
    },
  );
  // Same replica count as the primary: once it serves it needs the same failover and reads.
  const replicas = Array.from(
    { length: a.replicas },
    (_, i) =>
      new aws.rds.Instance(
        `${rname}-replica-${i}`,
        { ...c.common, replicateSourceDb: copy.identifier, skipFinalSnapshot: true, multiAz: false },
        stateful,
      ),
  );
  // Its own log groups, with our retention and key (RDS would make them without either).
  createRdsLogGroups(rname, [copy, ...replicas], c.logs);
  const url = postgresUrl({
    username: a.username,
    password: c.password,
    host: copy.address,
    port: copy.port,
    database: a.databaseName,
  });
  return {
    instanceArn: copy.arn,
    instanceResourceId: copy.resourceId,
    // Named by role like the current database's, so alarms keep their names when they follow the copy.
    rdsInstances: [
      { name: "primary", role: "primary", identifier: copy.identifier },
      ...replicas.map((r, i) => ({ name: `replica-${i}`, role: "replica" as const, identifier: r.identifier })),
    ],
    endpoint: copy.address,
    readerEndpoint: replicas[0]?.address ?? copy.address,
    databaseUrl: createUrlSecret(parent, rname, a.namespace, c.k8sLabels, url),
  };
}
