import { describe, expect, it } from "vitest";
import { gatewayHttpRedirectOnly as policy } from "../../../policies/rules/gateway/http-redirect-only";
import { levels, mutate, runStack, type StackFixture } from "../harness";
import { appRoute, GATEWAY, gateway, HTTPROUTE, redirectRoute } from "../fixtures";

const gw: StackFixture = { type: GATEWAY, name: "gateway", props: gateway() };
const redirect: StackFixture = { type: HTTPROUTE, name: "redirect", props: redirectRoute() };
const app: StackFixture = { type: HTTPROUTE, name: "api", props: appRoute() };
const stack = (route: Record<string, any>) => [gw, redirect, { type: HTTPROUTE, name: "api", props: route }];
const ruleMsg = (i: number) =>
  `HTTPRoute "api" rule ${i} is attached to HTTP listener gantry/http but does not only redirect to https: use a single RequestRedirect filter with scheme https and no backendRefs, or attach the route to the HTTPS listener's sectionName.`;

describe("gateway-http-redirect-only", () => {
  it("passes a redirect on HTTP and the app on HTTPS", () => {
    expect(runStack(policy, [gw, redirect, app])).toEqual([]);
  });
  it("reports an app route attached to the HTTP listener by sectionName", () => {
    expect(runStack(policy, stack(mutate(appRoute(), (r: any) => (r.spec.parentRefs[0].sectionName = "http"))))).toEqual([
      ruleMsg(0),
      ruleMsg(1),
    ]);
  });
  it("reports an app route with no sectionName (attaches to every listener)", () => {
    expect(runStack(policy, stack(mutate(appRoute(), (r: any) => delete r.spec.parentRefs[0].sectionName)))).toEqual([
      ruleMsg(0),
      ruleMsg(1),
    ]);
  });
  it("reports an app route attached by port 80", () => {
    expect(
      runStack(policy, stack(mutate(appRoute(), (r: any) => (r.spec.parentRefs[0] = { name: "gantry", port: 80 })))),
    ).toEqual([ruleMsg(0), ruleMsg(1)]);
  });
  it("reports a redirect to http, and a redirect that also forwards", () => {
    const toHttp = mutate(redirectRoute(), (r: any) => (r.spec.rules[0].filters[0].requestRedirect.scheme = "http"));
    const forwards = mutate(redirectRoute(), (r: any) => (r.spec.rules[0].backendRefs = [{ name: "api-blue", port: 80 }]));
    const msg = ruleMsg(0).replace('HTTPRoute "api"', 'HTTPRoute "redirect"');
    expect(runStack(policy, [gw, { ...redirect, props: toHttp }])).toEqual([msg]);
    expect(runStack(policy, [gw, { ...redirect, props: forwards }])).toEqual([msg]);
  });
  it("ignores routes in another namespace when the listener only admits its own (the default)", () => {
    const elsewhere = mutate(appRoute(), (r: any) => {
      r.metadata.namespace = "other";
      r.spec.parentRefs[0] = { name: "gantry", namespace: "gantry", sectionName: "http" };
    });
    expect(runStack(policy, stack(elsewhere))).toEqual([]);
    const all = mutate(gateway(), (g: any) => (g.spec.listeners[1].allowedRoutes = { namespaces: { from: "All" } }));
    expect(
      runStack(policy, [
        { ...gw, props: all },
        { type: HTTPROUTE, name: "api", props: elsewhere },
      ]),
    ).toEqual([ruleMsg(0), ruleMsg(1)]);
  });
  it("is not applicable without an HTTP listener", () => {
    const httpsOnly = mutate(gateway(), (g: any) => g.spec.listeners.pop());
    expect(runStack(policy, [{ ...gw, props: httpsOnly }, app])).toBeNull();
  });
  it("is mandatory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
  });
});
