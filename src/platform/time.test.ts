import { describe, expect, it } from "vitest";
import { shanghaiDateOf, shanghaiDayStartIso } from "./time";

describe("shanghaiDayStartIso", () => {
  it("is the UTC instant of Shanghai midnight", () => {
    expect(shanghaiDayStartIso("2018-01-01")).toBe("2017-12-31T16:00:00.000Z");
    expect(shanghaiDayStartIso("2024-03-01")).toBe("2024-02-29T16:00:00.000Z");
  });

  it("orders stored timestamps exactly as their Shanghai dates (the year filter of the item lists)", () => {
    const days = ["2018-01-01", "2019-01-01", "2020-02-29", "2025-12-31"];
    // Instants around each boundary, to the millisecond, and spread over the years.
    const instants: Date[] = [];
    for (const day of days) {
      const start = Date.parse(shanghaiDayStartIso(day));
      for (const delta of [-86_400_000, -1, 0, 1, 3_600_000, 86_399_999])
        instants.push(new Date(start + delta));
    }
    for (let t = Date.UTC(2017, 0, 1); t < Date.UTC(2026, 0, 1); t += 77_777_777) instants.push(new Date(t));
    for (const day of days)
      for (const t of instants)
        expect(t.toISOString() >= shanghaiDayStartIso(day), `${t.toISOString()} vs ${day}`).toBe(
          shanghaiDateOf(t) >= day,
        );
  });
});
