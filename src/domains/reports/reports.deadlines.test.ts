import { describe, expect, it } from "vitest";
import { deadlinesOn } from "./reports.deadlines";

describe("the annual report's deadlines (Art. 49)", () => {
  it("are shown from 1 December until the county's deadline, 31 March", () => {
    expect(deadlinesOn("2025-11-30")).toBeNull();
    const dec = { year: 2025, departments: "2026-01-31", county: "2026-03-31" };
    expect(deadlinesOn("2025-12-01")).toEqual(dec);
    expect(deadlinesOn("2026-01-31")).toEqual(dec);
    expect(deadlinesOn("2026-03-31")).toEqual(dec);
    expect(deadlinesOn("2026-04-01")).toBeNull();
    expect(deadlinesOn("2026-12-31")).toEqual({
      year: 2026,
      departments: "2027-01-31",
      county: "2027-03-31",
    });
  });
});
