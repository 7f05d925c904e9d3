/** Blue-green released services (web and worker). */
export * from "./args";
export * from "./validate";
export * from "./pod";
export * from "./objects";
export * from "./plan";
export * from "./service";
