/** ReleasedService: one blue-green managed service (web or worker) on Kubernetes. */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { type Colour, otherColour } from "../common/types";
import { slotName } from "../release";
import { type ReleasedServiceArgs, type ResolvedServiceArgs, resolveServiceArgs } from "./args";
import { type PlannedObject, planService } from "./plan";
import { validateServiceArgs } from "./validate";

/** Slot names of a service. */
export interface SlotNames {
  readonly blue: string;
  readonly green: string;
}

function create(name: string, p: PlannedObject, opts: pulumi.CustomResourceOptions): pulumi.CustomResource {
  const n = `${name}-${p.role}`;
  const o = p.object as any;
  switch (p.kind) {
    case "ServiceAccount":
      return new k8s.core.v1.ServiceAccount(n, o, opts);
    case "NetworkPolicy":
      return new k8s.networking.v1.NetworkPolicy(n, o, opts);
    case "Service":
      return new k8s.core.v1.Service(n, o, opts);
    case "Deployment":
      return new k8s.apps.v1.Deployment(n, o, opts);
    case "PodDisruptionBudget":
      return new k8s.policy.v1.PodDisruptionBudget(n, o, opts);
    case "HorizontalPodAutoscaler":
      return new k8s.autoscaling.v2.HorizontalPodAutoscaler(n, o, opts);
  }
}

/**
 * A service released blue-green: per colour with an image a Deployment (+ PDB, + HPA for web),
 * per colour a ClusterIP Service (web), one ServiceAccount and one NetworkPolicy. Routing lives in
 * the gateway's ServiceRoute; this component never looks at which colour is active except for
 * the replica count of an idle colour.
 */
export class ReleasedService extends pulumi.ComponentResource {
  /** Kubernetes Service (web) / Deployment names of each slot. */
  readonly serviceNames: SlotNames;
  /** Name of the active colour's slot. */
  readonly activeService: string;
  /** Name of the idle colour's slot. */
  readonly idleService: string;
  /** Deployment names of the colours that have an image. */
  readonly deploymentNames: { readonly blue?: string; readonly green?: string };
  /** The Deployments, by colour (for dependsOn). */
  readonly deployments: { readonly blue?: k8s.apps.v1.Deployment; readonly green?: k8s.apps.v1.Deployment };
  /** Image of the active colour. */
  readonly activeImage: string;
  /** Image of the idle colour (the rollback target), if any. */
  readonly idleImage: string | undefined;
  /** The resolved args (for the route and the migration). */
  readonly resolved: ResolvedServiceArgs;

  constructor(name: string, args: ReleasedServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gantry:release:Service", name, {}, opts);
    const r = resolveServiceArgs(name, args);
    const problems = validateServiceArgs(r);
    if (problems.length > 0) {
      const list = problems.map((p) => `  - ${p.path}: ${p.message}`).join("\n");
      throw new pulumi.ResourceError(`invalid ReleasedService "${name}":\n${list}`, this);
    }
    this.resolved = r;
    const active: Colour = r.release.active;
    const idle = otherColour(active);

    const byRole = new Map<string, pulumi.CustomResource>();
    for (const p of planService(r)) {
      const dependsOn = p.dependsOn.map((role) => byRole.get(role)!);
      byRole.set(p.role, create(name, p, { parent: this, dependsOn }));
    }
    const dep = (c: Colour) => byRole.get(`deploy-${c}`) as k8s.apps.v1.Deployment | undefined;

    this.serviceNames = { blue: slotName(name, "blue"), green: slotName(name, "green") };
    this.activeService = slotName(name, active);
    this.idleService = slotName(name, idle);
    this.deploymentNames = Object.fromEntries(
      (["blue", "green"] as const).filter((c) => r.release.images[c]).map((c) => [c, slotName(name, c)]),
    );
    this.deployments = Object.fromEntries((["blue", "green"] as const).filter((c) => dep(c)).map((c) => [c, dep(c)!]));
    this.activeImage = r.release.images[active]!;
    this.idleImage = r.release.images[idle];
    this.registerOutputs({
      serviceNames: this.serviceNames,
      activeService: this.activeService,
      idleService: this.idleService,
      deploymentNames: this.deploymentNames,
      activeImage: this.activeImage,
      idleImage: this.idleImage,
    });
  }
}
