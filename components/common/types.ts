/** Types shared by every component. Resource-free. */
import type * as pulumi from "@pulumi/pulumi";

/** The environments Gantry knows; rules (replicas, protection) key on this, never on names. */
export const ENVIRONMENTS = ["production", "staging", "development"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** Where the data tier runs. */
export const DATA_TIERS = ["managed", "in-cluster"] as const;
export type DataTier = (typeof DATA_TIERS)[number];

/** Release slots. */
export const COLOURS = ["blue", "green"] as const;
export type Colour = (typeof COLOURS)[number];

/** The other colour. */
export function otherColour(c: Colour): Colour {
  return c === "blue" ? "green" : "blue";
}

/**
 * A key in a Kubernetes Secret that pods read with `secretKeyRef`. Data components expose their
 * connection URL this way, whether Gantry wrote the Secret or an operator did.
 */
export interface SecretKeyRef {
  readonly name: pulumi.Input<string>;
  readonly key: string;
}

/** One validation problem: the dotted key path a person edits, and what to do. */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

/** Kubernetes CPU/memory requests and limits. */
export interface Resources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu?: string; readonly memory: string };
}

/** Labels every Gantry object carries. */
export function baseLabels(component: string, instance: string): Record<string, string> {
  return {
    "app.kubernetes.io/name": component,
    "app.kubernetes.io/instance": instance,
    "app.kubernetes.io/managed-by": "gantry",
  };
}
