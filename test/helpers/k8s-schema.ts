/**
 * Validates generated Kubernetes objects against real schemas: built-in kinds with
 * `kubernetes-models` (the Kubernetes OpenAPI schema), custom resources against the upstream
 * CRDs in ../shared/crds (ajv over each CRD's openAPIV3Schema), and cert-manager /
 * prometheus-operator kinds with their @kubernetes-models packages. CEL rules
 * (`x-kubernetes-validations`) are not evaluated by a JSON-schema validator.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import { parse as parseYaml } from "yaml";

/**
 * The upstream CRDs in `shared/crds` beside the checkout; searched upwards so a git worktree
 * nested one level deeper (e.g. wt/<branch>) finds the same folder.
 */
export const CRD_DIR = findCrdDir(path.resolve(__dirname, "..", ".."));

function findCrdDir(root: string): string {
  for (let d = path.dirname(root); ; d = path.dirname(d)) {
    const candidate = path.join(d, "shared", "crds");
    if (existsSync(candidate)) return candidate;
    if (path.dirname(d) === d) return path.join(path.dirname(root), "shared", "crds");
  }
}

interface Crd {
  spec: {
    group: string;
    names: { kind: string };
    versions: Array<{ name: string; schema: { openAPIV3Schema: object } }>;
  };
}

// Formats (int32, date-time…) are hints in Kubernetes schemas, not constraints the API server checks.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false });
let crdSchemas: Map<string, object> | undefined;
const compiled = new Map<string, ValidateFunction>();

/** `group/version/Kind` → validator (compiled on first use: the CNPG Cluster schema is large). */
function crdValidator(key: string): ValidateFunction | undefined {
  const schema = crds().get(key);
  if (!schema) return undefined;
  if (!compiled.has(key)) compiled.set(key, ajv.compile(schema));
  return compiled.get(key);
}

/** `group/version/Kind` → schema, for every CRD version shipped in ../shared/crds. */
function crds(): Map<string, object> {
  if (crdSchemas) return crdSchemas;
  crdSchemas = new Map();
  for (const dir of readdirSync(CRD_DIR, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const file of readdirSync(path.join(CRD_DIR, dir.name)).filter((f) => f.endsWith(".yaml"))) {
      const crd = parseYaml(readFileSync(path.join(CRD_DIR, dir.name, file), "utf8")) as Crd;
      for (const v of crd.spec.versions) {
        crdSchemas.set(`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, v.schema.openAPIV3Schema);
      }
    }
  }
  return crdSchemas;
}

/** Where a kind's model lives in an @kubernetes-models package, if any. */
function modelModules(apiVersion: string): string[] {
  // The packages are ESM with an exports map per group/version: "kubernetes-models/apps/v1".
  return [
    `kubernetes-models/${apiVersion}`,
    `@kubernetes-models/cert-manager/${apiVersion}`,
    `@kubernetes-models/prometheus-operator/${apiVersion}`,
  ];
}

/**
 * Schema errors of one object (empty when valid). Throws when no schema is known for its kind,
 * so a new kind cannot slip through unvalidated.
 */
export async function schemaErrors(obj: { apiVersion?: string; kind?: string; [k: string]: unknown }): Promise<string[]> {
  const { apiVersion, kind } = obj;
  if (!apiVersion || !kind) return [`object has no apiVersion/kind: ${JSON.stringify(obj).slice(0, 120)}`];
  const crd = crdValidator(`${apiVersion}/${kind}`);
  if (crd) {
    return crd(obj) ? [] : (crd.errors ?? []).map((e) => `${kind} ${e.instancePath || "/"} ${e.message}`);
  }
  for (const mod of modelModules(apiVersion)) {
    let Model: (new (o: unknown) => { validate(): void }) | undefined;
    try {
      Model = ((await import(mod)) as Record<string, new (o: unknown) => { validate(): void }>)[kind];
    } catch {
      continue;
    }
    if (!Model) continue;
    try {
      new Model(obj).validate();
      return [];
    } catch (e) {
      return [`${kind}: ${(e as Error).message}`];
    }
  }
  throw new Error(`no schema known for ${apiVersion} ${kind}: add its CRD to ../shared/crds or a model package`);
}

/** The Kubernetes object a captured `kubernetes:*` resource renders to (Pulumi inputs are the object). */
export function toObject(type: string, inputs: Record<string, unknown>): Record<string, unknown> | undefined {
  if (!type.startsWith("kubernetes:") || type.startsWith("kubernetes:helm.sh/") || type === "pulumi:providers:kubernetes")
    return undefined;
  return inputs;
}
