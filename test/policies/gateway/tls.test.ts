import { describe, expect, it } from "vitest";
import { gatewayTls as policy } from "../../../policies/rules/gateway/tls";
import { levels, mutate, runResource } from "../harness";
import { GATEWAY, gateway } from "../fixtures";

const listeners = (g: any) => g.spec.listeners;

describe("gateway-tls", () => {
  it("passes an HTTPS listener with a certificate (and ignores HTTP)", () => {
    expect(runResource(policy, GATEWAY, gateway())).toEqual([]);
  });
  it("reports an HTTPS listener without certificateRefs", () => {
    expect(
      runResource(
        policy,
        GATEWAY,
        mutate(gateway(), (g: any) => (listeners(g)[0].tls.certificateRefs = [])),
      ),
    ).toEqual(['listener "https" (HTTPS) has no tls.certificateRefs: reference the certificate Secret.']);
  });
  it("reports an HTTPS listener without tls", () => {
    expect(
      runResource(
        policy,
        GATEWAY,
        mutate(gateway(), (g: any) => delete listeners(g)[0].tls),
      ),
    ).toEqual(['listener "https" (HTTPS) has no tls.certificateRefs: reference the certificate Secret.']);
  });
  it("requires certificates on terminating TLS listeners only", () => {
    const tls = (mode?: string) =>
      mutate(gateway(), (g: any) => listeners(g).push({ name: "tls", protocol: "TLS", port: 8443, tls: mode ? { mode } : {} }));
    expect(runResource(policy, GATEWAY, tls("Passthrough"))).toEqual([]);
    expect(runResource(policy, GATEWAY, tls())).toEqual([
      'listener "tls" (TLS) has no tls.certificateRefs: reference the certificate Secret.',
    ]);
  });
  it("is not applicable to HTTPRoutes", () => {
    expect(runResource(policy, "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute", {})).toBeNull();
  });
  it("is mandatory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
  });
});
