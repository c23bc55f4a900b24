import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors";
import {
  bandForNthInMonth,
  describeFee,
  FEE_INPUT_MAX,
  feeFor,
  feeForNthInMonth,
  feeForPages,
  pageFeeBreakdown,
} from "./fees";

/** The published per-page rate of page p (国办函〔2020〕109号), written independently of PAGE_BANDS. */
const rateOfPage = (p: number) => (p <= 30 ? 0 : p <= 100 ? 10 : p <= 200 ? 20 : 40);

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? e.code : "not_app_error";
  }
  return undefined;
};

describe("按件: feeForNthInMonth", () => {
  it.each([
    [1, 0],
    [10, 0],
    [11, 100],
    [30, 100],
    [31, 200],
    [40, 200],
    [41, 300],
    [50, 300],
    [51, 400],
    [100, 800],
    [101, 900],
  ])("application %i of the month costs %i 元", (n, yuan) => {
    expect(feeForNthInMonth(n)).toBe(yuan);
  });

  it("names the band for the fee notice", () => {
    expect(bandForNthInMonth(10)).toEqual({ first: 1, last: 10, yuan: 0 });
    expect(bandForNthInMonth(11)).toEqual({ first: 11, last: 30, yuan: 100 });
    expect(bandForNthInMonth(31)).toEqual({ first: 31, last: 40, yuan: 200 });
    expect(bandForNthInMonth(40)).toEqual({ first: 31, last: 40, yuan: 200 });
    expect(bandForNthInMonth(41)).toEqual({ first: 41, last: 50, yuan: 300 });
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, FEE_INPUT_MAX + 1])("refuses %s", (n) => {
    expect(codeOf(() => feeForNthInMonth(n))).toBe("fee_nth_invalid");
  });
});

describe("按量: feeForPages", () => {
  it.each([
    [1, 0],
    [30, 0],
    [31, 10],
    [100, 700],
    [101, 720],
    [200, 2700],
    [201, 2740],
    [250, 4700],
  ])("%i pages cost %i 元", (pages, yuan) => {
    expect(feeForPages(pages)).toBe(yuan);
  });

  it("breaks 250 pages into its bands", () => {
    expect(pageFeeBreakdown(250)).toEqual([
      { from: 31, to: 100, pages: 70, yuanPerPage: 10, yuan: 700 },
      { from: 101, to: 200, pages: 100, yuanPerPage: 20, yuan: 2000 },
      { from: 201, to: 250, pages: 50, yuanPerPage: 40, yuan: 2000 },
    ]);
    expect(pageFeeBreakdown(30)).toEqual([]);
  });

  it.each([0, -30, 2.5, Number.NaN, FEE_INPUT_MAX + 1])("refuses %s pages", (pages) => {
    expect(codeOf(() => feeForPages(pages))).toBe("fee_pages_invalid");
  });

  it("lists the problem with its field", () => {
    try {
      feeForPages(0);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).status).toBe(400);
      expect((e as AppError).details).toEqual([
        { field: "pages", code: "positive_integer_required", message: "页数应为正整数。" },
      ]);
    }
  });
});

describe("describeFee", () => {
  it("explains a 按量 fee band by band", () => {
    expect(describeFee({ method: "by_pages", pages: 250 })).toBe(
      "按量收费：共250页，第31至100页70页×10元=700元；第101至200页100页×20元=2000元；第201至250页50页×40元=2000元；合计4700元",
    );
    expect(describeFee({ method: "by_pages", pages: 31 })).toBe(
      "按量收费：共31页，第31至31页1页×10元=10元；合计10元",
    );
    expect(describeFee({ method: "by_pages", pages: 12 })).toBe(
      "按量收费：共12页，30页以内（含30页）不收费；合计0元",
    );
  });

  it("explains a 按件 fee with its band", () => {
    expect(describeFee({ method: "by_count", nthInMonth: 35 })).toBe(
      "按件收费：本自然月内第35件申请，属第31至40件档，每件200元；合计200元",
    );
    expect(describeFee({ method: "by_count", nthInMonth: 11 })).toBe(
      "按件收费：本自然月内第11件申请，属第11至30件档，每件100元；合计100元",
    );
    expect(describeFee({ method: "by_count", nthInMonth: 3 })).toBe(
      "按件收费：本自然月内第3件申请，每月前10件（含）不收费；合计0元",
    );
  });

  it("validates like the fee functions", () => {
    expect(codeOf(() => describeFee({ method: "by_pages", pages: 0 }))).toBe("fee_pages_invalid");
    expect(codeOf(() => describeFee({ method: "by_count", nthInMonth: 0 }))).toBe("fee_nth_invalid");
  });
});

describe("fee properties", () => {
  const pages = fc.integer({ min: 1, max: 5000 });
  const nth = fc.integer({ min: 1, max: 5000 });

  it("按量 is the sum of per-page marginal fees", () => {
    fc.assert(
      fc.property(pages, (p) => {
        let sum = 0;
        for (let i = 1; i <= p; i++) sum += rateOfPage(i);
        expect(feeForPages(p)).toBe(sum);
        if (p > 1) expect(feeForPages(p) - feeForPages(p - 1)).toBe(rateOfPage(p));
      }),
      { numRuns: 300 },
    );
  });

  it("按量 is non-decreasing in pages", () => {
    fc.assert(
      fc.property(pages, pages, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(feeForPages(lo)).toBeLessThanOrEqual(feeForPages(hi));
      }),
    );
  });

  it("按件 is non-decreasing in the month's count, and steps by 100 元 every 10 from the 31st", () => {
    fc.assert(
      fc.property(nth, nth, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(feeForNthInMonth(lo)).toBeLessThanOrEqual(feeForNthInMonth(hi));
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 31, max: 5000 }), (n) => {
        expect(feeForNthInMonth(n + 10)).toBe(feeForNthInMonth(n) + 100);
      }),
    );
  });

  it("the explanation always ends with the fee it explains", () => {
    fc.assert(
      fc.property(pages, nth, (p, n) => {
        expect(describeFee({ method: "by_pages", pages: p })).toMatch(
          new RegExp(`合计${feeFor({ method: "by_pages", pages: p })}元$`),
        );
        expect(describeFee({ method: "by_count", nthInMonth: n })).toMatch(
          new RegExp(`合计${feeFor({ method: "by_count", nthInMonth: n })}元$`),
        );
      }),
    );
  });

  it("stays exact at the largest accepted input", () => {
    expect(feeForPages(FEE_INPUT_MAX)).toBe(2700 + (FEE_INPUT_MAX - 200) * 40);
    expect(Number.isSafeInteger(feeForNthInMonth(FEE_INPUT_MAX))).toBe(true);
  });
});
