/**
 * The in-cluster flavour of Redis: a StatefulSet, plus Redis Sentinel when failover is on.
 *
 * Why Sentinel and no operator: Sentinel ships in the same pinned image, is Redis's own
 * supported failover, and every part of it can be reviewed here; an operator (Spotahome,
 * OT-Container-Kit) would add CRDs and a controller we cannot validate or pin here.
 * Why 3 sentinels in their own StatefulSet rather than one per Redis pod: with 1 primary +
 * 1 replica, sidecar sentinels lose their majority together with the primary's pod, so failover
 * would never happen in exactly the case it exists for. 3 sentinels, quorum 2, survive one loss.
 *
 * How clients find the primary after a failover (the trade-off): a Sentinel-aware client
 * (ioredis `sentinels`, redis-py `Sentinel`, go-redis `FailoverClient`) uses REDIS_SENTINELS
 * and REDIS_SENTINEL_MASTER and always reaches the current primary. REDIS_URL points at the
 * client Service, which selects pod 0: correct until a failover, after which pod 0 rejoins as
 * a replica and writes through REDIS_URL fail with READONLY until the primary moves back
 * (`SENTINEL FAILOVER`). Without failover pod 0 is always the primary and REDIS_URL is exact.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { SecretKeyRef } from "../common/types";
import { appEnv, createAuthSecret, createUrlSecret } from "./connection";
import type { ResolvedRedisArgs } from "./defaults";
import {
  inClusterNames,
  REDIS_CLIENT_LABEL,
  REDIS_PORT,
  redisUrl,
  SENTINEL_COUNT,
  SENTINEL_MASTER_NAME,
  SENTINEL_PORT,
} from "./naming";
import type { RedisEndpoints } from "./outputs";
import { serviceAccount } from "../common/hardening";
import {
  CONTAINER_SECURITY_CONTEXT,
  EPHEMERAL_STORAGE,
  passwordEnv,
  POD_SECURITY_CONTEXT,
  preferSpread,
  scratchVolumes,
  scriptEnv,
} from "./pod";
import { pingProbe, START_REDIS, START_SENTINEL } from "./scripts";
import { REDIS_VERSIONS, type RedisVersion } from "./versions";

/** Creates the Redis StatefulSet (and Sentinel), Services, PDBs, NetworkPolicy and Secrets. */
export function createInClusterRedis(
  parent: pulumi.ComponentResource,
  name: string,
  a: ResolvedRedisArgs,
  labels: Record<string, string>,
): RedisEndpoints {
  const n = inClusterNames(name, a.namespace);
  const ns = a.namespace;
  const image = REDIS_VERSIONS[a.version as RedisVersion].image;
  const pods = 1 + a.replicas;
  const sentinel = a.failover && pods > 1;
  // Selectors are immutable on a StatefulSet: fixed labels only, never a version.
  const serverSel = { ...pick(labels), "app.kubernetes.io/component": "server" };
  const sentinelSel = { ...pick(labels), "app.kubernetes.io/component": "sentinel" };

  let password: SecretKeyRef;
  let generated: pulumi.Output<string> | undefined;
  if (a.credentials === "generated") {
    generated = new random.RandomPassword(`${name}-password`, { length: 32, special: false }, { parent }).result;
    password = createAuthSecret(parent, name, ns, labels, generated);
  } else {
    // The local stack: the password already lives in a Secret; Gantry never reads it.
    password = a.credentials.existingSecret;
  }

  const scripts = new k8s.core.v1.ConfigMap(
    `${name}-scripts`,
    {
      metadata: { name: `${name}-scripts`, namespace: ns, labels },
      data: { "start-redis.sh": START_REDIS, "start-sentinel.sh": START_SENTINEL },
    },
    { parent },
  );
  const scriptVolume = { name: "scripts", configMap: { name: scripts.metadata.name, defaultMode: 0o555 } };
  const topologyEnv = scriptEnv(n, sentinel);

  // Headless Services publish not-ready pods so replicas and sentinels can find a starting primary.
  const headless = (svcName: string, selector: Record<string, string>, port: number, portName: string) =>
    new k8s.core.v1.Service(
      svcName,
      {
        metadata: { name: svcName, namespace: ns, labels },
        spec: {
          clusterIP: "None",
          publishNotReadyAddresses: true,
          selector,
          ports: [{ name: portName, port, targetPort: port }],
        },
      },
      { parent },
    );
  headless(n.headless, serverSel, REDIS_PORT, "redis");
  new k8s.core.v1.Service(
    `${name}-client`,
    {
      metadata: { name: n.client, namespace: ns, labels },
      spec: {
        selector: { ...serverSel, "statefulset.kubernetes.io/pod-name": `${n.statefulSet}-0` },
        ports: [{ name: "redis", port: REDIS_PORT, targetPort: REDIS_PORT }],
      },
    },
    { parent },
  );

  const server = scratchVolumes("/etc/redis");
  // Own ServiceAccounts without a token: neither Redis nor Sentinel calls the Kubernetes API.
  const serverSa = new k8s.core.v1.ServiceAccount(`${name}-server-sa`, serviceAccount(n.statefulSet, ns, labels), { parent });
  new k8s.apps.v1.StatefulSet(
    `${name}-server`,
    {
      metadata: { name: n.statefulSet, namespace: ns, labels },
      spec: {
        serviceName: n.headless,
        replicas: pods,
        // Parallel: after a failover pod 0 may be a replica; ordered start would gate the others on it.
        podManagementPolicy: "Parallel",
        selector: { matchLabels: serverSel },
        template: {
          metadata: { labels: { ...labels, ...serverSel } },
          spec: {
            serviceAccountName: n.statefulSet,
            automountServiceAccountToken: false,
            securityContext: POD_SECURITY_CONTEXT,
            affinity: preferSpread(serverSel),
            terminationGracePeriodSeconds: 30,
            containers: [
              {
                name: "redis",
                image,
                command: ["sh", "/scripts/start-redis.sh"],
                env: [...passwordEnv(password), ...topologyEnv],
                ports: [{ name: "redis", containerPort: REDIS_PORT }],
                resources: withEphemeral(a.resources),
                securityContext: CONTAINER_SECURITY_CONTEXT,
                livenessProbe: {
                  exec: { command: pingProbe(REDIS_PORT) },
                  initialDelaySeconds: 10,
                  periodSeconds: 10,
                  timeoutSeconds: 5,
                  failureThreshold: 5,
                },
                readinessProbe: {
                  exec: { command: pingProbe(REDIS_PORT) },
                  initialDelaySeconds: 5,
                  periodSeconds: 5,
                  timeoutSeconds: 3,
                },
                volumeMounts: [
                  { name: "data", mountPath: "/data" },
                  { name: "scripts", mountPath: "/scripts" },
                  ...server.mounts,
                ],
              },
            ],
            volumes: [scriptVolume, ...server.volumes],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: "data", labels },
            spec: {
              accessModes: ["ReadWriteOnce"],
              resources: { requests: { storage: `${a.storageGb}Gi` } },
              ...(a.storageClass !== undefined ? { storageClassName: a.storageClass } : {}),
            },
          },
        ],
      },
    },
    { parent, protect: a.protect, dependsOn: [serverSa] },
  );
  // A single pod's PDB would block every node drain; with more, keep all but one running.
  if (pods > 1) pdb(parent, `${name}-server`, ns, labels, serverSel);

  if (sentinel) {
    const sv = scratchVolumes("/etc/sentinel");
    headless(n.sentinelHeadless, sentinelSel, SENTINEL_PORT, "sentinel");
    const sentinelSa = new k8s.core.v1.ServiceAccount(`${name}-sentinel-sa`, serviceAccount(n.sentinelStatefulSet, ns, labels), {
      parent,
    });
    new k8s.apps.v1.StatefulSet(
      `${name}-sentinel`,
      {
        metadata: { name: n.sentinelStatefulSet, namespace: ns, labels },
        spec: {
          serviceName: n.sentinelHeadless,
          replicas: SENTINEL_COUNT,
          podManagementPolicy: "Parallel",
          selector: { matchLabels: sentinelSel },
          template: {
            metadata: { labels: { ...labels, ...sentinelSel } },
            spec: {
              serviceAccountName: n.sentinelStatefulSet,
              automountServiceAccountToken: false,
              securityContext: POD_SECURITY_CONTEXT,
              affinity: preferSpread(sentinelSel),
              containers: [
                {
                  name: "sentinel",
                  image,
                  command: ["sh", "/scripts/start-sentinel.sh"],
                  env: [...passwordEnv(password), ...topologyEnv],
                  ports: [{ name: "sentinel", containerPort: SENTINEL_PORT }],
                  resources: withEphemeral({ requests: { cpu: "20m", memory: "32Mi" }, limits: { cpu: "200m", memory: "64Mi" } }),
                  securityContext: CONTAINER_SECURITY_CONTEXT,
                  livenessProbe: {
                    exec: { command: pingProbe(SENTINEL_PORT) },
                    initialDelaySeconds: 10,
                    periodSeconds: 10,
                    timeoutSeconds: 5,
                  },
                  readinessProbe: { exec: { command: pingProbe(SENTINEL_PORT) }, periodSeconds: 5, timeoutSeconds: 3 },
                  volumeMounts: [{ name: "scripts", mountPath: "/scripts" }, ...sv.mounts],
                },
              ],
              volumes: [scriptVolume, ...sv.volumes],
            },
          },
        },
      },
      { parent, dependsOn: [sentinelSa] },
    );
    pdb(parent, `${name}-sentinel`, ns, labels, sentinelSel);
  }

  new k8s.networking.v1.NetworkPolicy(
    `${name}-netpol`,
    { metadata: { name: `${name}-redis`, namespace: ns, labels }, spec: networkPolicySpec(pick(labels), sentinel) },
    { parent },
  );

  const urlRef = createUrlSecret(
    parent,
    name,
    ns,
    labels,
    redisUrl({ tls: false, host: n.clientHost, port: REDIS_PORT, password: generated, db: 0 }),
  );
  return {
    endpoint: pulumi.output(n.clientHost),
    port: pulumi.output(REDIS_PORT),
    redisUrl: urlRef,
    password,
    env: appEnv(urlRef, password, sentinel ? { REDIS_SENTINELS: n.sentinels, REDIS_SENTINEL_MASTER: SENTINEL_MASTER_NAME } : {}),
  };
}

