// Unit tests of stack config parsing: pure functions, no mocks. Every invalid case names the
// key path the user must change.
import { describe, expect, it } from "vitest";
import { formatProblems, parseConfig } from "../../infra/config";
import { validConfig } from "../helpers/config-fixture";

const base = (): Record<string, any> => validConfig();

/** Applies a dotted-path edit; `undefined` deletes the key. */
function edit(cfg: Record<string, any>, path: string, value: unknown): Record<string, any> {
  const keys = path.split(".");
  let node = cfg;
  for (const k of keys.slice(0, -1)) node = node[k] ??= {};
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return cfg;
}

function problemsOf(cfg: Record<string, unknown>, secrets: Set<string> = new Set()) {
  const r = parseConfig(cfg, secrets);
  return r.ok ? [] : r.problems;
}

// [what, edits, expected path, fragment of the message]
const invalid: Array<[string, Array<[string, unknown]>, string, string]> = [
  // types and enums
  ["missing environment", [["environment", undefined]], "environment", "required"],
  ["unknown environment", [["environment", "prod"]], "environment", "one of"],
  ["unknown data tier", [["dataTier", "cloud"]], "dataTier", "one of"],
  ["replicas as string", [["postgres.replicas", "two"]], "postgres.replicas", "must be a number"],
  ["negative replicas", [["postgres.replicas", -1]], "postgres.replicas", ">= 0"],
  ["fractional replicas", [["postgres.replicas", 1.5]], "postgres.replicas", "int"],
  ["too many replicas", [["postgres.replicas", 9]], "postgres.replicas", "<= 5"],
  ["unsupported postgres version", [["postgres.version", "12"]], "postgres.version", "one of"],
  ["bad instance class", [["postgres.instanceClass", "m5.large"]], "postgres.instanceClass", "RDS class"],
  ["storage too small", [["postgres.storageGb", 5]], "postgres.storageGb", ">= 20"],
  ["retention too long", [["postgres.backupRetentionDays", 40]], "postgres.backupRetentionDays", "<= 35"],
  ["bad database name", [["postgres.databaseName", "My-DB"]], "postgres.databaseName", "SQL identifier"],
  [
    "parameters not strings",
    [["postgres.parameters", { max_connections: 400 }]],
    "postgres.parameters.max_connections",
    "string",
  ],
  ["unknown postgres key", [["postgres.replica", 1]], "postgres.replica", "not a known key"],
  ["unknown top-level key", [["databse", {}]], "databse", "not a known key"],
  ["bad redis node type", [["redis.nodeType", "t4g.small"]], "redis.nodeType", "node type"],
  ["redis replicas negative", [["redis.replicas", -2]], "redis.replicas", ">= 0"],
  ["bad vpc id", [["network.vpcId", "vpc-1"]], "network.vpcId", "VPC id"],
  ["one subnet", [["network.subnetIds", ["subnet-0f1e2d3c4b5a60001"]]], "network.subnetIds", ">= 2"],
  [
    "bad security group",
    [["network.allowedSecurityGroupIds", ["default"]]],
    "network.allowedSecurityGroupIds.0",
    "security group id",
  ],
  ["bad cidr", [["network.allowedCidrs", ["10.0.0.0"]]], "network.allowedCidrs.0", "CIDR"],
  ["image without tag", [["release.blue.image", "ghcr.io/acme/app"]], "release.blue.image", "tag or digest"],
  ["image latest", [["release.green.image", "ghcr.io/acme/app:latest"]], "release.green.image", "latest"],
  ["active colour unknown", [["release.active", "red"]], "release.active", "one of"],
  ["canary over 100", [["release.canaryWeight", 150]], "release.canaryWeight", "<= 100"],
  ["migration mode unknown", [["release.migration", { mode: "drop" }]], "release.migration.mode", "one of"],
  ["app port privileged", [["app.port", 80]], "app.port", ">= 1024"],
  ["bad cpu quantity", [["app.resources", { cpu: "lots", memory: "256Mi" }]], "app.resources.cpu", "CPU quantity"],
  ["bad memory quantity", [["app.resources", { cpu: "250m", memory: "256MB" }]], "app.resources.memory", "memory quantity"],
  ["lowercase env name", [["app.env", { log_level: "x" }]], "app.env.log_level", "UPPER_SNAKE_CASE"],
  ["bad probe path", [["app.health", { liveness: "healthz" }]], "app.health.liveness", "absolute HTTP path"],
  ["bad hostname", [["gateway.hostname", "https://app"]], "gateway.hostname", "DNS name"],
  ["missing gateway", [["gateway", undefined]], "gateway", "required"],
  ["bad namespace", [["kubernetes.namespace", "Gantry_Prod"]], "kubernetes.namespace", "DNS label"],
  // environment rules (production)
  ["production without postgres replica", [["postgres.replicas", 0]], "postgres.replicas", "failover promotes"],
  ["production without redis replica", [["redis.replicas", 0]], "redis.replicas", ">= 1 in production"],
  ["production redis failover off", [["redis.failover", false]], "redis.failover", "production"],
  ["production single-AZ", [["postgres.multiAz", false]], "postgres.multiAz", "Multi-AZ"],
  [
    "production without deletion protection",
    [["postgres.deletionProtection", false]],
    "postgres.deletionProtection",
    "production",
  ],
  ["production short retention", [["postgres.backupRetentionDays", 3]], "postgres.backupRetentionDays", ">= 7 in production"],
  ["production single app replica", [["app.replicas", 1]], "app.replicas", ">= 2 in production"],
  ["hpa without max", [["app.hpa", { targetCpuPercent: 50 }]], "app.hpa.maxReplicas", "required"],
  // cross-field rules
  ["managed without network", [["network", undefined]], "network", "required when `dataTier` is managed"],
  [
    "managed with nothing allowed",
    [["network.allowedSecurityGroupIds", []]],
    "network.allowedSecurityGroupIds",
    "nothing could reach",
  ],
  ["world-open cidr", [["network.allowedCidrs", ["0.0.0.0/0"]]], "network.allowedCidrs.0", "everyone"],
  ["operator credentials on managed", [["postgres.credentials", "operator"]], "postgres.credentials", "in-cluster"],
  ["redis existing secret on managed", [["redis.existingSecret", { name: "r", key: "p" }]], "redis.existingSecret", "in-cluster"],
  [
    "max storage below storage",
    [
      ["postgres.storageGb", 100],
      ["postgres.maxStorageGb", 50],
    ],
    "postgres.maxStorageGb",
    ">= postgres.storageGb",
  ],
  [
    "hpa max below replicas",
    [
      ["app.replicas", 5],
      ["app.hpa", { maxReplicas: 4 }],
    ],
    "app.hpa.maxReplicas",
    ">= app.replicas",
  ],
  [
    "exclusive worker with 2 replicas",
    [
      ["worker.exclusive", true],
      ["worker.replicas", 2],
    ],
    "worker.replicas",
    "single consumer",
  ],
  ["both tls sources", [["gateway.tls", { issuer: { name: "le" }, secretName: "tls" }]], "gateway.tls", "exactly one"],
  ["no tls source", [["gateway.tls", {}]], "gateway.tls", "exactly one"],
  [
    "render mode with managed tier",
    [
      ["kubernetes.renderToDirectory", "out"],
      ["environment", "staging"],
    ],
    "dataTier",
    "in-cluster",
  ],
  [
    "render mode with app secrets",
    [
      ["kubernetes.renderToDirectory", "out"],
      ["appSecrets", { K: "x" }],
    ],
    "appSecrets",
    "plaintext files",
  ],
  [
    "render mode in production",
    [["kubernetes.renderToDirectory", "out"]],
    "kubernetes.renderToDirectory",
    "local rendering only",
  ],
  // release rules
  [
    "active colour without image",
    [
      ["release.active", "green"],
      ["release.green", {}],
    ],
    "release.green.image",
    "active colour",
  ],
  [
    "canary without idle image",
    [
      ["release.green", {}],
      ["release.canaryWeight", 10],
    ],
    "release.canaryWeight",
    "no image",
  ],
  ["release checklist off in production", [["release.checklist", false]], "release.checklist", "always enforces"],
  [
    "contract while rollback window open",
    [["release.migration", { mode: "contract", command: ["m"] }]],
    "release.migration",
    "rollback",
  ],
];

