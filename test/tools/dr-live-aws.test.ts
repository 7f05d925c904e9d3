// `gantry dr <stack> --live` managed: the real `gantry` command with the real @aws-sdk/client-backup
// reads the restore testing plan's restore jobs. moto 5.2.5 has no AWS Backup restore testing or
// restore jobs, so a minimal HTTP server on loopback stands in for the two AWS Backup API calls
// (GetRestoreTestingPlan, ListRestoreJobs; REST-JSON as the SDK sends them) — it stands in for the
// cloud API only; the command, the SDK, its signing and parsing run for real. The SDK is pointed
// at it with AWS_ENDPOINT_URL_BACKUP, its standard service-specific endpoint variable.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import * as path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DrTable } from "../../src/dr/table";
import { ROOT } from "./cli";

const PLAN = "gantry_production_backups";
const ARN = `arn:aws:backup:eu-west-1:111122223333:restore-testing-plan:${PLAN}-8f14e45f`;
/** Epoch seconds, as AWS's JSON protocols send timestamps. */
const T = 1_796_500_000;

interface Reply {
  status: number;
  body: unknown;
  errorType?: string;
}
let server: Server;
let endpoint: string;
let requests: { method: string; url: string; authorization: string }[] = [];
/** What the stand-in answers, by request path (without query). */
let routes: Record<string, (q: URLSearchParams) => Reply> = {};
const home = mkdtempSync("/tmp/gantry-dr-aws-");

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? "/", "http://stand-in");
    requests.push({ method: req.method ?? "", url: req.url ?? "", authorization: String(req.headers.authorization ?? "") });
    const reply = routes[url.pathname]?.(url.searchParams) ?? {
      status: 404,
      body: { __type: "UnknownOperationException" },
      errorType: "UnknownOperationException",
    };
    res.writeHead(reply.status, {
      "content-type": "application/json",
      ...(reply.errorType ? { "x-amzn-errortype": reply.errorType } : {}),
    });
    res.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server?.close();
  rmSync(home, { recursive: true, force: true });
});
beforeEach(() => {
  requests = [];
  routes = {
    [`/restore-testing/plans/${PLAN}`]: () => ({
      status: 200,
      body: { RestoreTestingPlan: { RestoreTestingPlanArn: ARN, RestoreTestingPlanName: PLAN, CreationTime: T - 86_400 } },
    }),
  };
});

/** The restore jobs the stand-in lists (pages: one list per NextToken, the first without one). */
function serveJobs(...pages: object[][]) {
  routes["/restore-jobs"] = (q) => {
    const i = Number(q.get("nextToken") ?? 0);
    return { status: 200, body: { RestoreJobs: pages[i], ...(i + 1 < pages.length ? { NextToken: String(i + 1) } : {}) } };
  };
}

/**
 * `gantry dr production --live --json` with only the environment given (no ambient AWS settings):
 * asynchronous, because the stand-in answers from this process.
 */
