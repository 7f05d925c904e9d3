/** @pulumi/aws, loaded on first use. */
import type * as Aws from "@pulumi/aws";

/**
 * Loading @pulumi/aws costs ~0.5 s per program run; in-cluster stacks (the local one, every
 * engine update) never create an AWS resource, so only the managed data tier pays for it.
 */
export function loadAws(): typeof Aws {
  return require("@pulumi/aws") as typeof Aws;
}
