/**
 * The Pulumi program: parse and validate `gantry:*` config (nothing is registered when it is
 * invalid), build the stack, export its outputs.
 */
import { loadConfig } from "./config/runtime";
import { buildStack } from "./program";

const outputs = buildStack(loadConfig());

export const environment = outputs.environment;
export const url = outputs.url;
export const activeColour = outputs.activeColour;
export const images = outputs.images;
export const previousRelease = outputs.previousRelease;
export const database = outputs.database;
export const redis = outputs.redis;
export const services = outputs.services;
