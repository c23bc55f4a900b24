// `gongkai fees --pages N | --nth-in-month N` (CONTRACT.md): the 信息处理费 of one application, printed as
// {"yuan":X} alone so scripts can parse it. No database: the scale is fixed by 国办函〔2020〕109号.
import type { Command } from "commander";
import { feeForNthInMonth, feeForPages } from "../domains/applications/fees";
import { AppError } from "../platform/errors";
import { reportCliError } from "./context";

/** Digits only: Number() would accept " 12", "0x1f" and "1e3", which a script never meant. */
function parseCount(raw: string, option: string): number {
  if (!/^\d{1,10}$/.test(raw)) {
    throw new AppError("invalid_number", 400, `${option} 应为正整数：${raw}`, [
      { field: option, code: "positive_integer_required", message: `${option} 应为正整数。` },
    ]);
  }
  return Number(raw);
}

export function registerFeesCommands(program: Command): void {
  program
    .command("fees")
    .description(
      '信息处理费 of one application: --pages N (按量) or --nth-in-month N (按件); prints {"yuan":X}',
    )
    .option("--pages <n>", "pages of the application (按量)")
    .option("--nth-in-month <n>", "the applicant's Nth application this calendar month (按件)")
    .action(async (o: { pages?: string; nthInMonth?: string }) => {
      try {
        // One method per application (管理办法): asking for both, or neither, is a mistake to report.
        if ((o.pages === undefined) === (o.nthInMonth === undefined)) {
          throw new AppError(
            "fee_method_required",
            400,
            "请在 --pages 与 --nth-in-month 中指定且只指定一个。",
          );
        }
        const yuan =
          o.pages !== undefined
            ? feeForPages(parseCount(o.pages, "--pages"))
            : feeForNthInMonth(parseCount(o.nthInMonth as string, "--nth-in-month"));
        process.stdout.write(`${JSON.stringify({ yuan })}\n`);
      } catch (e) {
        reportCliError(e);
      }
    });
}
