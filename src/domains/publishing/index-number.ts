// 索引号 patterns. There is no national format (RULES.md §1); the default is
// `{credit}/{year}-{serial:5}`, e.g. 11441700007280420Y/2021-00050. Tokens:
//   {credit}  the issuing organisation's unified social credit code (its org code when it has none)
//   {org}     the organisation's code in gongkai
//   {year}    the year of publication (Asia/Shanghai)
//   {serial:N} a per-prefix serial, zero-padded to N digits (exactly one, at the end)
import { AppError } from "../../platform/errors";

const TOKEN = /\{(credit|org|year|serial(?::(\d))?)\}/g;

export interface IndexContext {
  creditCode: string | null;
  orgCode: string;
  year: number;
}

export function checkIndexPattern(pattern: string): string | null {
  const serials = [...pattern.matchAll(/\{serial(?::\d)?\}/g)];
  if (serials.length !== 1) return "索引号规则必须包含且只包含一个 {serial:N}。";
  if (!pattern.trimEnd().endsWith(serials[0]![0])) return "{serial:N} 必须位于索引号规则末尾。";
  const unknown = pattern.replace(TOKEN, "").match(/\{[^}]*\}/);
  if (unknown) return `索引号规则中有无法识别的占位符 ${unknown[0]}。`;
  return null;
}

/** Splits a pattern into the prefix that keys its counter and a function rendering the serial. */
export function expandIndexPattern(
  pattern: string,
  ctx: IndexContext,
): { prefix: string; render(serial: number): string } {
  const problem = checkIndexPattern(pattern);
  if (problem) throw new AppError("invalid_index_pattern", 500, problem);
  let width = 5;
  const prefix = pattern.replace(TOKEN, (_m, name: string, w?: string) => {
    if (name === "credit") return ctx.creditCode ?? ctx.orgCode;
    if (name === "org") return ctx.orgCode;
    if (name === "year") return String(ctx.year);
    width = w ? Number(w) : 5;
    return "";
  });
  return { prefix, render: (serial) => `${prefix}${String(serial).padStart(width, "0")}` };
}