describe("parseConfig rejects invalid stack config, naming the key", () => {
  it("has at least 40 distinct invalid configurations", () => {
    expect(invalid.length).toBeGreaterThanOrEqual(40);
  });

  it.each(invalid)("%s", (_what, edits, path, fragment) => {
    const cfg = base();
    for (const [p, v] of edits) edit(cfg, p, v);
    const problems = problemsOf(cfg);
    const hit = problems.find((p) => p.path === path);
    expect(hit, `no problem at ${path}; got ${JSON.stringify(problems)}`).toBeDefined();
    expect(hit!.message).toContain(fragment);
  });
});

describe("parseConfig", () => {
  it("accepts the base production config and applies defaults", () => {
    const r = parseConfig(base());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.postgres.version).toBe("17");
    expect(r.config.postgres.credentials).toBe("generated");
    expect(r.config.kubernetes.namespace).toBe("gantry");
    expect(r.config.release.migration.mode).toBe("expand");
    expect(r.config.gateway.rateLimit).toEqual({ requestsPerSecond: 10, burst: 20 });
  });

  it("lets staging run single-instance", () => {
    const cfg = edit(
      edit(edit(edit(base(), "environment", "staging"), "postgres.replicas", 0), "redis.replicas", 0),
      "app.replicas",
      1,
    );
    expect(problemsOf(cfg)).toEqual([]);
  });

  it("reports every problem at once, type errors and rules together", () => {
    const cfg = edit(edit(edit(base(), "postgres.replicas", "x"), "redis.failover", false), "app.bogus", 1);
    const paths = problemsOf(cfg).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["postgres.replicas", "redis.failover", "app.bogus"]));
  });

  it("keeps an explicit 0 (idleReplicas) instead of replacing it with a default", () => {
    const r = parseConfig(edit(base(), "release.idleReplicas", 0));
    expect(r.ok && r.config.release.idleReplicas).toBe(0);
  });

  it("allows a contract migration once the previous colour no longer serves", () => {
    const cfg = edit(edit(base(), "release.idleReplicas", 0), "release.migration", { mode: "contract", command: ["m"] });
    expect(problemsOf(cfg)).toEqual([]);
  });

  it("refuses plaintext in secret keys and accepts secrets", () => {
    const cfg = edit(base(), "appSecrets", { API_KEY: "hunter2", SESSION_KEY: "[secret]" });
    const problems = problemsOf(cfg, new Set(["appSecrets.SESSION_KEY"]));
    expect(problems).toEqual([expect.objectContaining({ path: "appSecrets.API_KEY" })]);
    expect(problems[0]!.message).toContain("pulumi config set --secret");
    expect(problemsOf(cfg, new Set(["appSecrets"]))).toEqual([]);
  });

  it("formats problems with the gantry: namespace, one per line", () => {
    const text = formatProblems("production", [{ path: "postgres.replicas", message: "must be >= 0" }]);
    expect(text).toBe('Invalid stack config for "production" (1 problem):\n  - gantry:postgres.replicas: must be >= 0');
  });
});
