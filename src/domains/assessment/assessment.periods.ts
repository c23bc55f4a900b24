// Assessment periods: a year (2025), a half-year (2025-H1), a quarter (2025-Q3) or a month (2025-07), each the
// calendar dates it covers (Asia/Shanghai).
import { daysInMonth } from "../../platform/calendar";
import type { PeriodKind } from "./assessment.tables";

export const PERIOD_KINDS: readonly PeriodKind[] = ["year", "half", "quarter", "month"];
export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = {
  year: "年度",
  half: "半年",
  quarter: "季度",
  month: "月度",
};

export interface Period {
  code: string;
  kind: PeriodKind;
  from: string;
  to: string;
  label: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (y: number, m: number) => `${y}-${pad(m)}-${pad(daysInMonth(y, m))}`;

/** The period a code names, or undefined (the years gongkai knows: 2008, the Regulation's first, to 2100). */
export function parsePeriod(code: string): Period | undefined {
  const m = /^(\d{4})(?:-(H[12]|Q[1-4]|\d{2}))?$/.exec(code.trim());
  if (!m) return undefined;
  const y = Number(m[1]);
  if (y < 2008 || y > 2100) return undefined;
  const part = m[2];
  if (!part) return { code: `${y}`, kind: "year", from: `${y}-01-01`, to: `${y}-12-31`, label: `${y}年度` };
  if (part.startsWith("H")) {
    const h = Number(part[1]);
    return {
      code: `${y}-${part}`,
      kind: "half",
      from: `${y}-${h === 1 ? "01" : "07"}-01`,
      to: h === 1 ? lastDay(y, 6) : lastDay(y, 12),
      label: `${y}年${h === 1 ? "上" : "下"}半年`,
    };
  }
  if (part.startsWith("Q")) {
    const q = Number(part[1]);
    return {
      code: `${y}-${part}`,
      kind: "quarter",
      from: `${y}-${pad(q * 3 - 2)}-01`,
      to: lastDay(y, q * 3),
      label: `${y}年第${"一二三四"[q - 1]}季度`,
    };
  }
  const mo = Number(part);
  if (mo < 1 || mo > 12) return undefined;
  return {
    code: `${y}-${pad(mo)}`,
    kind: "month",
    from: `${y}-${pad(mo)}-01`,
    to: lastDay(y, mo),
    label: `${y}年${mo}月`,
  };
}
