import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WorkingDayCalendar } from "./calendar";
import { type ClockEvent, computeClock } from "./clock";
import { addDays, fromDayNumber, toDayNumber } from "./dates";

const cal = new WorkingDayCalendar();

// Start dates whose results stay inside the bundled years (2004-2026) for the step sizes used below.
const date = fc
  .integer({ min: toDayNumber("2004-01-01"), max: toDayNumber("2025-12-31") })
  .map(fromDayNumber);
const steps = fc.integer({ min: 0, max: 60 });

/** Day-by-day reference implementation, to check the indexed one against. */
function naiveAdd(d: string, n: number): string {
  let cur = d;
  for (let left = n; left > 0; ) {
    cur = addDays(cur, 1);
    if (cal.isWorkingDay(cur)) left--;
  }
  return cur;
}

describe("working-day arithmetic properties", () => {
  it("adding N then M working days equals adding N + M", () => {
    fc.assert(
      fc.property(date, steps, steps, (d, n, m) => {
        expect(cal.addWorkingDays(cal.addWorkingDays(d, n), m)).toBe(cal.addWorkingDays(d, n + m));
      }),
      { numRuns: 500 },
    );
  });

  it("the result of adding N >= 1 working days is always a working day", () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 60 }), (d, n) => {
        expect(cal.isWorkingDay(cal.addWorkingDays(d, n))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("the result is never earlier than the start (and later for N >= 1)", () => {
    fc.assert(
      fc.property(date, steps, (d, n) => {
        const r = cal.addWorkingDays(d, n);
        expect(r >= d).toBe(true);
        if (n > 0) expect(r > d).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("agrees with a day-by-day count, and workingDaysBetween inverts it", () => {
    fc.assert(
      fc.property(date, steps, (d, n) => {
        const r = cal.addWorkingDays(d, n);
        expect(r).toBe(naiveAdd(d, n));
        expect(cal.workingDaysBetween(d, r)).toBe(n);
      }),
      { numRuns: 300 },
    );
  });

  it("pauses never shorten a deadline", () => {
    fc.assert(
      fc.property(
        date,
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 25 })), {
          maxLength: 3,
        }),
        (start, gaps) => {
          const plain = computeClock(cal, { limit: 20, asOf: start, events: [{ type: "start", on: start }] });
          const events: ClockEvent[] = [{ type: "start", on: start }];
          let cur = start;
          for (const [before, length] of gaps) {
            const s = addDays(cur, before);
            const e = addDays(s, length);
            events.push({ type: "pause", on: s, reason: "征求第三方意见" }, { type: "resume", on: e });
            cur = e;
          }
          const paused = computeClock(cal, { limit: 20, asOf: cur, events });
          expect(paused.dueOn >= plain.dueOn).toBe(true);
          // And by exactly the working days paused.
          expect(cal.workingDaysBetween(plain.dueOn, paused.dueOn)).toBe(paused.pausedWorkingDays);
        },
      ),
      { numRuns: 300 },
    );
  });
});
