/**
 * Entry point the Pulumi engine runs (`pulumi preview --policy-pack policies`). It only builds the
 * pack from the explicit list: importing a rule never registers anything, and tests import
 * `list.ts`, never this file (constructing a PolicyPack starts a gRPC server).
 */
import { PolicyPack } from "@pulumi/policy";
import { allPolicies, PACK_ENFORCEMENT_LEVEL } from "./list";

new PolicyPack("gantry", { policies: allPolicies, enforcementLevel: PACK_ENFORCEMENT_LEVEL });
