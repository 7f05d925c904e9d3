// The GFS table and its cron dialects: AWS Backup (6 fields with `?`), CNPG (6, seconds first).
import { describe, expect, it } from "vitest";
import { awsCronFromK8s, cnpgCronProblems, gfsTiers, monthsToDays } from "../../components/backups/schedules";

describe("gfsTiers", () => {
  const production = gfsTiers({ startHour: 1, dailyDays: 7, weeklyWeeks: 4, monthlyMonths: 12 });

  it("gives production three tiers: 7 days, 4 weeks, 12 months", () => {
    expect(production.map((t) => [t.name, t.retentionDays])).toEqual([
      ["daily", 7],
      ["weekly", 28],
      ["monthly", 365],
    ]);
  });

  it("staggers the tiers by one hour so they never run at once", () => {
    expect(production.map((t) => t.awsCron)).toEqual(["cron(0 1 * * ? *)", "cron(0 2 ? * SUN *)", "cron(0 3 1 * ? *)"]);
    expect(production.map((t) => t.cnpgCron)).toEqual(["0 0 1 * * *", "0 0 2 * * 0", "0 0 3 1 * *"]);
  });

  it("drops tiers with zero retention and wraps the hour past midnight", () => {
    const t = gfsTiers({ startHour: 23, dailyDays: 3, weeklyWeeks: 1, monthlyMonths: 0 });
    expect(t.map((x) => x.name)).toEqual(["daily", "weekly"]);
    expect(t[1]!.cnpgCron).toBe("0 0 0 * * 0");
  });

  it("rounds months up so 12 months is a full year", () => {
    expect(monthsToDays(12)).toBe(365);
    expect(monthsToDays(1)).toBe(31);
  });
});

describe("cnpgCronProblems", () => {
  it("accepts every generated schedule", () => {
    for (const t of gfsTiers({ startHour: 22, dailyDays: 7, weeklyWeeks: 4, monthlyMonths: 12 })) {
      expect(cnpgCronProblems(t.cnpgCron)).toEqual([]);
    }
  });

  it("rejects a five-field cron: CNPG reads the first field as seconds", () => {
    expect(cnpgCronProblems("0 1 * * *")).toEqual([
      '"0 1 * * *" has 5 fields; CNPG needs six (seconds first), e.g. "0 0 1 * * *"',
    ]);
  });

  it("names the field out of range", () => {
    expect(cnpgCronProblems("0 0 25 * * *")).toEqual(["field 3 value 25 is outside 0-23"]);
  });
});

describe("awsCronFromK8s", () => {
  it("maps Kubernetes weekdays 0-6 to AWS 1-7 and puts `?` in day-of-month", () => {
    expect(awsCronFromK8s("0 5 * * 0")).toBe("cron(0 5 ? * 1 *)");
    expect(awsCronFromK8s("30 2 * * 6")).toBe("cron(30 2 ? * 7 *)");
  });

  it("puts `?` in day-of-week when every weekday is allowed", () => {
    expect(awsCronFromK8s("0 4 1 * *")).toBe("cron(0 4 1 * ? *)");
  });
});
