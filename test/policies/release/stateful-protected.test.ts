import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { statefulProtected as policy } from "../../../policies/rules/release/stateful-protected";
import { levels, runStack, type StackFixture } from "../harness";
import { bucketStack, deployment, rdsPrimary, replicationGroup } from "../fixtures";
import { CLUSTER, cluster } from "../cnpg/fixtures";

const sts = (claims: boolean) => {
  const props = deployment("redis", "blue", 2);
  props.kind = "StatefulSet";
  if (claims)
    props.spec.volumeClaimTemplates = [{ metadata: { name: "data" }, spec: { resources: { requests: { storage: "5Gi" } } } }];
  return props;
};
const protectedStack = (): StackFixture[] => [
  { type: T.rdsInstance, name: "db", props: rdsPrimary, protect: true },
  { type: T.replicationGroup, name: "cache", props: replicationGroup, protect: true },
  { type: CLUSTER, name: "pg", props: cluster(), protect: true },
  { type: T.statefulSet, name: "redis", props: sts(true), protect: true },
  { ...bucketStack()[0]!, protect: true },
];
const unprotect = (name: string) => protectedStack().map((r) => (r.name === name ? { ...r, protect: false } : r));

describe("stateful-protected", () => {
  it("passes when every stateful resource is protected", () => {
    expect(runStack(policy, protectedStack())).toEqual([]);
  });
  it.each([
    ["db", 'Instance "db" holds data but is not protected: pass { protect: true }.'],
    ["cache", 'ReplicationGroup "cache" holds data but is not protected: pass { protect: true }.'],
    ["pg", 'Cluster "pg" holds data but is not protected: pass { protect: true }.'],
    ["redis", 'StatefulSet "redis" holds data but is not protected: pass { protect: true }.'],
    ["backups", 'Bucket "backups" holds data but is not protected: pass { protect: true }.'],
  ])("reports an unprotected %s", (name, message) => {
    expect(runStack(policy, unprotect(name))).toEqual([message]);
  });
  it("ignores StatefulSets without claims and untagged buckets", () => {
    const stack: StackFixture[] = [
      { type: T.statefulSet, name: "cacheless", props: sts(false) },
      { type: T.bucket, name: "assets", props: { bucket: "acme-assets" } },
    ];
    expect(runStack(policy, stack)).toBeNull();
  });
  it("is mandatory in production, advisory in staging", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "advisory" });
  });
});
