// Production in-cluster with the restore drill switched off: its egress allows go with it (an
// allow for pods that never exist is a hole waiting for one), the other backup paths stay.
import { beforeAll, expect, it } from "vitest";
import type { Plan } from "../../src/plan/run";
import { ofType, planStack } from "./harness";

let plan: Plan;
beforeAll(async () => {
  plan = await planStack("production", ["dataTier=in-cluster", "backups.drill.enabled=false"]);
}, 60_000);

it("opens the drill's paths only where the drill runs", () => {
  const names = ofType(plan, "kubernetes:networking.k8s.io/v1:NetworkPolicy").map((r) => (r.inputs.metadata as any).name);
  expect(names.filter((n) => n.startsWith("egress-drill-"))).toEqual([]);
  expect(ofType(plan, "kubernetes:batch/v1:CronJob").map((r) => r.name)).not.toContain("restore-drill");
  expect(names).toEqual(expect.arrayContaining(["egress-postgres-objectstore", "egress-redis-backup-objectstore"]));
});
