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
  describe("the deliberate retire step (postgres.retireCurrent: unprotect)", () => {
    const marked = (name: string, props: Record<string, any>) =>
      protectedStack().map((r) => (r.name === name ? { ...r, props, protect: false } : r));
    it("passes the old RDS primary and CNPG Cluster once marked as retiring", () => {
      const pg = cluster();
      pg.metadata = { ...pg.metadata, labels: { ...pg.metadata?.labels, "gantry.dev/retiring": "true" } };
      expect(runStack(policy, marked("pg", pg))).toEqual([]);
      expect(runStack(policy, marked("db", { ...rdsPrimary, tags: { "gantry:retiring": "true" } }))).toEqual([]);
    });
    it("reports a retiring RDS primary whose delete would skip the final snapshot", () => {
      const unsafe = { ...rdsPrimary, skipFinalSnapshot: true, tags: { "gantry:retiring": "true" } };
      expect(runStack(policy, marked("db", unsafe))).toEqual([
        'Instance "db" holds data but is not protected: pass { protect: true }.',
      ]);
    });
    it("does not exempt other stateful kinds that carry the label", () => {
      const s = sts(true);
      s.metadata = { ...s.metadata, labels: { ...s.metadata?.labels, "gantry.dev/retiring": "true" } };
      expect(runStack(policy, marked("redis", s))).toEqual([
        'StatefulSet "redis" holds data but is not protected: pass { protect: true }.',
      ]);
    });
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
