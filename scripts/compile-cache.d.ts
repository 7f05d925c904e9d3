/** Types of compile-cache.js (plain CommonJS so that bin/ and benches load it without a loader). */
declare const compileCache: {
  /** Enables Node's module compile cache (a no-op on Node < 22.1). */
  enable(): unknown;
  /** $NODE_COMPILE_CACHE, else ~/.cache/gantry/compile-cache. */
  cacheDir(): string;
};
export = compileCache;