/** Adds ephemeral-storage to a container's CPU/memory requests and limits. */
function withEphemeral(r: { requests?: Record<string, string>; limits?: Record<string, string> }) {
  return {
    requests: { ...r.requests, ...EPHEMERAL_STORAGE.requests },
    limits: { ...r.limits, ...EPHEMERAL_STORAGE.limits },
  };
}

/** The component's identity labels (name + instance), the stable part of every selector. */
function pick(labels: Record<string, string>): Record<string, string> {
  return {
    "app.kubernetes.io/name": labels["app.kubernetes.io/name"]!,
    "app.kubernetes.io/instance": labels["app.kubernetes.io/instance"]!,
  };
}

function pdb(
  parent: pulumi.Resource,
  name: string,
  ns: string,
  labels: Record<string, string>,
  selector: Record<string, string>,
) {
  new k8s.policy.v1.PodDisruptionBudget(
    `${name}-pdb`,
    { metadata: { name, namespace: ns, labels }, spec: { maxUnavailable: 1, selector: { matchLabels: selector } } },
    { parent },
  );
}

/** Redis (and Sentinel) ports only from labelled clients and from this component's own pods. */
export function networkPolicySpec(own: Record<string, string>, sentinel: boolean) {
  const ports = [{ protocol: "TCP", port: REDIS_PORT }, ...(sentinel ? [{ protocol: "TCP", port: SENTINEL_PORT }] : [])];
  return {
    podSelector: { matchLabels: own },
    policyTypes: ["Ingress"],
    ingress: [
      { from: [{ podSelector: { matchLabels: { [REDIS_CLIENT_LABEL]: "true" } } }], ports },
      { from: [{ podSelector: { matchLabels: own } }], ports },
    ],
  };
}
