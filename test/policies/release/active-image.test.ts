import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { bluegreenActiveImage as policy } from "../../../policies/rules/release/active-image";
import { levels, mutate, runStack, type StackFixture } from "../harness";
import { appRoute, deployment, HTTPROUTE } from "../fixtures";

const blue: StackFixture = { type: T.deployment, name: "api-blue", props: deployment("api", "blue", 2) };
const green: StackFixture = { type: T.deployment, name: "api-green", props: deployment("api", "green", 0) };
const route = (props = appRoute("blue", "green")): StackFixture => ({ type: HTTPROUTE, name: "api", props });
const greenRoute = route(appRoute("green", "blue"));

describe("bluegreen-active-image", () => {
  it("passes when the active colour has an image and pods (the idle one may be parked)", () => {
    expect(runStack(policy, [blue, green, route()])).toEqual([]);
  });
  it("reports a switch to a colour that does not exist", () => {
    expect(runStack(policy, [blue, greenRoute])).toEqual([
      'HTTPRoute "api" sends live traffic to api-green, but there is no green Deployment of "api" in namespace gantry.',
    ]);
  });
  it("reports a switch to a colour without an image", () => {
    const noImage = {
      ...green,
      props: mutate(deployment("api", "green", 2), (d: any) => (d.spec.template.spec.containers[0].image = "")),
    };
    expect(runStack(policy, [blue, noImage, greenRoute])).toEqual([
      'HTTPRoute "api" sends live traffic to api-green, but Deployment api-green has a container without an image: set release.green.image before switching.',
    ]);
  });
  it("reports a switch to a colour parked at 0 replicas", () => {
    expect(runStack(policy, [blue, green, greenRoute])).toEqual([
      'HTTPRoute "api" sends live traffic to api-green, but Deployment api-green runs 0 replicas: scale it up before switching.',
    ]);
  });
  it("ignores the preview rule and zero-weight canary backends", () => {
    const canary = mutate(appRoute("blue", "green"), (r: any) =>
      r.spec.rules[1].backendRefs.push({ name: "api-green", port: 80, weight: 0 }),
    );
    expect(runStack(policy, [blue, green, route(canary)])).toEqual([]);
  });
  it("checks a weighted canary backend", () => {
    const canary = mutate(appRoute("blue", "green"), (r: any) =>
      r.spec.rules[1].backendRefs.push({ name: "api-green", port: 80, weight: 10 }),
    );
    expect(runStack(policy, [blue, green, route(canary)])).toEqual([
      'HTTPRoute "api" sends live traffic to api-green, but Deployment api-green runs 0 replicas: scale it up before switching.',
    ]);
  });
  it("is not applicable without routes", () => {
    expect(runStack(policy, [blue, green])).toBeNull();
  });
  it("is mandatory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
  });
});
