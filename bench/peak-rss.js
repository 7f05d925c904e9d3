// Preloaded into a benched process (node -r): appends its peak resident set size in KB to the
// file named by GANTRY_BENCH_RSS_FILE when it exits, so a bench can report memory per run.
"use strict";
const fs = require("node:fs");
const file = process.env.GANTRY_BENCH_RSS_FILE;
if (file) process.on("exit", () => fs.appendFileSync(file, `${process.resourceUsage().maxRSS}\n`));
