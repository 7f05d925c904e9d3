/**
 * The shape of every `gantry:*` stack config key, as zod schemas with defaults.
 * Cross-field and per-environment rules live in ./rules.ts; this file is types and ranges only.
 */
import { z } from "zod";
import { smokeSchema } from "./smoke";
import { COLOURS, DATA_TIERS, ENVIRONMENTS } from "../../components/common/types";
import { backupsSchema, postgresRestoreSchema, retireCurrentSchema, serveFromSchema } from "./backups";
import { alertingKeys } from "./alerting";
import { jobsSchema } from "./jobs";
import { networkEgressKeys } from "./network";
import { hardeningSchema } from "./hardening";
import { accessSchema } from "./access";

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/** Kubernetes quantities such as "250m", "1", "512Mi", "2Gi". */
const cpu = z.string().regex(/^\d+(\.\d+)?m?$/, "must be a CPU quantity such as 250m or 1");
const memory = z.string().regex(/^\d+(Ki|Mi|Gi|Ti)$/, "must be a memory quantity such as 256Mi or 2Gi");

const resources = z
  .object({
    cpu: cpu.describe("CPU request"),
    memory: memory.describe("memory request and limit"),
    cpuLimit: cpu.optional().describe("CPU limit; unset means no CPU throttling"),
  })
  .strict();

/** A container image reference that names a tag, a digest or both (never implicit `latest`). */
export const imageRef = z
  .string()
  .regex(
    /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:[\w][\w.-]{0,127}(@sha256:[a-f0-9]{64})?|@sha256:[a-f0-9]{64})$/,
    "must be an image reference with a tag or digest, e.g. ghcr.io/acme/app:1.4.2",
  )
  .refine((s) => !s.endsWith(":latest"), "must not use the mutable tag `latest`; pin a version or digest");

const cidr = z.string().regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, "must be an IPv4 CIDR such as 10.0.0.0/16");

export const networkSchema = z
  .object({
    // Required by the managed tier only (rule in ./rules.ts): in-cluster stacks may set just `egress`.
    vpcId: z
      .string()
      .regex(/^vpc-[0-9a-f]{8,17}$/, "must be a VPC id such as vpc-0abc1234")
      .optional(),
    subnetIds: z
      .array(z.string().regex(/^subnet-[0-9a-f]{8,17}$/, "must be a subnet id"))
      .min(2)
      .optional(),
    allowedSecurityGroupIds: z.array(z.string().regex(/^sg-[0-9a-f]{8,17}$/, "must be a security group id")).default([]),
    allowedCidrs: z.array(cidr).default([]),
    ...networkEgressKeys,
  })
  .strict();

export const postgresSchema = z
  .object({
    version: z.enum(["15", "16", "17"]).default("17"),
    replicas: int(0, 5).default(0),
    instanceClass: z
      .string()
      .regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, "must be an RDS class such as db.t4g.medium")
      .default("db.t4g.medium"),
    storageGb: int(20, 65536).default(20),
    maxStorageGb: int(20, 65536).optional(),
    storageClass: z.string().optional(),
    parameters: z.record(z.string(), z.string()).default({}),
    backupRetentionDays: int(1, 35).optional(),
    multiAz: z.boolean().optional(),
    deletionProtection: z.boolean().optional(),
    synchronousReplication: z.boolean().optional(),
    databaseName: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a lowercase SQL identifier")
      .default("app"),
    username: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a lowercase SQL identifier")
      .default("app"),
    resources: resources.optional(),
    credentials: z.enum(["generated", "operator"]).default("generated"),
    /** Point-in-time restore into a new database next to the current one (rules: ./restore.ts). */
    restore: postgresRestoreSchema.optional(),
    serveFrom: serveFromSchema,
    /** After a cut-over: `unprotect`, then `delete` the database that no longer serves (rules: ./restore.ts). */
    retireCurrent: retireCurrentSchema,
  })
  .strict();

export const redisSchema = z
  .object({
    version: z.enum(["7.1"]).default("7.1"),
    replicas: int(0, 5).default(0),
    failover: z.boolean().optional(),
    nodeType: z
      .string()
      .regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, "must be a node type such as cache.t4g.small")
      .default("cache.t4g.small"),
    snapshotRetentionDays: int(0, 35).optional(),
    storageGb: int(1, 1024).default(5),
    storageClass: z.string().optional(),
    resources: resources.optional(),
    existingSecret: z
      .object({ name: z.string().min(1), key: z.string().min(1) })
      .strict()
      .optional(),
  })
  .strict();

const slot = z.object({ image: imageRef.optional() }).strict();

