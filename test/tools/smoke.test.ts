// The smoke runner against real HTTP servers on loopback: healthy, 5xx, slow, flapping then
// healthy, wrong body, and the preview header that routes a pre-switch check to the idle colour.
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSmoke } from "../../src/release/smoke";

let server: Server;
let base: string;
let flaps = 0;
const seenPreview: (string | undefined)[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seenPreview.push(req.headers["x-gantry-preview"] as string | undefined);
    if (req.url === "/ok") return res.writeHead(200).end("ok v1.5.0");
    if (req.url === "/boom") return res.writeHead(503).end("down");
    if (req.url === "/slow") return void setTimeout(() => res.writeHead(200).end("ok"), 400);
    if (req.url === "/flap") return res.writeHead(++flaps < 3 ? 502 : 200).end("ok");
    return res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

const cfg = (checks: object[], extra: object = {}) => ({ baseUrl: base, retries: 3, intervalSeconds: 0, checks, ...extra });

describe("smoke runner", () => {
  it("passes a healthy target in one attempt, matching the body", async () => {
    const r = await runSmoke(cfg([{ path: "/ok", bodyMatch: "v1\\.5\\.0" }]), "http://unused", "main");
    expect(r.ok).toBe(true);
    expect(r.checks.map((c) => [c.ok, c.attempts])).toEqual([[true, 1]]);
  });

  it("fails a 5xx after every retry, saying the status", async () => {
    const r = await runSmoke(cfg([{ path: "/boom" }]), base, "main");
    expect(r.ok).toBe(false);
    expect(r.checks[0]).toMatchObject({ attempts: 3, detail: "status 503, expected 200" });
  });

  it("fails a response slower than maxLatencyMs", async () => {
    const r = await runSmoke(cfg([{ path: "/slow", maxLatencyMs: 100 }], { retries: 1 }), base, "main");
    expect(r.ok).toBe(false);
    expect(r.checks[0]!.detail).toMatch(/^took \d+ ms, max 100 ms$/);
  });

  it("gives a flapping target its retries and passes on the third attempt", async () => {
    flaps = 0;
    const r = await runSmoke(cfg([{ path: "/flap" }]), base, "main");
    expect(r.checks[0]).toMatchObject({ ok: true, attempts: 3 });
  });

  it("fails a wrong body", async () => {
    const r = await runSmoke(cfg([{ path: "/ok", bodyMatch: "^v2" }], { retries: 1 }), base, "main");
    expect(r.checks[0]).toMatchObject({ ok: false, detail: "body does not match /^v2/" });
  });

  it("sends the preview header only on the preview route", async () => {
    seenPreview.length = 0;
    await runSmoke(cfg([{ path: "/ok" }]), base, "preview");
    await runSmoke(cfg([{ path: "/ok" }]), base, "main");
    expect(seenPreview).toEqual(["1", undefined]);
  });

  it("fails when nothing answers, naming the cause", async () => {
    const r = await runSmoke(cfg([{ path: "/ok" }], { baseUrl: "http://127.0.0.1:1", retries: 1 }), base, "main");
    expect(r.checks[0]!.detail).toMatch(/^request failed: /);
  });
});
