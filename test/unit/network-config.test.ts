// gantry:network.egress / dataCidrs: the metadata endpoint is never allowed; managed names its data CIDRs.
import { describe, expect, it } from "vitest";
import { cidrContains, egressTo, ipBlock, metadataIn, objectStoreEgress } from "../../components/common/network";
import { egressPolicies } from "../../components/network/allows";
import { parseConfig } from "../../infra/config";
import { pushgatewayEgress } from "../../infra/network";

const DIGEST = `@sha256:${"c".repeat(64)}`;
const cfg = (network: Record<string, unknown> | undefined, dataTier = "in-cluster"): Record<string, unknown> => ({
  environment: "production",
  dataTier,
  ...(network ? { network } : {}),
  postgres: { replicas: 1 },
  redis: { replicas: 1 },
  app: { replicas: 2 },
  gateway: { hostname: "app.example.com", tls: { issuer: { name: "letsencrypt" } } },
  release: { active: "blue", blue: { image: `ghcr.io/acme/app:1.4.1${DIGEST}` } },
  // Production pages someone and (managed) subscribes to the alarm topic.
  alerting: {
    receivers: { oncall: { pagerduty: { routingKey: { existingSecret: { name: "pagerduty", key: "routing-key" } } } } },
    sns: { subscriptions: [{ name: "oncall", protocol: "email", endpoint: "oncall@example.com" }] },
  },
});
const problems = (c: Record<string, unknown>) => {
  const r = parseConfig(c);
  return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
};
const api = (cidrs: string[], name = "api") => ({ name, cidrs, ports: [443] });

describe("network.egress", () => {
  it("is accepted on the in-cluster tier without any VPC key", () => {
    expect(problems(cfg({ egress: [api(["203.0.113.0/24", "2001:db8::/32"])] }))).toEqual([]);
  });
  it("refuses CIDRs that contain the metadata endpoint, naming the entry and the CIDR", () => {
    expect(
      problems(cfg({ egress: [api(["203.0.113.0/24", "0.0.0.0/0"]), api(["169.254.0.0/16"], "b"), api(["::/0"], "c")] })),
    ).toEqual([
      "network.egress.0.cidrs.1: 0.0.0.0/0 contains the cloud metadata endpoint 169.254.169.254 (node credentials): list the API's own addresses instead",
      "network.egress.1.cidrs.0: 169.254.0.0/16 contains the cloud metadata endpoint 169.254.169.254 (node credentials): list the API's own addresses instead",
      "network.egress.2.cidrs.0: ::/0 contains the cloud metadata endpoint fd00:ec2::254 (node credentials): list the API's own addresses instead",
    ]);
  });
  it("refuses duplicate names, non-CIDRs and entries without ports", () => {
    expect(problems(cfg({ egress: [api(["203.0.113.0/24"]), api(["198.51.100.0/24"])] }))).toEqual([
      'network.egress.1.name: "api" is used twice: names must be unique',
    ]);
    expect(problems(cfg({ egress: [api(["203.0.113.0"])] }))[0]).toMatch(
      /^network\.egress\.0\.cidrs\.0: must be an IPv4 or IPv6 CIDR/,
    );
    expect(problems(cfg({ egress: [{ name: "x", cidrs: ["203.0.113.0/24"], ports: [] }] }))[0]).toMatch(
      /^network\.egress\.0\.ports: /,
    );
  });
});

describe("network on the managed tier", () => {
  const managed = {
    vpcId: "vpc-0f1e2d3c4b5a69788",
    subnetIds: ["subnet-0f1e2d3c4b5a60001", "subnet-0f1e2d3c4b5a60002"],
    allowedSecurityGroupIds: ["sg-0f1e2d3c4b5a60bbb"],
  };
  it("requires dataCidrs (egress to RDS/ElastiCache is allowed only there)", () => {
    expect(problems(cfg(managed, "managed"))).toEqual([
      "network.dataCidrs: is required when `dataTier` is managed: egress is denied by default, so pods reach RDS and ElastiCache only in these CIDRs (the data subnets' or the VPC's, e.g. [10.0.0.0/16])",
    ]);
    expect(problems(cfg({ ...managed, dataCidrs: ["10.20.0.0/16"] }, "managed"))).toEqual([]);
  });
  it("still requires vpcId and subnetIds, now that they are optional for in-cluster stacks", () => {
    expect(
      problems(cfg({ dataCidrs: ["10.20.0.0/16"], allowedSecurityGroupIds: ["sg-0f1e2d3c4b5a60bbb"] }, "managed")).map(
        (p) => p.split(":")[0],
      ),
    ).toEqual(["network.vpcId", "network.subnetIds"]);
  });
  it("refuses a dataCidr containing the metadata endpoint", () => {
    expect(problems(cfg({ ...managed, dataCidrs: ["169.254.0.0/16"] }, "managed"))[0]).toMatch(/^network\.dataCidrs\.0: /);
  });
});

