// `gongkai report annual --year YYYY [--org CODE] [--site C] [--format json|docx|pdf] [--out FILE]`: the
// annual report's tables 二, 三 and 四 and their check: the same JSON as GET /api/v1/reports/annual, or the
// report in the official layout as a Word (docx) or PDF file. Exit 0; 2 for bad input (every problem listed);
// 3 for an organisation or site that does not exist.
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import {
  computeAnnualReport,
  parseYear,
  renderAnnualReportDocx,
  renderAnnualReportPdf,
} from "../domains/reports";
import { AppError } from "../platform/errors";
import { runCommand } from "./context";
import { pickSite, withMigratedDeps } from "./site";

function formatProblems(format: string) {
  if (format === "json" || format === "docx" || format === "pdf") return [];
  return [{ field: "--format", code: "invalid_format", message: "格式应为 json、docx 或 pdf。" }];
}

export function registerReportCommands(program: Command): void {
  const report = program.command("report").description("reports (政府信息公开工作年度报告)");
  report
    .command("annual")
    .description("the annual report of a year (国办公开办函〔2021〕30号 tables 二, 三, 四 and the check)")
    .requiredOption("--year <y>", "the report's year (2021 to this year)")
    .option("--org <code>", "one organisation (default: every organisation of the site summed)")
    .option("--site <c>", "site code (default: the only site)")
    .option("--format <f>", "json, docx or pdf", "json")
    .option("--out <file>", "write to this file instead of stdout")
    .action(
      runCommand((o: { year: string; org?: string; site?: string; format: string; out?: string }) =>
        withMigratedDeps(async (deps) => {
          const format = o.format.trim().toLowerCase();
          const year = parseYear(deps, o.year, formatProblems(format));
          const site = await pickSite(deps, o.site);
          const r = await computeAnnualReport(deps, site.id, { year, orgCode: o.org?.trim() || undefined });
          const out =
            format === "docx"
              ? await renderAnnualReportDocx(r)
              : format === "pdf"
                ? await renderAnnualReportPdf(r)
                : `${JSON.stringify(r, null, 2)}\n`;
          if (o.out) {
            try {
              writeFileSync(o.out, out);
            } catch (e) {
              throw new AppError("cannot_write", 400, `无法写入文件 ${o.out}：${(e as Error).message}`);
            }
            process.stderr.write(`已写入 ${o.out}\n`);
          } else process.stdout.write(out);
        }),
      ),
    );
}
