/**
 * A valid production stack config as `parseConfig` takes it (the raw `gantry:` keys): the start
 * of the config unit tests, which then break one key per case. `objectStore` adds the in-cluster
 * backups bucket the restore rules need.
 */
export function validConfig(
  o: { tier?: "managed" | "in-cluster"; environment?: string; objectStore?: boolean } = {},
): Record<string, any> {
  return {
    environment: o.environment ?? "production",
    dataTier: o.tier ?? "managed",
    network: {
      vpcId: "vpc-0f1e2d3c4b5a69788",
      subnetIds: ["subnet-0f1e2d3c4b5a60001", "subnet-0f1e2d3c4b5a60002"],
      allowedSecurityGroupIds: ["sg-0f1e2d3c4b5a60bbb"],
      dataCidrs: ["10.20.0.0/16"],
    },
    postgres: { replicas: 1 },
    redis: { replicas: 1 },
    app: { replicas: 2 },
    gateway: { hostname: "app.example.com", tls: { issuer: { name: "letsencrypt" } } },
    ...(o.objectStore ? { backups: { objectStore: { bucket: "acme-backups" } } } : {}),
    release: {
      active: "blue",
      blue: { image: `ghcr.io/acme/app:1.0.0@sha256:${"1".repeat(64)}` },
      green: { image: `ghcr.io/acme/app:0.9.0@sha256:${"0".repeat(64)}` },
    },
    // Production must page someone on critical alerts, and (managed) subscribe to the SNS topic.
    alerting: {
      receivers: { oncall: { pagerduty: { routingKey: { existingSecret: { name: "pagerduty", key: "routing-key" } } } } },
      sns: { subscriptions: [{ name: "oncall", protocol: "email", endpoint: "oncall@example.com" }] },
    },
  };
}
