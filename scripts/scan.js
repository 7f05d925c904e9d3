#!/usr/bin/env node
// Scans the Kubernetes objects of `gantry plan <stack> --json` with checkov (the third-party,
// CIS-based scanner): each object is written as a YAML file, then
// `checkov -d <dir> --framework kubernetes -o json` runs over them.
//
//   node scripts/scan.js <stack> [--set key=value …]   prints passed/failed/skipped and each failure
//   node scripts/scan.js --dir out/local [--stack local] the same over rendered manifests (npm run up:local)
//   node scripts/scan.js --skips                       lists the reasoned skips
//
// Reasoned skips live in policies/checkov-skips.yaml (check id, object, why); each becomes a
// `checkov.io/skip<n>: <id>=<why>` annotation on the scanned copy of the object, checkov's own
// per-resource skip mechanism, so the reason shows in checkov's output.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const yaml = require("js-yaml");

const root = path.join(__dirname, "..");
const SKIPS_FILE = path.join(root, "policies", "checkov-skips.yaml");

function checkovBin() {
  if (process.env.GANTRY_CHECKOV) return process.env.GANTRY_CHECKOV;
  const r = spawnSync("bash", ["-c", `. ${path.join(root, "scripts/setup/lib.sh")} && venv_dir checkov`], { encoding: "utf8" });
  return path.join(r.stdout.trim(), "bin", "checkov");
}

/**
 * The skips: [{ id, kind, name, reason, stacks? }]; `name` may hold `*` wildcards (`app-*`).
 * With `stack`, only the skips that apply to it: an entry with `stacks` is limited to those (a
 * default that differs per environment must not hide a production regression).
 */
function loadSkips(stack) {
  const all = yaml.load(fs.readFileSync(SKIPS_FILE, "utf8")).skips ?? [];
  return stack === undefined ? all : all.filter((s) => !s.stacks || s.stacks.includes(stack));
}

/** The Kubernetes objects (apiVersion + kind) of a plan, skipping Helm releases. */
function planObjects(stack, sets) {
  const args = [path.join(root, "bin", "gantry.js"), "plan", stack, "--json", ...sets.flatMap((s) => ["--set", s])];
  const r = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (!r.stdout.startsWith("{")) throw new Error(`gantry plan ${stack} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout)
    .resources.filter((x) => x.type.startsWith("kubernetes:") && x.inputs?.apiVersion && x.inputs?.kind)
    .map((x) => x.inputs);
}

function withSkips(obj, skips) {
  const glob = (p) =>
    new RegExp(
      `^${p
        .split("*")
        .map((x) => x.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*")}$`,
    );
  const mine = skips.filter((s) => s.kind === obj.kind && glob(s.name).test(obj.metadata?.name ?? ""));
  if (mine.length === 0) return obj;
  const annotations = { ...(obj.metadata?.annotations ?? {}) };
  mine.forEach((s, i) => (annotations[`checkov.io/skip${i + 1}`] = `${s.id}=${s.reason}`));
  return { ...obj, metadata: { ...obj.metadata, annotations } };
}

/** Runs checkov over the objects; returns { passed, failed, skipped, failures: [{id, kind, name}] }. */
function scanObjects(objects, skips = loadSkips()) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gantry-scan-"));
  try {
    objects.forEach((o, i) => {
      const file = path.join(dir, `${String(i).padStart(3, "0")}-${o.kind}-${o.metadata?.name ?? "x"}.yaml`);
      fs.writeFileSync(file, yaml.dump(withSkips(o, skips), { noRefs: true }));
    });
    const r = spawnSync(checkovBin(), ["-d", dir, "--framework", "kubernetes", "-o", "json", "--quiet", "--compact"], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, BC_SKIP_MAPPING: "TRUE", CHECKOV_RUN_SCA_PACKAGE_SCAN_V2: "false" },
    });
    if (!r.stdout.trim().startsWith("{") && !r.stdout.trim().startsWith("[")) {
      throw new Error(`checkov failed (${r.status}): ${r.stderr || r.stdout}`);
    }
    const out = JSON.parse(r.stdout);
    const report = Array.isArray(out) ? out.find((x) => x.check_type === "kubernetes") : out;
    const s = report.summary;
    const failures = (report.results?.failed_checks ?? []).map((f) => ({
      id: f.check_id,
      resource: f.resource,
      title: f.check_name,
    }));
    return { passed: s.passed, failed: s.failed, skipped: s.skipped, failures };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Every Kubernetes object in the YAML files under `dir` (a render such as out/local/), multi-document aware. */
function manifestObjects(dir) {
  const files = fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name));
  return files
    .sort((a, b) => path.join(a.parentPath, a.name).localeCompare(path.join(b.parentPath, b.name)))
    .flatMap((e) => yaml.loadAll(fs.readFileSync(path.join(e.parentPath, e.name), "utf8")))
    .filter((o) => o && o.apiVersion && o.kind);
}

/** Scan of a rendered directory, with the skips of `stack` (the stack that rendered it). */
function scanDirectory(dir, stack = "local") {
  const objects = manifestObjects(dir);
  if (objects.length === 0) throw new Error(`no Kubernetes manifests under ${dir}: run \`npm run up:local\` first`);
  return { ...scanObjects(objects, loadSkips(stack)), objects: objects.length };
}

/** Plan + scan of one stack. */
function scanStack(stack, sets = []) {
  return scanObjects(planObjects(stack, sets), loadSkips(stack));
}

module.exports = { scanStack, scanObjects, scanDirectory, manifestObjects, planObjects, loadSkips };

if (require.main === module) {
  const argv = process.argv.slice(2);
  if (argv[0] === "--skips") {
    for (const s of loadSkips()) console.log(`${s.id}  ${s.kind}/${s.name}  ${s.reason}`);
    process.exit(0);
  }
  if (argv[0] === "--dir") {
    const dir = argv[1];
    const stack = argv[2] === "--stack" ? argv[3] : "local";
    const r = scanDirectory(dir, stack);
    console.log(`${dir} (${r.objects} objects, ${stack} skips): passed ${r.passed}, failed ${r.failed}, skipped ${r.skipped}`);
    for (const f of r.failures) console.log(`  FAILED ${f.id} ${f.resource}: ${f.title}`);
    process.exit(r.failed === 0 ? 0 : 1);
  }
  const stack = argv[0];
  if (!stack) {
    console.error("usage: node scripts/scan.js <stack> [--set key=value …] | --dir <render dir> [--stack local] | --skips");
    process.exit(2);
  }
  const sets = [];
  for (let i = 1; i < argv.length; i++) if (argv[i] === "--set") sets.push(argv[++i]);
  const r = scanStack(stack, sets);
  console.log(`${stack} ${sets.join(" ")}: passed ${r.passed}, failed ${r.failed}, skipped ${r.skipped}`);
  for (const f of r.failures) console.log(`  FAILED ${f.id} ${f.resource}: ${f.title}`);
  process.exit(r.failed === 0 ? 0 : 1);
}
