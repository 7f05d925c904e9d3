// gantry:access: groups and IAM role ARNs per role, with every bad value reported by key path.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../infra/config";

const base = (access: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  environment: "staging",
  dataTier: "managed",
  network: {
    vpcId: "vpc-0a1b2c3d",
    subnetIds: ["subnet-0a1b2c3d", "subnet-0a1b2c3e"],
    allowedSecurityGroupIds: ["sg-0a1b2c3d"],
    dataCidrs: ["10.0.0.0/16"],
  },
  gateway: { hostname: "app.example.com", tls: { issuer: { name: "letsencrypt" } } },
  release: { blue: { image: "ghcr.io/acme/app:1.4.1" } },
  ...(access === undefined ? {} : { access }),
  ...extra,
});
const parse = (c: Record<string, unknown>) => {
  const r = parseConfig(c);
  return r.ok ? { config: r.config, problems: [] } : { config: undefined, problems: r.problems };
};
const paths = (c: Record<string, unknown>) => parse(c).problems.map((p) => `${p.path}: ${p.message}`);

describe("gantry:access", () => {
  it("defaults every role to no members (Roles exist, nothing is bound)", () => {
    expect(parse(base(undefined)).config!.access).toEqual({
      administrator: { groups: [], iamPrincipals: [] },
      operator: { groups: [], iamPrincipals: [] },
      analyst: { groups: [], iamPrincipals: [] },
    });
  });

  it("parses groups and role ARNs, with paths", () => {
    const access = {
      operator: { groups: ["oidc:sre"], iamPrincipals: ["arn:aws:iam::123456789012:role/teams/sre/Operator"] },
      analyst: { groups: ["analysts@example.com"] },
    };
    const c = parse(base(access)).config!;
    expect(c.access.operator).toEqual(access.operator);
    expect(c.access.analyst).toEqual({ groups: ["analysts@example.com"], iamPrincipals: [] });
  });

  it("names an unknown role and lists the real ones", () => {
    expect(paths(base({ auditor: { groups: ["x"] } }))).toEqual([
      "access.auditor: is not a role; Gantry's roles are administrator, operator, analyst",
    ]);
  });

  it("refuses an empty or spaced group name at its index", () => {
    expect(paths(base({ operator: { groups: ["oidc:sre", ""] }, analyst: { groups: ["data team"] } }))).toEqual([
      "access.operator.groups.1: must be a non-empty group name without spaces, e.g. oidc:platform-admins",
      "access.analyst.groups.0: must be a non-empty group name without spaces, e.g. oidc:platform-admins",
    ]);
  });

  it.each([
    ["a user ARN", "arn:aws:iam::123456789012:user/alice"],
    ["a short account id", "arn:aws:iam::12345:role/Operator"],
    ["a role name alone", "Operator"],
    ["another service", "arn:aws:sts::123456789012:assumed-role/Operator/alice"],
  ])("refuses %s as an IAM principal", (_, arn) => {
    expect(paths(base({ operator: { iamPrincipals: [arn] } }))).toEqual([
      "access.operator.iamPrincipals.0: must be an IAM role ARN such as arn:aws:iam::123456789012:role/PlatformOperators",
    ]);
  });

  it("refuses unknown keys inside a role", () => {
    expect(paths(base({ analyst: { users: ["bob"] } }))[0]).toMatch(/^access\.analyst\.users: is not a known key/);
  });

  it("refuses a subject listed twice", () => {
    expect(paths(base({ analyst: { groups: ["a", "a"] } }))).toEqual(['access.analyst.groups: lists "a" twice; remove one']);
  });

  it("refuses an application database owner named like an access database role", () => {
    expect(paths(base(undefined, { postgres: { username: "analyst" } }))).toEqual([
      'postgres.username: "analyst" is the name of an access database role; choose another owner name such as app',
    ]);
  });

  it("reports access problems together with other keys' problems", () => {
    expect(paths(base({ auditor: {} }, { app: { replicas: 0 } })).map((p) => p.split(":")[0])).toEqual(
      expect.arrayContaining(["access.auditor", "app.replicas"]),
    );
  });
});
