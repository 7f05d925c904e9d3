/** Pinned versions of what the gateway installs: change here (and the CRDs in ../shared/crds) together. */

/** NGINX Gateway Fabric Helm chart (OCI); matches the CRDs in shared/crds/nginx-gateway-fabric (v2.6.7). */
export const NGF_CHART = "oci://ghcr.io/nginx/charts/nginx-gateway-fabric";
export const NGF_CHART_VERSION = "2.6.7";
