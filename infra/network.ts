/**
 * Maps config onto the namespace's egress (one call from program.ts): default deny, DNS, the
 * data tier (clients, and in-cluster its own pods), the gateway → app, and `gantry:network.egress`.
 */
import type * as pulumi from "@pulumi/pulumi";
import { objectStoreEgress, type EgressAllow } from "../components/common/network";
import { drillEnabled } from "../components/backups/defaults";
import { baseLabels } from "../components/common/types";
import {
  apiServerAllow,
  clientAllow,
  dnsAllow,
  externalAllows,
  gatewayAllows,
  NamespaceEgress,
  peerAllow,
} from "../components/network";
import { DB_CLIENT_LABEL, POSTGRES_PORT } from "../components/postgres/naming";
import { liveDatabases } from "../components/postgres/retire";
import { REDIS_CLIENT_LABEL, REDIS_PORT, SENTINEL_PORT } from "../components/redis/naming";
import { serviceLabels } from "../components/release/naming";
import type { GantryConfig } from "./config";

/** CNPG's instance status port: peers query it during switchover. */
const CNPG_STATUS_PORT = 8000;
/** NGINX Gateway Fabric: data-plane agents connect to the control plane's gRPC port. */
const NGF = { namespace: "nginx-gateway", port: 8443 };

/** Names of the objects the stack creates, which the allows select on. */
export interface EgressTargets {
  readonly postgresName: string;
  readonly redisName: string;
  readonly gatewayName: string;
}

/** Every egress allow the stack's config implies. Pure, so unit tests read the decisions. */
export function egressAllows(cfg: GantryConfig, t: EgressTargets): EgressAllow[] {
  const ns = cfg.kubernetes.namespace;
  const inCluster = cfg.dataTier === "in-cluster";
  const cidrs = cfg.network?.dataCidrs ?? [];
  const cnpgPods = { "cnpg.io/cluster": t.postgresName };
  // In-cluster, each CNPG Cluster that exists gets its own allows: the restored copy from the
  // restore on (it must reach the object store and the API server to recover, and the app must
  // reach it once it serves), the current one until `retireCurrent: delete` removes it.
  const live = liveDatabases(t.postgresName, cfg.postgres);
  const clusters = [
    ...(live.current ? [{ key: "postgres", pods: cnpgPods }] : []),
    ...(live.restored ? [{ key: "postgres-restored", pods: { "cnpg.io/cluster": live.restored } }] : []),
  ];
  const { "app.kubernetes.io/managed-by": _, ...redisPods } = baseLabels("redis", t.redisName);
  const redisPorts = inCluster ? [REDIS_PORT, SENTINEL_PORT] : [REDIS_PORT];

  const postgresClients = (name: string, target: { pods: Record<string, string> } | { cidrs: readonly string[] }) =>
    clientAllow(ns, { name, clientLabel: DB_CLIENT_LABEL, ports: [POSTGRES_PORT], target });
  const allows: EgressAllow[] = [
    dnsAllow(ns),
    ...(inCluster ? clusters.map((c) => postgresClients(c.key, { pods: c.pods })) : [postgresClients("postgres", { cidrs })]),
    clientAllow(ns, {
      name: "redis",
      clientLabel: REDIS_CLIENT_LABEL,
      ports: redisPorts,
      target: inCluster ? { pods: redisPods } : { cidrs },
    }),
  ];
  if (inCluster) {
    allows.push(
      ...clusters.flatMap((c) => [
        peerAllow(ns, c.key, c.pods, [POSTGRES_PORT, CNPG_STATUS_PORT]),
        apiServerAllow(ns, c.key, c.pods),
      ]),
      // Replicas follow the primary; Sentinels watch the servers and each other.
      peerAllow(ns, "redis", redisPods, redisPorts),
    );
    // The Barman Cloud plugin archives WAL from inside the instance pods.
    const store = cfg.backups.enabled ? cfg.backups.objectStore : undefined;
    if (store) {
      allows.push(...clusters.map((c) => objectStoreEgress(`egress-${c.key}-objectstore`, ns, c.pods, store)));
      // The restore drill reads base backups and WAL and pushes its figures (only where it runs:
      // an allow for pods that never exist is a hole waiting for one); the Redis copy uploads RDBs.
      if (drillEnabled(cfg.environment, cfg.backups.drill.enabled)) {
        const drill = { "gantry.dev/component": "backup-drill" };
        allows.push(
          objectStoreEgress("egress-drill-objectstore", ns, drill, store),
          pushgatewayEgress("egress-drill-pushgateway", ns, drill, cfg.backups.drill.pushgatewayUrl),
        );
      }
      allows.push(objectStoreEgress("egress-redis-backup-objectstore", ns, { "gantry.dev/component": "redis-backup" }, store));
    }
  }
  const app = serviceLabels("app");
  allows.push(
    ...gatewayAllows(
      ns,
      { "gateway.networking.k8s.io/gateway-name": t.gatewayName },
      { pods: app, port: cfg.app.port },
      cfg.gateway.className === "nginx" ? NGF : undefined,
    ),
  );
  const callers = cfg.worker.enabled ? [app, serviceLabels("worker")] : [app];
  allows.push(...externalAllows(ns, callers, cfg.network?.egress ?? []));
  return allows;
}

export function buildEgress(cfg: GantryConfig, t: EgressTargets, opts: pulumi.ComponentResourceOptions): NamespaceEgress {
  return new NamespaceEgress("egress", { namespace: cfg.kubernetes.namespace, allows: egressAllows(cfg, t) }, opts);
}

/**
 * Egress to the drill's Pushgateway: a cluster Service (`<svc>.<namespace>.svc…`) is reached in
 * its namespace on its port; an IP literal is that address; any other host is reachable by port only.
 */
export function pushgatewayEgress(name: string, namespace: string, from: Record<string, string>, url: string): EgressAllow {
  const u = new URL(url);
  const port = Number(u.port || (u.protocol === "https:" ? 443 : 80));
  const parts = u.hostname.split(".");
  const to =
    parts.length >= 3 && parts[2] === "svc"
      ? [{ namespace: parts[1]! }]
      : /^\d{1,3}(\.\d{1,3}){3}$/.test(u.hostname)
        ? [{ cidrs: [`${u.hostname}/32`] }]
        : [{ cidrs: ["0.0.0.0/0", "::/0"] }];
  return { name, namespace, from, to, ports: [{ port }] };
}
