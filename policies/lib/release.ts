/** Blue-green lookups shared by the release rules. */
import type { PolicyResource } from "@pulumi/policy";
import { LABELS } from "./kube";

export const COLOURS = ["blue", "green"] as const;
export type Colour = (typeof COLOURS)[number];

/** Labels of a Deployment: its own over its pod template's. */
export function labelsOf(d: PolicyResource): Record<string, string> {
  return { ...(d.props.spec?.template?.metadata?.labels ?? {}), ...(d.props.metadata?.labels ?? {}) };
}

/** The slot of a Deployment, when it is a blue-green slot of a named service. */
export function slotOf(d: PolicyResource): { service: string; colour: Colour } | undefined {
  const l = labelsOf(d);
  const colour = l[LABELS.slot];
  const service = l[LABELS.app];
  if (!service || (colour !== "blue" && colour !== "green")) return undefined;
  return { service, colour };
}
