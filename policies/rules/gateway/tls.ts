import type { GantryResourcePolicy } from "../../lib/policy";
import { validateTypes } from "../../lib/policy";
import { T } from "../../lib/types";

/**
 * Gateway listeners that terminate TLS reference a certificate.
 *
 * Why: an HTTPS listener (or a TLS listener in Terminate mode, the default) without
 * `tls.certificateRefs` is rejected by the controller or serves no certificate: the site is down
 * rather than insecure, but only after deploy. TLS Passthrough listeners need no certificate.
 *
 * @severity high
 */
export const gatewayTls: GantryResourcePolicy = {
  name: "gateway-tls",
  description: "HTTPS and terminating TLS listeners of a Gateway must reference a certificate.",
  severity: "high",
  enforcementLevel: "mandatory",
  configKey: "gateway.tls",
  validateResource: validateTypes([T.gateway], (props, _args, report) => {
    const listeners: any[] = props.spec?.listeners ?? [];
    for (const l of listeners) {
      const terminates = l.protocol === "HTTPS" || (l.protocol === "TLS" && (l.tls?.mode ?? "Terminate") === "Terminate");
      if (!terminates) continue;
      const refs: unknown[] = l.tls?.certificateRefs ?? [];
      if (refs.length === 0) {
        report(`listener "${l.name}" (${l.protocol}) has no tls.certificateRefs: reference the certificate Secret.`);
      }
    }
  }),
};