describe("ipBlock and the metadata endpoint", () => {
  it("excepts the metadata address of the block's own family, and only when the block holds it", () => {
    expect(ipBlock("0.0.0.0/0")).toEqual({ ipBlock: { cidr: "0.0.0.0/0", except: ["169.254.169.254/32"] } });
    expect(ipBlock("fd00::/8")).toEqual({ ipBlock: { cidr: "fd00::/8", except: ["fd00:ec2::254/128"] } });
    expect(ipBlock("10.0.0.0/8")).toEqual({ ipBlock: { cidr: "10.0.0.0/8" } });
    expect(metadataIn("169.254.169.0/24")).toEqual(["169.254.169.254"]);
    expect(cidrContains("169.254.169.255/32", "169.254.169.254")).toBe(false);
  });
  it("allows the object store by the endpoint's port, narrowed to an IP endpoint", () => {
    expect(objectStoreEgress("s3", "ns", { a: "b" }, {})).toMatchObject({
      to: [{ cidrs: ["0.0.0.0/0", "::/0"] }],
      ports: [{ port: 443 }],
    });
    expect(objectStoreEgress("s3", "ns", {}, { endpoint: "http://10.1.2.3:9000" })).toMatchObject({
      to: [{ cidrs: ["10.1.2.3/32"] }],
      ports: [{ port: 9000 }],
    });
    expect(objectStoreEgress("s3", "ns", {}, { endpoint: "https://minio.example.com" }).ports).toEqual([{ port: 443 }]);
  });
});

describe("egress builders", () => {
  const allow = { name: "egress-x", namespace: "ns", from: { a: "b" }, to: [{ pods: { c: "d" } }], ports: [{ port: 80 }] };
  it("refuse an allow with no destination (an empty `to` would admit everything)", () => {
    expect(() => egressTo({ ...allow, to: [] })).toThrow('egress allow "egress-x" has no destination');
  });
  it("refuse two allows with one name (the second would silently replace the first)", () => {
    expect(() => egressPolicies("ns", {}, [allow, allow])).toThrow('two egress allows are named "egress-x"');
  });
  it("put the default deny first, egress-only, selecting every pod", () => {
    const [deny, first] = egressPolicies("ns", { l: "v" }, [allow]);
    expect(deny!.spec).toEqual({ podSelector: {}, policyTypes: ["Egress"] });
    expect(first!.spec).toEqual({
      podSelector: { matchLabels: { a: "b" } },
      policyTypes: ["Egress"],
      egress: [{ to: [{ podSelector: { matchLabels: { c: "d" } } }], ports: [{ port: 80, protocol: "TCP" }] }],
    });
  });
});

describe("pushgatewayEgress", () => {
  const to = (url: string) => pushgatewayEgress("p", "ns", {}, url);
  it("reaches a cluster Service in its namespace on its port, an IP as itself, any other host by port", () => {
    expect(to("http://pushgateway.monitoring.svc:9091")).toMatchObject({
      to: [{ namespace: "monitoring" }],
      ports: [{ port: 9091 }],
    });
    expect(to("http://10.0.0.7:9091").to).toEqual([{ cidrs: ["10.0.0.7/32"] }]);
    expect(to("https://push.example.com")).toMatchObject({ to: [{ cidrs: ["0.0.0.0/0", "::/0"] }], ports: [{ port: 443 }] });
    // Wide blocks still never reach the metadata endpoint (ipBlock adds the except).
    expect(ipBlock("0.0.0.0/0").ipBlock.except).toContain("169.254.169.254/32");
  });
});
