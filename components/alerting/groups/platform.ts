/** Certificates (cert-manager), the gateway and restore drills. Maintenance jobs: ./jobs.ts. */
import type { AlertParams, Group } from "../types";

const DAY = 86400;

export function platform(p: AlertParams): Group {
  const ns = `namespace="${p.namespace}"`;
  const maxAge = p.restoreDrillMaxAgeDays;
  return {
    name: "platform",
    alerts: [
      {
        alert: "CertificateExpiringSoon",
        expr: `min by (name) (certmanager_certificate_expiration_timestamp_seconds{${ns}}) - time() < 14 * ${DAY}`,
        for: "1h",
        severity: "warning",
        summary: "A TLS certificate expires in less than 14 days",
        description: "cert-manager has not renewed the certificate; HTTPS breaks when it expires.",
        runbook: {
          meaning: "A certificate is within 14 days of expiry and was not renewed.",
          commands: [
            `kubectl -n ${p.namespace} get certificate,certificaterequest,order`,
            `kubectl -n ${p.namespace} describe certificate <name>`,
            `kubectl -n cert-manager logs deploy/cert-manager --tail=100`,
          ],
        },
        fire: {
          series: [
            { series: `certmanager_certificate_expiration_timestamp_seconds{${ns},name="app-tls"}`, values: `${10 * DAY}x200` },
          ],
          at: "2h",
          labels: { name: "app-tls" },
        },
        silent: {
          series: [
            { series: `certmanager_certificate_expiration_timestamp_seconds{${ns},name="app-tls"}`, values: `${60 * DAY}x200` },
          ],
          at: "2h",
        },
      },
      {
        alert: "GatewayDown",
        expr: `(sum(up{job=~".*nginx-gateway.*"}) or vector(0)) == 0`,
        for: "2m",
        severity: "critical",
        summary: "The gateway is down",
        description: "No gateway controller or data plane is scraped up; no traffic reaches the app.",
        runbook: {
          meaning: "No NGINX Gateway Fabric target is up.",
          commands: [
            `kubectl get pods -A -l app.kubernetes.io/name=nginx-gateway-fabric`,
            `kubectl -n ${p.namespace} get gateway,httproute`,
            `kubectl -n ${p.namespace} describe gateway`,
          ],
        },
        fire: { series: [{ series: `up{job="nginx-gateway",instance="ngf-0"}`, values: "0x10" }], at: "5m" },
        silent: { series: [{ series: `up{job="nginx-gateway",instance="ngf-0"}`, values: "1x10" }], at: "5m" },
      },
      {
        alert: "RestoreDrillStale",
        expr: `(time() - max(restore_last_success_timestamp_seconds{${ns}})) > ${maxAge} * ${DAY} or absent(restore_last_success_timestamp_seconds{${ns}})`,
        for: "1h",
        severity: "warning",
        summary: `No successful restore drill in ${maxAge} days`,
        description: "The backups are not proven restorable: the weekly drill failed or did not run.",
        runbook: {
          meaning: "The restore drill has not succeeded recently.",
          commands: [
            `kubectl -n ${p.namespace} get cronjob,jobs -l gantry.dev/drill`,
            `kubectl -n ${p.namespace} logs job/<latest-drill>`,
            `kubectl -n ${p.namespace} create job --from=cronjob/restore-drill drill-manual`,
          ],
        },
        fire: {
          series: [{ series: `restore_last_success_timestamp_seconds{${ns}}`, values: `-${(maxAge + 1) * DAY}x100` }],
          at: "90m",
        },
        silent: { series: [{ series: `restore_last_success_timestamp_seconds{${ns}}`, values: "0x100" }], at: "90m" },
      },
      {
        alert: "RestoreDrillDataTooOld",
        expr: `max(restored_data_age_seconds{${ns}}) > 26 * 3600`,
        for: "10m",
        severity: "warning",
        summary: "The last restore drill restored data older than 26 hours",
        description: "Backups are restorable but stale: the recovery point objective is missed.",
        runbook: {
          meaning: "The newest row in the restored copy is older than 26 hours.",
          commands: [
            `kubectl -n ${p.namespace} logs job/<latest-drill>`,
            `kubectl -n ${p.namespace} get backups --sort-by=.metadata.creationTimestamp`,
            `kubectl cnpg status db -n ${p.namespace}`,
          ],
        },
        fire: { series: [{ series: `restored_data_age_seconds{${ns}}`, values: `${30 * 3600}x30` }], at: "20m" },
        silent: { series: [{ series: `restored_data_age_seconds{${ns}}`, values: "3600x30" }], at: "20m" },
      },
    ],
  };
}
