/**
 * The Pulumi program: parse and validate `gantry:*` config (nothing is registered when it is
 * invalid), build the stack, export its outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, type GantryConfig } from "./config";
import { loadConfig } from "./config/runtime";
import { buildStack } from "./program";

function config(): GantryConfig {
  try {
    return loadConfig();
  } catch (e) {
    // RunError ends the program with just the message: every problem by key, no stack trace.
    if (e instanceof ConfigError) throw new pulumi.RunError(e.message);
    throw e;
  }
}

const outputs = buildStack(config());

export const environment = outputs.environment;
export const url = outputs.url;
export const activeColour = outputs.activeColour;
export const images = outputs.images;
export const previousRelease = outputs.previousRelease;
export const database = outputs.database;
export const redis = outputs.redis;
export const services = outputs.services;
export const backups = outputs.backups;
export const alerting = outputs.alerting;
