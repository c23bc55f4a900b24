// `gongkai messages stats [--year Y] [--site C]` stores the statistics of messages (互动交流统计) of a year for
// one site or every site, as the daily job does each morning, and prints the year's totals as JSON lines.
import type { Command } from "commander";
import { messageStatistics } from "../domains/interaction";
import { listSites } from "../domains/orgs";
import { AppError } from "../platform/errors";
import { shanghaiDateOf } from "../platform/time";
import { pickSite, runStructureCommand, withMigratedDeps } from "./site";

export function registerMessageCommands(program: Command): void {
  const messages = program.command("messages").description("residents' messages (互动交流)");
  messages
    .command("stats")
    .description("store a year's statistics of messages (every site without --site) and print its totals")
    .option("--year <y>", "the year (default: this year in Asia/Shanghai)")
    .option("--site <c>", "site code (default: every site)")
    .action(
      runStructureCommand((o: { year?: string; site?: string }) =>
        withMigratedDeps(async (deps) => {
          const year =
            o.year === undefined ? Number(shanghaiDateOf(deps.clock.now()).slice(0, 4)) : Number(o.year);
          if (!/^\d{4}$/.test(String(o.year ?? year)) || year < 2000 || year > 2200)
            throw new AppError("validation_failed", 400, "统计年度有误。", [
              { field: "--year", code: "invalid_year", message: "年度应为 2000 至 2200 之间的四位数字。" },
            ]);
          const sites = o.site ? [await pickSite(deps, o.site)] : await listSites(deps);
          for (const site of sites) {
            const s = await messageStatistics(deps, site.id, { year, refresh: true });
            const { key: _k, label: _l, ...total } = s.total;
            process.stdout.write(
              `${JSON.stringify({ site: site.code, year, computed_at: s.computed_at, total })}\n`,
            );
          }
        }),
      ),
    );
}
