// Gateway and its routes under the recording mock runtime.
import { beforeAll, describe, expect, it } from "vitest";
import { Gateway as GatewayModel } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Gateway";
import { type Capture, one, plain, startCapture } from "../helpers/pulumi";
import { schemaErrors } from "../helpers/k8s-schema";

let cap: Capture;
let gw: typeof import("../../components/gateway");
// A CustomResource registers as `kubernetes:<apiVersion>:<kind>`.
const GW = "kubernetes:gateway.networking.k8s.io/v1:Gateway";
const ROUTE = "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute";
const CUSTOM = (r: { type: string }) =>
  /^kubernetes:(cert-manager\.io|gateway\.networking\.k8s\.io|gateway\.nginx\.org)\//.test(r.type);

beforeAll(async () => {
  cap = await startCapture({ stack: "gateway" });
  gw = await import("../../components/gateway");
  const k8s = await import("@pulumi/kubernetes");
  const edge = new gw.Gateway("edge", {
    namespace: "gateway",
    implementation: { install: true },
    tls: { certManager: { issuerName: "letsencrypt", dnsNames: ["shop.example.com"] } },
    routeNamespaces: ["shop"],
  });
  // A stand-in for the release's migration Job.
  const job = new k8s.batch.v1.Job("migrate", { spec: { template: { spec: { containers: [], restartPolicy: "Never" } } } });
  edge.routeService("app", {
    namespace: "shop",
    target: {
      name: "app",
      port: 8080,
      replicas: 2,
      release: { active: "blue", images: { blue: "app:1", green: "app:2" }, canaryWeight: 10 },
    },
    hostnames: ["shop.example.com"],
    migrations: [job],
  });
  new gw.Gateway("shared", {
    namespace: "infra",
    existing: { name: "corp", namespace: "infra", httpsSectionName: "websecure", httpSectionName: "web" },
  });
  await cap.settle();
});

describe("Gateway", () => {
  it("terminates TLS on an https listener and serves plain HTTP only for the redirect", () => {
    const g = plain(one(cap, GW, "edge-gateway"));
    expect(g.spec.gatewayClassName).toBe("nginx");
    const [https, http] = g.spec.listeners;
    expect(https).toMatchObject({
      name: "https",
      port: 443,
      protocol: "HTTPS",
      tls: { mode: "Terminate", certificateRefs: [{ kind: "Secret", name: "edge-tls" }] },
    });
    expect(https.allowedRoutes.namespaces.selector.matchExpressions[0].values).toEqual(["shop", "gateway"]);
    expect(http).toMatchObject({ name: "http", port: 80, protocol: "HTTP", allowedRoutes: { namespaces: { from: "Same" } } });
    expect(() => (new GatewayModel(g as any) as unknown as { validate(): void }).validate()).not.toThrow();
  });

  it("gets its certificate from cert-manager with the given issuer", () => {
    const cert = plain(one(cap, "kubernetes:cert-manager.io/v1:Certificate", "edge-cert"));
    expect(cert).toMatchObject({
      apiVersion: "cert-manager.io/v1",
      kind: "Certificate",
      spec: {
        secretName: "edge-tls",
        dnsNames: ["shop.example.com"],
        issuerRef: { name: "letsencrypt", kind: "ClusterIssuer", group: "cert-manager.io" },
      },
    });
  });

  it("redirects HTTP to HTTPS with a 301", () => {
    const redirect = plain(one(cap, ROUTE, "edge-redirect"));
    expect(redirect.spec.parentRefs[0]).toMatchObject({ name: "edge", sectionName: "http" });
    expect(redirect.spec.rules).toEqual([
      { filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] },
    ]);
    const shared = plain(one(cap, ROUTE, "shared-redirect"));
    expect(shared.spec.parentRefs[0]).toMatchObject({ name: "corp", namespace: "infra", sectionName: "web" });
  });

  it("creates no Gateway or certificate when one exists", () => {
    expect(cap.resources().filter((r) => r.name === "shared-gateway" || r.name === "shared-cert")).toEqual([]);
  });

  it("installs NGINX Gateway Fabric from the pinned chart, before the Gateway", () => {
    const rel = one(cap, "kubernetes:helm.sh/v3:Release", "edge-ngf");
    expect(plain(rel)).toMatchObject({ chart: "oci://ghcr.io/nginx/charts/nginx-gateway-fabric", version: gw.NGF_CHART_VERSION });
    expect(one(cap, GW, "edge-gateway").dependsOn).toContain(rel.urn);
  });

  it("routes the service: 90/10 canary, route waits for the migration Job, policies for the install", () => {
    const route = one(cap, ROUTE, "app-route");
    expect(route.parent).toBe(one(cap, "gantry:routing:ServiceRoute", "app").urn);
    expect(
      plain(route)
        .spec.rules.at(-1)
        .backendRefs.map((b: any) => b.weight),
    ).toEqual([90, 10]);
    expect(route.dependsOn).toContain(one(cap, "kubernetes:batch/v1:Job", "migrate").urn);
    const rel = one(cap, "kubernetes:helm.sh/v3:Release", "edge-ngf").urn;
    expect(one(cap, "kubernetes:gateway.nginx.org/v1alpha1:RateLimitPolicy", "app-ratelimit").dependsOn).toContain(rel);
    expect(one(cap, "kubernetes:gateway.nginx.org/v1alpha1:ClientSettingsPolicy", "app-client").dependsOn).toContain(rel);
  });

  it("every custom resource matches its upstream CRD or model", async () => {
    const custom = cap.resources().filter(CUSTOM);
    expect(custom.map((r) => r.name).sort()).toEqual([
      "app-client",
      "app-ratelimit",
      "app-route",
      "edge-cert",
      "edge-gateway",
      "edge-redirect",
      "shared-redirect",
    ]);
    for (const r of custom) expect(await schemaErrors(plain(r)), r.name).toEqual([]);
  });

  it("refuses a created Gateway without TLS", () => {
    expect(() => new gw.Gateway("bad", { namespace: "gateway" })).toThrow(/tls/);
  });
});

describe("validateGatewayArgs", () => {
  it("names problems by path", async () => {
    const { resolveGatewayArgs, validateGatewayArgs } = gw;
    const paths = (a: Parameters<typeof resolveGatewayArgs>[0]) => validateGatewayArgs(resolveGatewayArgs(a)).map((p) => p.path);
    expect(paths({ namespace: "g", tls: { secretName: "s" } })).toEqual([]);
    expect(paths({ namespace: "g", tls: { certManager: { issuerName: "", dnsNames: [] } } })).toEqual([
      "tls.certManager.dnsNames",
      "tls.certManager.issuerName",
    ]);
    expect(
      paths({
        namespace: "g",
        tls: { secretName: "s" },
        implementation: { install: true },
        existing: { name: "x", namespace: "y", httpsSectionName: "" },
      }),
    ).toEqual(["tls", "existing.httpsSectionName", "implementation.install"]);
  });
});
