/**
 * Plausible provider outputs for the mock runtime: the properties a real provider computes
 * (endpoints, ARNs, generated passwords) that our program reads back. Only what the program
 * uses is modelled; everything else echoes the inputs.
 */
import * as pulumi from "@pulumi/pulumi";

type State = Record<string, unknown>;

const computed: Record<string, (name: string, inputs: State) => State> = {
  "aws:rds/instance:Instance": (name) => ({
    address: `${name}.abc123.eu-west-1.rds.amazonaws.com`,
    endpoint: `${name}.abc123.eu-west-1.rds.amazonaws.com:5432`,
    port: 5432,
    arn: `arn:aws:rds:eu-west-1:123456789012:db:${name}`,
    identifier: name,
    resourceId: `db-${name.toUpperCase().replace(/[^A-Z0-9]/g, "")}MOCKRESOURCEID`,
  }),
  "aws:elasticache/replicationGroup:ReplicationGroup": (name) => ({
    primaryEndpointAddress: `master.${name}.abc123.euw1.cache.amazonaws.com`,
    readerEndpointAddress: `replica.${name}.abc123.euw1.cache.amazonaws.com`,
    port: 6379,
    arn: `arn:aws:elasticache:eu-west-1:123456789012:replicationgroup:${name}`,
  }),
  // Auto-named by the provider (name + random suffix); the instances refer to them by name.
  "aws:rds/subnetGroup:SubnetGroup": (name) => ({ name: `${name}-0a1b2c3` }),
  "aws:rds/parameterGroup:ParameterGroup": (name) => ({ name: `${name}-0a1b2c3` }),
  "random:index/randomPassword:RandomPassword": (name) => ({
    // The real provider marks `result` secret; the mock does the same so leaks show in tests.
    result: pulumi.secret(`mock-${name}-0123456789abcdef`),
  }),
};

/** State for a mock resource: its inputs plus computed outputs, and an ARN for AWS types. */
export function fakeState(type: string, name: string, inputs: State): State {
  const extra = computed[type]?.(name, inputs) ?? {};
  const arn = type.startsWith("aws:") ? { arn: `arn:aws:mock:eu-west-1:123456789012:${name}` } : {};
  return { ...inputs, ...arn, ...extra };
}
