import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { rdsStorageEncrypted as policy } from "../../../policies/rules/rds/storage-encrypted";
import { levels, mutate, runResource } from "../harness";
import { rdsPrimary, rdsReplica } from "../fixtures";

describe("rds-storage-encrypted", () => {
  it("passes an encrypted primary and a replica (which inherits encryption)", () => {
    expect(runResource(policy, T.rdsInstance, rdsPrimary)).toEqual([]);
    expect(runResource(policy, T.rdsInstance, rdsReplica)).toEqual([]);
  });
  it.each([
    ["storageEncrypted false", (d: any) => (d.storageEncrypted = false)],
    ["storageEncrypted unset", (d: any) => delete d.storageEncrypted],
  ])("reports %s", (_, change) => {
    expect(runResource(policy, T.rdsInstance, mutate(rdsPrimary, change))).toEqual([
      "storageEncrypted is not true: set storageEncrypted: true (it cannot be changed after creation).",
    ]);
  });
  it("is not applicable to other types", () => {
    expect(runResource(policy, T.bucket, {})).toBeNull();
  });
  it("is mandatory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
  });
});
