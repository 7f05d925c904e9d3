// ServiceRoute decisions on its pure builders: rules, canary weights, policies, and that a switch
// changes exactly one routing object.
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { HTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute";
import { type ServiceRouteArgs, buildHttpRoute, planRoute, resolveRouteArgs, validateRouteArgs } from "../../components/gateway";
import type { ReleaseState } from "../../components/release";
import { schemaErrors } from "../helpers/k8s-schema";

const ARGS: ServiceRouteArgs = {
  namespace: "shop",
  target: { name: "app", port: 8080, replicas: 3, release: { active: "blue", images: { blue: "app:1", green: "app:2" } } },
  gateway: { name: "edge", namespace: "gateway", sectionName: "https" },
  hostnames: ["shop.example.com"],
};
const withRelease = (release: Partial<ReleaseState>, a: ServiceRouteArgs = ARGS) =>
  resolveRouteArgs({ ...a, target: { ...a.target, release: { ...a.target.release, ...release } } });
const route = (release: Partial<ReleaseState> = {}) => buildHttpRoute(withRelease(release));

describe("HTTPRoute", () => {
  it("sends the default rule to the active colour and the preview header to the idle one", () => {
    const r = route();
    expect(r.metadata.name).toBe("app");
    expect(r.spec.parentRefs).toEqual([
      { group: "gateway.networking.k8s.io", kind: "Gateway", name: "edge", namespace: "gateway", sectionName: "https" },
    ]);
    expect(r.spec.hostnames).toEqual(["shop.example.com"]);
    expect(r.spec.rules).toHaveLength(2);
    const [preview, main] = r.spec.rules!;
    expect(preview!.matches![0]!.headers).toEqual([{ type: "Exact", name: "x-gantry-preview", value: "1" }]);
    expect(preview!.backendRefs).toEqual([{ name: "app-green", port: 8080 }]);
    expect(main!.backendRefs).toEqual([{ name: "app-blue", port: 8080 }]);
    expect(main!.timeouts).toEqual({ request: "30s" });
  });

  it("has no preview rule when the idle colour has no image or no pods", () => {
    expect(route({ images: { blue: "app:1" } }).spec.rules!.map((x) => x.backendRefs)).toEqual([
      [{ name: "app-blue", port: 8080 }],
    ]);
    expect(route({ idleReplicas: 0 }).spec.rules).toHaveLength(1);
  });

  it("splits the default rule 90/10 with canaryWeight 10", () => {
    const main = route({ canaryWeight: 10 }).spec.rules!.at(-1)!;
    expect(main.backendRefs).toEqual([
      { name: "app-blue", port: 8080, weight: 90 },
      { name: "app-green", port: 8080, weight: 10 },
    ]);
  });

  it("switch flips the backends; rollback is the mirror", () => {
    const green = route({ active: "green" });
    expect(green.spec.rules![0]!.backendRefs).toEqual([{ name: "app-blue", port: 8080 }]);
    expect(green.spec.rules![1]!.backendRefs).toEqual([{ name: "app-green", port: 8080 }]);
    expect(route({ active: "blue" })).toEqual(route());
  });

  it("validates against the Gateway API schema (model and upstream CRD)", async () => {
    for (const r of [route(), route({ canaryWeight: 10 }), route({ active: "green", images: { green: "app:2" } })]) {
      // The model's base class types do not resolve under CommonJS resolution; the method exists at runtime.
      expect(() => (new HTTPRoute(r) as unknown as { validate(): void }).validate()).not.toThrow();
      expect(await schemaErrors(r as any)).toEqual([]);
    }
  });
});

describe("policies", () => {
  const objects = planRoute(withRelease({}));
  const byRole = (role: string) => objects.find((o) => o.role === role)!.object;

  it("rate-limits per client IP at 10r/s by default, targeting the route", () => {
    expect(byRole("ratelimit")).toMatchObject({
      apiVersion: "gateway.nginx.org/v1alpha1",
      kind: "RateLimitPolicy",
      spec: {
        targetRefs: [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute", name: "app" }],
        rateLimit: {
          local: { rules: [{ rate: "10r/s", burst: 20, key: "$binary_remote_addr", zoneSize: "10m" }] },
          rejectCode: 429,
        },
      },
    });
  });

  it("caps request bodies at 10m with a 30s body timeout by default", () => {
    expect(byRole("client")).toMatchObject({
      kind: "ClientSettingsPolicy",
      spec: {
        targetRef: { group: "gateway.networking.k8s.io", kind: "HTTPRoute", name: "app" },
        body: { maxSize: "10m", timeout: "30s" },
      },
    });
  });

  it("follows args, and attaches none for other implementations", () => {
    const custom = planRoute(
      resolveRouteArgs({ ...ARGS, rateLimit: { rate: "600r/m", burst: 0 }, clientSettings: { bodyMaxSize: "1m" } }),
    );
    expect(custom.find((o) => o.role === "ratelimit")!.object.spec.rateLimit.local.rules[0]).toMatchObject({
      rate: "600r/m",
      burst: 0,
    });
    expect(custom.find((o) => o.role === "client")!.object.spec.body.maxSize).toBe("1m");
    expect(planRoute(resolveRouteArgs({ ...ARGS, policies: "none" })).map((o) => o.role)).toEqual(["route"]);
  });

  it("validate against the NGINX Gateway Fabric CRDs", async () => {
    for (const o of objects) expect(await schemaErrors(o.object as any), o.role).toEqual([]);
  });

  it("a switch changes exactly the HTTPRoute among routing objects", () => {
    for (const [from, to] of [
      ["blue", "green"],
      ["green", "blue"],
    ] as const) {
      const a = planRoute(withRelease({ active: from }));
      const b = planRoute(withRelease({ active: to }));
      const changed = b.filter((o, i) => !isDeepStrictEqual(o.object, a[i]!.object)).map((o) => o.role);
      expect(b.map((o) => o.role)).toEqual(a.map((o) => o.role));
      expect(changed).toEqual(["route"]);
    }
  });
});

describe("validateRouteArgs", () => {
  it("accepts the defaults", () => expect(validateRouteArgs(resolveRouteArgs(ARGS))).toEqual([]));
  it("names every problem by path", () => {
    const r = resolveRouteArgs({
      ...ARGS,
      hostnames: ["Bad Host"],
      requestTimeout: "30 seconds",
      rateLimit: { rate: "10/s", burst: -1, rejectCode: 200 },
      clientSettings: { bodyMaxSize: "10MB", bodyTimeout: "soon" },
      target: { ...ARGS.target, release: { active: "blue", images: { blue: "app:1" }, canaryWeight: 10 } },
    });
    expect(
      validateRouteArgs(r)
        .map((p) => p.path)
        .sort(),
    ).toEqual([
      "clientSettings.bodyMaxSize",
      "clientSettings.bodyTimeout",
      "hostnames[0]",
      "rateLimit.burst",
      "rateLimit.rate",
      "rateLimit.rejectCode",
      "release.canaryWeight",
      "requestTimeout",
    ]);
  });
});
