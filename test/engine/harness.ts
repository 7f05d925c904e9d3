// Engine tests share the Automation API driver with bench/engine.
export * from "../../src/engine/local-stack";
