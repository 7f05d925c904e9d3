/**
 * One Grafana dashboard per stack, as a ConfigMap the Grafana sidecar (kube-prometheus-stack's
 * `sidecar.dashboards`) loads: labelled `grafana_dashboard: "1"`, folder by annotation.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { DashboardParams } from "./panels";
import { renderDashboard } from "./render";

export { dashboardRows, type DashboardParams, type PanelSpec, type Query, type RowSpec } from "./panels";

export interface DashboardArgs extends Omit<DashboardParams, "rdsInstances" | "cacheClusters"> {
  /** Managed tier: RDS DBInstanceIdentifiers (primary first). @default [] */
  readonly rdsInstances?: readonly pulumi.Input<string>[];
  /** Managed tier: ElastiCache member cluster ids. @default [] */
  readonly cacheClusters?: readonly pulumi.Input<string>[];
}

/** The sidecar's default label and folder annotation. */
export const SIDECAR_LABEL = { grafana_dashboard: "1" };
export const FOLDER_ANNOTATION = "grafana_folder";

export class Dashboard extends pulumi.ComponentResource {
  /** The ConfigMap's data key (the dashboard file name). */
  readonly fileName: string;

  constructor(name: string, args: DashboardArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gantry:alerting:Dashboard", name, {}, opts);
    this.fileName = `gantry-${args.environment}.json`;
    const json = pulumi
      .all([pulumi.all([...(args.rdsInstances ?? [])]), pulumi.all([...(args.cacheClusters ?? [])])])
      // renderDashboard loads the SDK on its first call (see ./render.ts), not when this module loads.
      .apply(([rdsInstances, cacheClusters]) =>
        JSON.stringify(renderDashboard({ ...args, rdsInstances, cacheClusters }), null, 1),
      );
    new k8s.core.v1.ConfigMap(
      `${name}-configmap`,
      {
        metadata: {
          name: `${name}-grafana-dashboard`,
          namespace: args.namespace,
          labels: { ...SIDECAR_LABEL, "app.kubernetes.io/name": "grafana-dashboard", "app.kubernetes.io/managed-by": "gantry" },
          annotations: { [FOLDER_ANNOTATION]: "Gantry" },
        },
        data: { [this.fileName]: json },
      },
      { parent: this },
    );
    this.registerOutputs({ fileName: this.fileName });
  }
}
