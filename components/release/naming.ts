/** Slot and Job naming. Pure; every name here is part of a URN or a selector, so it must be stable. */
import { createHash } from "node:crypto";
import type { Colour } from "../common/types";

/** Label carrying the service name (shared by both slots). */
export const NAME_LABEL = "app.kubernetes.io/name";
/** Label carrying the slot colour. */
export const SLOT_LABEL = "gantry.dev/slot";

/** Kubernetes name of a slot's Deployment and Service: `<svc>-<colour>`. */
export function slotName(service: string, colour: Colour): string {
  return `${service}-${colour}`;
}

/**
 * Selector labels of a slot. Exactly these two fixed labels: a Deployment selector is immutable,
 * so anything that changes per release (image, version) here would force delete-then-create.
 */
export function slotLabels(service: string, colour: Colour): Record<string, string> {
  return { [NAME_LABEL]: service, [SLOT_LABEL]: colour };
}

/** Labels selecting every pod of a service, both colours (NetworkPolicy, monitoring). */
export function serviceLabels(service: string): Record<string, string> {
  return { [NAME_LABEL]: service };
}

/** First 10 hex characters of sha256(text). */
export function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 10);
}

/** Longest Kubernetes object name we allow for Jobs (their pods get a label with it: 63). */
export const MAX_JOB_NAME = 63;

/**
 * Name of the migration Job for an image: `<svc>-migrate-<sha256(image)[:10]>`. Keyed on the image
 * (not the colour) so a switch never renames a Job, and a new image always makes a new Job.
 * The service part is truncated so the whole name stays ≤ 63 characters.
 */
export function migrationJobName(service: string, image: string): string {
  return jobName(service, "migrate", image);
}

/**
 * Name of the contract Job for an image: `<svc>-contract-<hash>`. A contract runs later than the
 * image's expand Job (once the previous colour is down), so it needs its own name.
 */
export function contractJobName(service: string, image: string): string {
  return jobName(service, "contract", image);
}

function jobName(service: string, step: string, image: string): string {
  const suffix = `-${step}-${shortHash(image)}`;
  const head = service.slice(0, MAX_JOB_NAME - suffix.length).replace(/-+$/, "");
  return `${head}${suffix}`;
}
