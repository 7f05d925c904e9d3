// Shared bench helpers: time whole processes (Node start-up included) and report medians.
"use strict";
const { spawnSync } = require("node:child_process");

/** Runs a command `runs` times; returns wall times in ms. Fails loudly if a run fails. */
function timeRuns(cmd, args, runs, opts = {}) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...opts });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0 && !(opts.okCodes ?? [0]).includes(r.status)) {
      throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
    }
    times.push(ms);
  }
  return times;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;

module.exports = { timeRuns, median, fmt };
