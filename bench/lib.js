// Shared bench helpers: time whole processes (Node start-up included) and report medians.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

/** Runs a command once; returns its wall time in ms. Fails loudly if it fails. */
function timeRun(cmd, args, opts = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...opts });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && !(opts.okCodes ?? [0]).includes(r.status)) {
    throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  }
  return ms;
}

/** Runs a command `runs` times; returns wall times in ms. */
function timeRuns(cmd, args, runs, opts = {}) {
  return Array.from({ length: runs }, () => timeRun(cmd, args, opts));
}

/**
 * Runs two Node scripts alternately (a, b, a, b, …) so both see the same machine load; returns
 * their wall times and peak RSS (KB) per run.
 */
function pairedNodeRuns(a, b, runs, env = {}) {
  const rssFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gantry-bench-")), "rss");
  const one = (args) => {
    fs.rmSync(rssFile, { force: true });
    const ms = timeRun(process.execPath, ["-r", path.join(__dirname, "peak-rss.js"), ...args], {
      env: { ...process.env, ...env, GANTRY_BENCH_RSS_FILE: rssFile },
    });
    const rss = Number(fs.readFileSync(rssFile, "utf8").trim().split("\n").pop());
    return { ms, rss };
  };
  const out = { a: [], b: [] };
  for (let i = 0; i < runs; i++) {
    out.a.push(one(a));
    out.b.push(one(b));
  }
  return out;
}

function median(xs) {
  const s = [...xs].sort((x, y) => x - y);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;

module.exports = { timeRun, timeRuns, pairedNodeRuns, median, fmt, mb };
