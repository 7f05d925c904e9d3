import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { k8sServiceAccountToken as policy } from "../../../policies/rules/kubernetes/service-account-token";
import { levels, mutate, runResource } from "../harness";
import { cronJob, deployment } from "../fixtures";

const pod = (d: any) => d.spec.template.spec;

describe("k8s-service-account-token", () => {
  it("passes a workload with its own token-less ServiceAccount", () => {
    expect(runResource(policy, T.deployment, deployment())).toEqual([]);
    expect(runResource(policy, T.cronJob, cronJob())).toEqual([]);
  });
  it("reports a mounted token", () => {
    const d = mutate(deployment(), (x: any) => delete pod(x).automountServiceAccountToken);
    expect(runResource(policy, T.deployment, d)).toEqual([
      "mounts an API token: set automountServiceAccountToken: false (or allow gantry/api if it calls the API).",
    ]);
  });
  it("reports the namespace's default ServiceAccount", () => {
    const d = mutate(deployment(), (x: any) => delete pod(x).serviceAccountName);
    expect(runResource(policy, T.deployment, d)).toEqual([
      "runs as the namespace's default ServiceAccount: give it one of its own.",
    ]);
  });
  it("lets a listed ServiceAccount mount its token", () => {
    const d = mutate(deployment(), (x: any) => (pod(x).automountServiceAccountToken = true));
    expect(runResource(policy, T.deployment, d, { config: { allowedServiceAccounts: ["gantry/api"] } })).toEqual([]);
  });
  it("is mandatory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
  });
});
