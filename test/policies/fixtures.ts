/** Valid fixtures shared by policy tests: each test breaks exactly one field of a copy. */

/** An RDS primary that satisfies every RDS policy. */
/** A customer-managed KMS key (kms-customer-managed-key). */
export const CMK_ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

export const rdsPrimary = {
  engine: "postgres",
  engineVersion: "17.4",
  instanceClass: "db.m7g.large",
  storageEncrypted: true,
  kmsKeyId: CMK_ARN,
  publiclyAccessible: false,
  deletionProtection: true,
  backupRetentionPeriod: 7,
  multiAz: true,
  skipFinalSnapshot: false,
  finalSnapshotIdentifier: "db-final",
  deleteAutomatedBackups: false,
  performanceInsightsEnabled: true,
  performanceInsightsKmsKeyId: CMK_ARN,
};

/** A read replica of {@link rdsPrimary} (by identifier). */
export const rdsReplica = {
  engine: "postgres",
  instanceClass: "db.m7g.large",
  replicateSourceDb: "db-primary",
  publiclyAccessible: false,
  deletionProtection: true,
  skipFinalSnapshot: true,
  performanceInsightsEnabled: true,
  performanceInsightsKmsKeyId: CMK_ARN,
};

/** An ElastiCache replication group that satisfies every ElastiCache policy. */
export const replicationGroup = {
  engine: "valkey",
  description: "cache",
  transitEncryptionEnabled: true,
  atRestEncryptionEnabled: true,
  kmsKeyId: CMK_ARN,
  authToken: "[secret]",
  automaticFailoverEnabled: true,
  multiAzEnabled: true,
  numCacheClusters: 2,
};

/** A bucket with every companion resource the S3 policies require, as stack fixtures. */
export function bucketStack(): Array<{
  type: string;
  name: string;
  props: Record<string, any>;
  deps?: string[];
  protect?: boolean;
}> {
  return [
    {
      type: "aws:s3/bucket:Bucket",
      name: "backups",
      props: { bucket: "acme-backups", tags: { "gantry.dev/purpose": "backups" } },
      protect: true,
    },
    {
      type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      name: "backups-pab",
      props: {
        bucket: "acme-backups",
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      deps: ["backups"],
    },
    {
      type: "aws:s3/bucketVersioning:BucketVersioning",
      name: "backups-versioning",
      props: { bucket: "acme-backups", versioningConfiguration: { status: "Enabled" } },
      deps: ["backups"],
    },
    {
      type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      name: "backups-sse",
      props: { bucket: "acme-backups", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] },
      deps: ["backups"],
    },
    {
      type: "aws:s3/bucketPolicy:BucketPolicy",
      name: "backups-policy",
      props: {
        bucket: "acme-backups",
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "DenyInsecureTransport",
              Effect: "Deny",
              Principal: "*",
              Action: "s3:*",
              Resource: ["arn:aws:s3:::acme-backups", "arn:aws:s3:::acme-backups/*"],
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
          ],
        }),
      },
      deps: ["backups"],
    },
  ];
}

/** A container that satisfies every container rule. */
export function container(name = "app", image = `ghcr.io/acme/api:1.4.2@sha256:${"a".repeat(64)}`): Record<string, any> {
  return {
    name,
    image,
    resources: {
      requests: { cpu: "250m", memory: "256Mi", "ephemeral-storage": "256Mi" },
      limits: { memory: "256Mi", "ephemeral-storage": "1Gi" },
    },
    livenessProbe: { httpGet: { path: "/livez", port: 8080 } },
    readinessProbe: { httpGet: { path: "/readyz", port: 8080 } },
    securityContext: {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    },
  };
}

/** A blue-green web slot Deployment that satisfies every workload rule. */
export function deployment(service = "api", colour = "blue", replicas = 2): Record<string, any> {
  const labels = { "app.kubernetes.io/name": service, "gantry.dev/slot": colour };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: `${service}-${colour}`, namespace: "gantry", labels: { ...labels, "app.kubernetes.io/component": "web" } },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: service,
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true },
          containers: [container()],
          volumes: [{ name: "tmp", emptyDir: { sizeLimit: "256Mi" } }],
        },
      },
    },
  };
}

/** A CronJob (pod template under spec.jobTemplate.spec.template) with a valid container. */
export function cronJob(): Record<string, any> {
  const c = container("backup-check");
  delete c.livenessProbe;
  delete c.readinessProbe;
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "restore-drill", namespace: "gantry" },
    spec: {
      schedule: "0 3 * * *",
      jobTemplate: {
        spec: {
          template: {
            spec: {
              serviceAccountName: "restore-drill",
              automountServiceAccountToken: false,
              restartPolicy: "OnFailure",
              containers: [c],
            },
          },
        },
      },
    },
  };
}

export const GATEWAY = "kubernetes:gateway.networking.k8s.io/v1:Gateway";
export const HTTPROUTE = "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute";

/** A Gateway with an HTTPS listener (certificate from a Secret) and a plain HTTP listener. */
export function gateway(): Record<string, any> {
  return {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "Gateway",
    metadata: { name: "gantry", namespace: "gantry" },
    spec: {
      gatewayClassName: "nginx",
      listeners: [
        {
          name: "https",
          protocol: "HTTPS",
          port: 443,
          hostname: "app.example.com",
          tls: { mode: "Terminate", certificateRefs: [{ kind: "Secret", name: "app-tls" }] },
        },
        { name: "http", protocol: "HTTP", port: 80, hostname: "app.example.com" },
      ],
    },
  };
}

/** The redirect route attached to the HTTP listener. */
export function redirectRoute(): Record<string, any> {
  return {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name: "https-redirect", namespace: "gantry" },
    spec: {
      parentRefs: [{ name: "gantry", sectionName: "http" }],
      hostnames: ["app.example.com"],
      rules: [{ filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] }],
    },
  };
}

/** The service route on the HTTPS listener: default rule to the active colour, preview rule by header. */
export function appRoute(active = "blue", idle = "green"): Record<string, any> {
  return {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name: "api", namespace: "gantry" },
    spec: {
      parentRefs: [{ name: "gantry", sectionName: "https" }],
      hostnames: ["app.example.com"],
      rules: [
        {
          matches: [{ path: { type: "PathPrefix", value: "/" }, headers: [{ name: "x-gantry-preview", value: "1" }] }],
          backendRefs: [{ name: `api-${idle}`, port: 80 }],
        },
        { matches: [{ path: { type: "PathPrefix", value: "/" } }], backendRefs: [{ name: `api-${active}`, port: 80 }] },
      ],
    },
  };
}
