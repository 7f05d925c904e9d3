/** Gateway API routing: the Gateway (TLS, redirect, controller install) and per-service routes. */
export * from "./versions";
export * from "./gateway-args";
export * from "./gateway-objects";
export * from "./route-args";
export * from "./route-objects";
export * from "./service-route";
export * from "./gateway";
