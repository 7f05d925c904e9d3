/** Maps `gantry:access` onto the Access component and the database roles (one call each from program.ts). */
import type * as pulumi from "@pulumi/pulumi";
import { Access, DATABASE_ROLES, execPodNames } from "../components/access";
import { DB_CLIENT_LABEL, type Postgres } from "../components/postgres";
import type { DatabaseRole } from "../components/postgres/roles";
import { liveDatabases } from "../components/postgres/retire";
import { inClusterNames, SENTINEL_COUNT } from "../components/redis/naming";
import type { GantryConfig } from "./config";

/** Component names of the data tier in program.ts: CNPG and the StatefulSets name pods after them. */
export interface DataNames {
  readonly postgres: string;
  readonly redis: string;
}

export function buildAccess(cfg: GantryConfig, db: Postgres, names: DataNames, opts: pulumi.ComponentResourceOptions): Access {
  const inCluster = cfg.dataTier === "in-cluster";
  const redis = inClusterNames(names.redis, cfg.kubernetes.namespace);
  const failover = cfg.redis.failover ?? cfg.redis.replicas >= 1;
  return new Access(
    "access",
    {
      namespace: cfg.kubernetes.namespace,
      environment: cfg.environment,
      // IAM principals only where there is IAM (see infra/config/access.ts).
      roles: inCluster
        ? {
            administrator: { groups: cfg.access.administrator.groups },
            operator: { groups: cfg.access.operator.groups },
            analyst: { groups: cfg.access.analyst.groups },
          }
        : cfg.access,
      // Managed: the database is RDS and Redis is ElastiCache, so there is no pod to exec into.
      execPods: inCluster
        ? execPodNames({
            // Every CNPG Cluster that exists: the copy from the restore on (to verify it), the
            // current one until it is retired.
            postgres: liveClusters(names.postgres, cfg).map((cluster) => ({ cluster, instances: 1 + cfg.postgres.replicas })),
            redis: [
              { statefulSet: redis.statefulSet, pods: 1 + cfg.redis.replicas },
              ...(failover ? [{ statefulSet: redis.sentinelStatefulSet, pods: SENTINEL_COUNT }] : []),
            ],
          })
        : [],
      managed:
        cfg.dataTier === "managed" && db.instanceArn && db.instanceResourceId
          ? {
              instanceArn: db.instanceArn,
              resourceId: db.instanceResourceId,
              ownerUrl: db.databaseUrl,
              clientLabels: { [DB_CLIENT_LABEL]: "true" },
            }
          : undefined,
    },
    opts,
  );
}

function liveClusters(name: string, cfg: GantryConfig): string[] {
  const live = liveDatabases(name, cfg.postgres);
  return [live.current, live.restored].filter((c): c is string => c !== undefined);
}

/** In-cluster: the analyst and operator database roles the CNPG Cluster manages. */
export function databaseRoles(cfg: GantryConfig): readonly DatabaseRole[] | undefined {
  return cfg.dataTier === "in-cluster" ? DATABASE_ROLES : undefined;
}
