/** Postgres: RDS or CloudNativePG behind one interface. */
export { Postgres } from "./postgres";
export type { PostgresArgs, PostgresCredentials } from "./args";
export { POSTGRES_CREDENTIALS } from "./args";
export type { PostgresEndpoints } from "./outputs";
export { DEFAULT_POSTGRES_RESOURCES, resolvePostgresArgs, validatePostgresArgs } from "./defaults";
export type { ResolvedPostgresArgs } from "./defaults";
export type { ManagedNetwork, Problem } from "../common/network";
export { isCidr, isOpenCidr, validateNetwork } from "../common/network";
export { cnpgClusterSpec, networkPolicySpec } from "./in-cluster";
export * from "./naming";
export * from "./retire";
export { POSTGRES_VERSIONS, type PostgresVersion } from "./versions";
