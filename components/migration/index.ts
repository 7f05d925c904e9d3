/** Schema migration Jobs for blue-green releases. */
export * from "./args";
export * from "./plan";
export * from "./migration";
