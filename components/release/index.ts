/** Pure blue-green release helpers: slot naming, replica decisions, release-state rules. */
export * from "./types";
export * from "./naming";
export * from "./replicas";
export * from "./validate";