export const releaseSchema = z
  .object({
    active: z.enum(COLOURS).default("blue"),
    blue: slot.default({}),
    green: slot.default({}),
    canaryWeight: int(0, 100).optional(),
    idleReplicas: int(0, 100).optional(),
    migration: z
      .object({
        command: z.array(z.string().min(1)).min(1).optional(),
        mode: z.enum(["expand", "contract"]).default("expand"),
      })
      .strict()
      .default({ mode: "expand" }),
    smoke: smokeSchema.optional(),
    /** Enforce the release checklist on switch/promote. @default true in production, else false */
    checklist: z.boolean().optional(),
  })
  .strict();

const probePath = z.string().regex(/^\/[\w./-]*$/, "must be an absolute HTTP path such as /healthz");

export const appSchema = z
  .object({
    replicas: int(1, 100).default(2),
    port: int(1024, 65535).default(8080),
    resources: resources.default({ cpu: "250m", memory: "256Mi" }),
    /** Autoscaling of each running colour; its floor is `replicas` (idle: release.idleReplicas). */
    hpa: z
      .object({ maxReplicas: int(1, 500), targetCpuPercent: int(10, 100).default(70) })
      .strict()
      .optional(),
    env: z.record(z.string().regex(/^[A-Z_][A-Z0-9_]*$/, "env names are UPPER_SNAKE_CASE"), z.string()).default({}),
    health: z
      .object({ liveness: probePath.default("/livez"), readiness: probePath.default("/readyz") })
      .strict()
      .default({ liveness: "/livez", readiness: "/readyz" }),
  })
  .strict();

export const workerSchema = z
  .object({
    enabled: z.boolean().default(true),
    replicas: int(1, 100).default(1),
    concurrency: int(1, 1000).default(4),
    exclusive: z.boolean().default(false),
    command: z.array(z.string().min(1)).min(1).optional(),
    healthPort: int(1024, 65535).default(9090),
    resources: resources.default({ cpu: "100m", memory: "256Mi" }),
    env: z.record(z.string().regex(/^[A-Z_][A-Z0-9_]*$/, "env names are UPPER_SNAKE_CASE"), z.string()).default({}),
  })
  .strict();

const hostname = z
  .string()
  .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/, "must be a DNS name such as app.example.com");

export const gatewaySchema = z
  .object({
    hostname,
    className: z.string().default("nginx"),
    install: z.boolean().default(true),
    tls: z
      .object({
        issuer: z
          .object({ name: z.string().min(1), kind: z.enum(["ClusterIssuer", "Issuer"]).default("ClusterIssuer") })
          .strict()
          .optional(),
        secretName: z.string().min(1).optional(),
      })
      .strict(),
    rateLimit: z
      .object({ requestsPerSecond: int(1, 100000).default(10), burst: int(0, 100000).default(20) })
      .strict()
      .default({ requestsPerSecond: 10, burst: 20 }),
    maxBodySize: z
      .string()
      .regex(/^\d+[km]?$/, "must be an nginx size such as 10m")
      .default("10m"),
    requestTimeoutSeconds: int(1, 3600).default(30),
  })
  .strict();

export const kubernetesSchema = z
  .object({
    namespace: z
      .string()
      .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, "must be a DNS label")
      .default("gantry"),
    /** Render manifests to this directory instead of applying them (the `local` stack). */
    renderToDirectory: z.string().min(1).optional(),
  })
  .strict();

/** Keys whose values must be Pulumi secrets (`pulumi config set --secret`). */
export const SECRET_KEYS = ["appSecrets"] as const;

export const configSchema = z
  .object({
    environment: z.enum(ENVIRONMENTS),
    dataTier: z.enum(DATA_TIERS),
    network: networkSchema.optional(),
    kubernetes: kubernetesSchema.default({ namespace: "gantry" }),
    postgres: postgresSchema.default(postgresSchema.parse({})),
    redis: redisSchema.default(redisSchema.parse({})),
    release: releaseSchema.default(releaseSchema.parse({})),
    app: appSchema.default(appSchema.parse({})),
    worker: workerSchema.default(workerSchema.parse({})),
    gateway: gatewaySchema,
    backups: backupsSchema.prefault({}),
    ...alertingKeys,
    jobs: jobsSchema({ image: imageRef, resources }),
    hardening: hardeningSchema.prefault({}),
    access: accessSchema.prefault({}),
    appSecrets: z.record(z.string().regex(/^[A-Z_][A-Z0-9_]*$/, "secret names are UPPER_SNAKE_CASE"), z.string()).default({}),
  })
  .strict();

/** Stack config after parsing: every default applied. */
export type GantryConfig = z.output<typeof configSchema>;
