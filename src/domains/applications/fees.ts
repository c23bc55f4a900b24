// 信息处理费 (information processing fee) under Art. 42 of the Regulation and 《政府信息公开信息处理费管理办法》
// (国办函〔2020〕109号). Pure functions: the applications service decides *whether* to charge (number or
// frequency clearly beyond a reasonable range) and which one method applies; this file only says how much,
// and explains the sum in words an applicant can check against the published scale.
import { AppError } from "../../platform/errors";

/** One band of the 按量 (by volume) scale: pages from..to (to = null: no upper bound) at yuanPerPage. */
export interface PageBand {
  from: number;
  to: number | null;
  yuanPerPage: number;
}

/** 按量, per application, progressive on the excess like income tax: each page is charged at its own band. */
export const PAGE_BANDS: readonly PageBand[] = [
  { from: 1, to: 30, yuanPerPage: 0 },
  { from: 31, to: 100, yuanPerPage: 10 },
  { from: 101, to: 200, yuanPerPage: 20 },
  { from: 201, to: null, yuanPerPage: 40 },
];

/** 按量: pages of one application free of charge (the first band). */
export const FREE_PAGES = PAGE_BANDS[0]!.to!;

/** 按件: the first 10 applications in a calendar month are free, 11 to 30 cost 100 元 each. */
export const FREE_APPLICATIONS_PER_MONTH = 10;
export const FLAT_BAND_LAST = 30;
export const FLAT_BAND_YUAN = 100;
/** From the 31st on, every further 10 applications form a step, each step 100 元 dearer per application. */
export const STEP_SIZE = 10;
export const STEP_INCREMENT_YUAN = 100;

/** Far beyond anything real, and low enough that every fee stays an exact integer. */
export const FEE_INPUT_MAX = 1_000_000_000;

function assertPositiveInteger(value: number, field: "pages" | "nth", code: string, what: string): void {
  if (Number.isInteger(value) && value >= 1 && value <= FEE_INPUT_MAX) return;
  throw new AppError(code, 400, `${what}应为 1 至 ${FEE_INPUT_MAX} 之间的整数，收到：${String(value)}`, [
    { field, code: "positive_integer_required", message: `${what}应为正整数。` },
  ]);
}

const assertPages = (pages: number) => assertPositiveInteger(pages, "pages", "fee_pages_invalid", "页数");
const assertNth = (n: number) => assertPositiveInteger(n, "nth", "fee_nth_invalid", "本月申请序号");

/** The fee, in 元, of an applicant's Nth application within one calendar month (按件). */
export function feeForNthInMonth(n: number): number {
  assertNth(n);
  if (n <= FREE_APPLICATIONS_PER_MONTH) return 0;
  if (n <= FLAT_BAND_LAST) return FLAT_BAND_YUAN;
  const step = Math.ceil((n - FLAT_BAND_LAST) / STEP_SIZE);
  return FLAT_BAND_YUAN + step * STEP_INCREMENT_YUAN;
}

/** The band an applicant's Nth application falls in, for explanations: first..last at yuan each. */
export function bandForNthInMonth(n: number): { first: number; last: number; yuan: number } {
  assertNth(n);
  if (n <= FREE_APPLICATIONS_PER_MONTH) return { first: 1, last: FREE_APPLICATIONS_PER_MONTH, yuan: 0 };
  if (n <= FLAT_BAND_LAST)
    return { first: FREE_APPLICATIONS_PER_MONTH + 1, last: FLAT_BAND_LAST, yuan: FLAT_BAND_YUAN };
  const step = Math.ceil((n - FLAT_BAND_LAST) / STEP_SIZE);
  const first = FLAT_BAND_LAST + (step - 1) * STEP_SIZE + 1;
  return { first, last: first + STEP_SIZE - 1, yuan: feeForNthInMonth(n) };
}

export interface PageBandCharge {
  from: number;
  to: number;
  pages: number;
  yuanPerPage: number;
  yuan: number;
}

/** The chargeable bands of a `pages`-page application, lowest first (the free band is left out). */
export function pageFeeBreakdown(pages: number): PageBandCharge[] {
  assertPages(pages);
  const out: PageBandCharge[] = [];
  for (const band of PAGE_BANDS) {
    if (band.yuanPerPage === 0 || pages < band.from) continue;
    const to = band.to === null ? pages : Math.min(pages, band.to);
    const count = to - band.from + 1;
    out.push({
      from: band.from,
      to,
      pages: count,
      yuanPerPage: band.yuanPerPage,
      yuan: count * band.yuanPerPage,
    });
  }
  return out;
}

/** The fee, in 元, of one application of `pages` pages charged by volume (按量). */
export function feeForPages(pages: number): number {
  return pageFeeBreakdown(pages).reduce((sum, b) => sum + b.yuan, 0);
}

/** What a fee is computed from: one method per application (管理办法 forbids combining them). */
export type FeeBasis = { method: "by_pages"; pages: number } | { method: "by_count"; nthInMonth: number };

export function feeFor(basis: FeeBasis): number {
  return basis.method === "by_pages" ? feeForPages(basis.pages) : feeForNthInMonth(basis.nthInMonth);
}

/**
 * The computation in words, for the fee notice (收费通知书), e.g.
 * "按量收费：共250页，第31至100页70页×10元=700元；第101至200页100页×20元=2000元；第201至250页50页×40元=2000元；合计4700元".
 */
export function describeFee(basis: FeeBasis): string {
  if (basis.method === "by_pages") {
    const { pages } = basis;
    const bands = pageFeeBreakdown(pages);
    if (bands.length === 0) return `按量收费：共${pages}页，30页以内（含30页）不收费；合计0元`;
    const parts = bands.map((b) => `第${b.from}至${b.to}页${b.pages}页×${b.yuanPerPage}元=${b.yuan}元`);
    return `按量收费：共${pages}页，${parts.join("；")}；合计${feeForPages(pages)}元`;
  }
  const n = basis.nthInMonth;
  const band = bandForNthInMonth(n);
  if (band.yuan === 0)
    return `按件收费：本自然月内第${n}件申请，每月前${FREE_APPLICATIONS_PER_MONTH}件（含）不收费；合计0元`;
  return `按件收费：本自然月内第${n}件申请，属第${band.first}至${band.last}件档，每件${band.yuan}元；合计${band.yuan}元`;
}
