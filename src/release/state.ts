/**
 * Release facts read from the stack's own state (`pulumi stack export`), not inferred from
 * config or from "the last update succeeded": whether an image's migration Job exists and
 * completed, whether a contract step ran for the active image. Pure.
 */
import { contractJobName, migrationJobName } from "../../components/release/naming";

/** The parts of an exported resource these checks read. */
export interface StateResource {
  readonly type: string;
  readonly urn?: string;
  readonly outputs?: Record<string, unknown>;
}

export interface ExportedState {
  readonly resources?: readonly StateResource[];
  readonly pending_operations?: readonly unknown[];
}

const JOB = "kubernetes:batch/v1:Job";

interface JobOutputs {
  metadata?: { name?: string; annotations?: Record<string, string> };
  status?: { succeeded?: number; failed?: number; conditions?: { type?: string; status?: string }[] };
}

function job(state: ExportedState, name: string): JobOutputs | undefined {
  return state.resources?.find((r) => r.type === JOB && (r.outputs as JobOutputs | undefined)?.metadata?.name === name)?.outputs;
}

export interface MigrationStatus {
  readonly ok: boolean;
  /** What the checklist prints. */
  readonly detail: string;
}

/**
 * The migration of `image`: its Job must be in the state and, where the cluster reported on it,
 * complete. The Kubernetes provider records a Job only after it completed (it awaits Jobs), so a
 * Job in state without status is a rendered one (render mode: no cluster to run it).
 */
export function migrationStatus(state: ExportedState, image: string, configured: boolean, service = "app"): MigrationStatus {
  if (!configured) return { ok: true, detail: "no migration configured (release.migration.command)" };
  const name = migrationJobName(service, image);
  if ((state.pending_operations?.length ?? 0) > 0)
    return { ok: false, detail: `an interrupted update left pending operations; run \`pulumi refresh\` (Job ${name})` };
  const j = job(state, name);
  if (!j) return { ok: false, detail: `Job ${name} is not in the stack's state: deploy the image first` };
  const s = j.status;
  if (!s) return { ok: true, detail: `Job ${name} recorded (rendered, no cluster status)` };
  const complete = s.conditions?.some((c) => c.type === "Complete" && c.status === "True") || (s.succeeded ?? 0) > 0;
  const failed = s.conditions?.some((c) => c.type === "Failed" && c.status === "True");
  if (complete && !failed) return { ok: true, detail: `Job ${name} complete` };
  return { ok: false, detail: `Job ${name} ${failed ? "failed" : "has not completed"}` };
}

/** Whether a contract Job for the active image is in the state: the schema no longer suits older releases. */
export function contractRan(state: ExportedState, activeImage: string, service = "app"): boolean {
  return job(state, contractJobName(service, activeImage)) !== undefined;
}
