/**
 * Cross-field and per-environment rules over parsed config. A rule table (as in CDK's
 * validate-database-cluster-props): each rule returns its problems, all are reported together.
 */
import type { GantryConfig } from "./schema";

import type { Problem } from "../../components/common/types";
export type { Problem } from "../../components/common/types";

type Rule = (c: GantryConfig) => Problem[];

const when = (cond: boolean, path: string, message: string): Problem[] => (cond ? [{ path, message }] : []);
const prod = (c: GantryConfig) => c.environment === "production";

const productionRules: Rule[] = [
  (c) =>
    when(
      prod(c) && c.postgres.replicas < 1,
      "postgres.replicas",
      "must be >= 1 in production (a replica is what failover promotes); set `postgres.replicas: 1`",
    ),
  (c) =>
    when(
      prod(c) && c.redis.replicas < 1,
      "redis.replicas",
      "must be >= 1 in production (Redis failover needs a replica to promote); set `redis.replicas: 1`",
    ),
  (c) =>
    when(prod(c) && c.redis.failover === false, "redis.failover", "must not be false in production; remove it or set it to true"),
  (c) =>
    when(
      prod(c) && c.dataTier === "managed" && c.postgres.multiAz === false,
      "postgres.multiAz",
      "must not be false in production (Multi-AZ survives an AZ outage); remove it",
    ),
  (c) =>
    when(
      prod(c) && c.postgres.deletionProtection === false,
      "postgres.deletionProtection",
      "must not be false in production; remove it (deletion protection is on by default there)",
    ),
  (c) =>
    when(
      prod(c) && (c.postgres.backupRetentionDays ?? 14) < 7,
      "postgres.backupRetentionDays",
      "must be >= 7 in production (point-in-time recovery window); raise it",
    ),
  (c) =>
    when(prod(c) && c.app.replicas < 2, "app.replicas", "must be >= 2 in production (one pod is one failure from an outage)"),
];

const dataTierRules: Rule[] = [
  (c) =>
    when(
      c.dataTier === "managed" && !c.network,
      "network",
      "is required when `dataTier` is managed: set vpcId, subnetIds and allowedSecurityGroupIds or allowedCidrs",
    ),
  (c) =>
    when(
      c.dataTier === "managed" && !!c.network && c.network.allowedSecurityGroupIds.length + c.network.allowedCidrs.length === 0,
      "network.allowedSecurityGroupIds",
      "must name the cluster's security group (or set network.allowedCidrs): nothing could reach the databases",
    ),
  (c) =>
    (c.network?.allowedCidrs ?? []).flatMap((cidr, i) =>
      when(
        cidr.endsWith("/0"),
        `network.allowedCidrs.${i}`,
        `${cidr} opens the databases to everyone; use the cluster's CIDR or security group`,
      ),
    ),
  (c) =>
    when(
      c.dataTier === "managed" && c.postgres.credentials === "operator",
      "postgres.credentials",
      "`operator` works only with `dataTier: in-cluster` (CloudNativePG generates the password); use `generated`",
    ),
  (c) =>
    when(
      c.dataTier === "managed" && c.redis.existingSecret !== undefined,
      "redis.existingSecret",
      "works only with `dataTier: in-cluster`; remove it (ElastiCache gets a generated auth token)",
    ),
  (c) =>
    when(
      c.redis.failover === true && c.redis.replicas < 1,
      "redis.failover",
      "needs `redis.replicas` >= 1 (there is nothing to fail over to)",
    ),
  (c) =>
    when(
      c.postgres.synchronousReplication === true && c.postgres.replicas < 1,
      "postgres.synchronousReplication",
      "needs `postgres.replicas` >= 1",
    ),
  (c) =>
    when(
      c.postgres.maxStorageGb !== undefined && c.postgres.maxStorageGb < c.postgres.storageGb,
      "postgres.maxStorageGb",
      `must be >= postgres.storageGb (${c.postgres.storageGb})`,
    ),
];

const renderRules: Rule[] = [
  // Render mode writes every Secret to disk in plaintext, so nothing may generate one.
  (c) =>
    when(
      !!c.kubernetes.renderToDirectory && c.dataTier !== "in-cluster",
      "dataTier",
      "must be `in-cluster` when kubernetes.renderToDirectory is set (manifests only)",
    ),
  (c) =>
    when(
      !!c.kubernetes.renderToDirectory && c.postgres.credentials !== "operator",
      "postgres.credentials",
      "must be `operator` when kubernetes.renderToDirectory is set: rendered Secrets are plaintext files",
    ),
  (c) =>
    when(
      !!c.kubernetes.renderToDirectory && c.redis.existingSecret === undefined,
      "redis.existingSecret",
      "is required when kubernetes.renderToDirectory is set: rendered Secrets are plaintext files",
    ),
  (c) =>
    when(
      !!c.kubernetes.renderToDirectory && Object.keys(c.appSecrets).length > 0,
      "appSecrets",
      "must be empty when kubernetes.renderToDirectory is set: rendered Secrets are plaintext files",
    ),
  (c) =>
    when(
      !!c.kubernetes.renderToDirectory && c.environment === "production",
      "kubernetes.renderToDirectory",
      "is for local rendering only; remove it in production",
    ),
];

const serviceRules: Rule[] = [
  (c) =>
    when(
      !!c.app.hpa && c.app.replicas > c.app.hpa.maxReplicas,
      "app.hpa.maxReplicas",
      `must be >= app.replicas (${c.app.replicas}), the autoscaler's floor`,
    ),
  (c) =>
    when(
      c.worker.exclusive && c.worker.replicas !== 1,
      "worker.replicas",
      "must be 1 when worker.exclusive is true (a single consumer)",
    ),
  (c) =>
    when(
      !c.gateway.tls.issuer === !c.gateway.tls.secretName,
      "gateway.tls",
      "set exactly one of gateway.tls.issuer (cert-manager) or gateway.tls.secretName (an existing TLS Secret)",
    ),
];

/** Every rule, in reporting order. Release rules come from the release helpers (see index.ts). */
export const RULES: readonly Rule[] = [...productionRules, ...dataTierRules, ...renderRules, ...serviceRules];

/** Runs every rule and returns all problems. */
export function checkRules(c: GantryConfig): Problem[] {
  return RULES.flatMap((r) => r(c));
}
