/** The security group in front of a managed (AWS) data store: one port, named sources only. */
import type * as Aws from "@pulumi/aws";
import { loadAws } from "./aws";
import * as pulumi from "@pulumi/pulumi";
import type { ManagedNetwork } from "./network";

/**
 * Creates `${name}-sg` admitting `port` from the allowed security groups and CIDRs only.
 * Rules are separate resources (one per source, named by the source, not by position) so adding
 * a source never rewrites the others. No egress rule: a database never initiates connections,
 * and the provider's group without rules denies all egress.
 */
export function createDataSecurityGroup(
  parent: pulumi.Resource,
  name: string,
  network: ManagedNetwork,
  port: number,
  description: string,
  tags: Record<string, string>,
): Aws.ec2.SecurityGroup {
  const aws = loadAws();
  const sg = new aws.ec2.SecurityGroup(
    `${name}-sg`,
    { vpcId: network.vpcId, description, tags: { ...tags, Name: `${name}-sg` } },
    { parent },
  );
  for (const source of network.allowedSecurityGroupIds) {
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-in-${source}`,
      {
        securityGroupId: sg.id,
        referencedSecurityGroupId: source,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        description: `${description}: from ${source}`,
      },
      { parent },
    );
  }
  for (const cidr of network.allowedCidrs) {
    const v6 = cidr.includes(":");
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-in-${cidr.replace(/[^0-9a-fA-F]+/g, "-")}`,
      {
        securityGroupId: sg.id,
        ...(v6 ? { cidrIpv6: cidr } : { cidrIpv4: cidr }),
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        description: `${description}: from ${cidr}`,
      },
      { parent },
    );
  }
  return sg;
}