function drLive(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, AWS_EC2_METADATA_DISABLED: "true" };
  const child = spawn(process.execPath, [path.join(ROOT, "bin", "gantry.js"), "dr", "production", "--live", "--json"], {
    env: { ...base, AWS_ENDPOINT_URL_BACKUP: endpoint, ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr })));
}
const CREDS = { AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing" };
const drill = (r: { stdout: string }) => (JSON.parse(r.stdout) as DrTable).drill;
const iso = (s: number) => new Date(s * 1000).toISOString();

describe("gantry dr --live (managed, AWS Backup restore testing)", () => {
  it("finds the plan's ARN by name, lists its jobs across pages, and derives the figures from the newest completed job", async () => {
    serveJobs(
      [
        {
          RestoreJobId: "old",
          Status: "COMPLETED",
          CreationDate: T - 604_800,
          CompletionDate: T - 603_000,
          RecoveryPointCreationDate: T - 700_000,
        },
        { RestoreJobId: "running", Status: "RUNNING", CreationDate: T + 600_000 },
      ],
      [
        {
          RestoreJobId: "newest",
          Status: "COMPLETED",
          CreationDate: T,
          CompletionDate: T + 1_234.5,
          RecoveryPointCreationDate: T - 7_200,
          ValidationStatus: "SUCCESSFUL",
        },
      ],
    );
    const r = await drLive(CREDS);
    expect(r.code, r.stderr).toBe(0);
    // The request shape the SDK sends: the plan by name, then the jobs filtered by its ARN, signed
    // for the stack's region (aws:region eu-west-1) and the backup service.
    expect(requests.map((q) => `${q.method} ${q.url}`)).toEqual([
      `GET /restore-testing/plans/${PLAN}`,
      `GET /restore-jobs?restoreTestingPlanArn=${encodeURIComponent(ARN)}`,
      `GET /restore-jobs?nextToken=1&restoreTestingPlanArn=${encodeURIComponent(ARN)}`,
    ]);
    expect(requests[1]!.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=testing\/\d{8}\/eu-west-1\/backup\/aws4_request/);
    expect(drill(r)).toEqual({
      kind: "aws-restore-testing",
      schedule: "0 5 * * 0",
      lastRestoreSeconds: 1234.5,
      lastDataAgeSeconds: 7200,
      lastSuccess: iso(T + 1_234.5),
      live: {
        source: `AWS Backup restore testing plan ${PLAN} in eu-west-1`,
        status: "ok",
        reason: null,
        lastRun: iso(T + 1_234.5),
        validationStatus: "SUCCESSFUL",
      },
    });
  });

  it("a failed newest job after a success: FAILED with the success's figures, exit 0", async () => {
    serveJobs([
      {
        RestoreJobId: "good",
        Status: "COMPLETED",
        CreationDate: T,
        CompletionDate: T + 900,
        RecoveryPointCreationDate: T - 3_600,
      },
      {
        RestoreJobId: "bad",
        Status: "FAILED",
        StatusMessage: "DB instance quota exceeded",
        CreationDate: T + 604_800,
        CompletionDate: T + 605_000,
      },
    ]);
    const r = await drLive(CREDS);
    expect(r.code, r.stderr).toBe(0);
    const d = drill(r);
    expect(d).toMatchObject({ lastRestoreSeconds: 900, lastDataAgeSeconds: 3600, lastSuccess: iso(T + 900) });
    expect(d.live).toMatchObject({ status: "failed", lastRun: iso(T + 605_000) });
    expect(d.live!.reason).toBe(
      `the last drill run, restore job bad (${iso(T + 605_000)}), FAILED: DB instance quota exceeded; the figures are from the last success`,
    );
  });

  it("no completed job: figures unknown; a failed-only history is FAILED (exit 0), an empty one unknown (exit 1)", async () => {
    serveJobs([{ RestoreJobId: "j1", Status: "ABORTED", CreationDate: T, CompletionDate: T + 60 }]);
    const failed = await drLive(CREDS);
    expect(failed.code).toBe(0);
    expect(drill(failed)).toMatchObject({ lastRestoreSeconds: "unknown", lastDataAgeSeconds: "unknown", lastSuccess: "unknown" });
    expect(drill(failed).live!.reason).toContain("ABORTED; no restore job of this plan has succeeded yet");

    serveJobs([]);
    const none = await drLive(CREDS);
    expect(none.code).toBe(1);
    expect(drill(none).live).toMatchObject({ status: "unknown", lastRun: null });
    expect(drill(none).live!.reason).toBe(
      `restore testing plan ${PLAN} has no finished restore job yet: it runs on its schedule (backups.drill.schedule)`,
    );
  });

  it("a plan AWS does not know: unknown, exit 1, asking whether the stack is deployed in that region", async () => {
    routes[`/restore-testing/plans/${PLAN}`] = () => ({
      status: 404,
      body: { __type: "ResourceNotFoundException", Message: "not found" },
      errorType: "ResourceNotFoundException",
    });
    const r = await drLive(CREDS);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('"status": "unknown"');
    expect(drill(r).live!.reason).toBe(
      `restore testing plan ${PLAN} does not exist in eu-west-1: is the stack deployed (pulumi up), and is aws:region right?`,
    );
  });

  it("no credentials: unknown, exit 1, how to sign in; AWS is never called", async () => {
    const r = await drLive({});
    expect(r.code).toBe(1);
    expect(drill(r).live!.reason).toBe(
      "AWS Backup in eu-west-1: no AWS credentials found (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)",
    );
    expect(r.stderr).toContain("gantry: live drill figures unknown: AWS Backup in eu-west-1: no AWS credentials found");
    expect(requests).toEqual([]);
  });

  it("without --live the AWS SDK is never loaded (with it, it is: the probe works)", () => {
    const probe = (...args: string[]) => {
      const script = `require("./scripts/register-ts.js");
require("./src/cli/main.ts").main(${JSON.stringify(args)}).then((code) => {
  const sdk = Object.keys(require.cache).filter((f) => f.includes("@aws-sdk/client-backup"));
  process.stderr.write("exit " + code + " sdk " + (sdk.length > 0) + "\\n");
});`;
      const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, AWS_EC2_METADATA_DISABLED: "true" };
      return spawnSync(process.execPath, ["-e", script], { cwd: ROOT, env, encoding: "utf8" }).stderr;
    };
    expect(probe("dr", "production", "--json")).toContain("exit 0 sdk false");
    // No credentials: the SDK loads, then the read stops before any request.
    expect(probe("dr", "production", "--live", "--json")).toContain("exit 1 sdk true");
  });
});
