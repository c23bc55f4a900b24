// `gongkai health check [--site C] [--max-links N]`: runs the site-health check now (国办秘函〔2019〕19号
// indicators, one bounded pass over the published pages' links), stores it in the history, alerts the office
// when the verdict worsened, and prints the result as JSON (the same body as GET /api/v1/health/site).
// Exit 0; 2 for bad input; 3 for a site that does not exist.
import type { Command } from "commander";
import { runHealthCheck } from "../domains/health";
import { AppError } from "../platform/errors";
import { cliActor, runCommand } from "./context";
import { pickSite, withMigratedDeps } from "./site";

export function registerHealthCommands(program: Command): void {
  const health = program.command("health").description("site health (网站健康检查, 国办秘函〔2019〕19号)");
  health
    .command("check")
    .description(
      "check a site against the national inspection indicators and print the predicted verdict (JSON)",
    )
    .option("--site <c>", "site code (default: the only site)")
    .option("--max-links <n>", "links checked in this run (0 to 1000, default 200)")
    .action(
      runCommand((o: { site?: string; maxLinks?: string }) =>
        withMigratedDeps(async (deps) => {
          let maxLinks: number | undefined;
          if (o.maxLinks !== undefined) {
            maxLinks = Number(o.maxLinks);
            if (!/^\d+$/.test(o.maxLinks.trim()) || maxLinks > 1000)
              throw new AppError("invalid_max_links", 400, "--max-links 应为 0 至 1000 的整数。", [
                { field: "--max-links", code: "invalid_max_links", message: "应为 0 至 1000 的整数。" },
              ]);
          }
          const site = await pickSite(deps, o.site);
          const r = await runHealthCheck(deps, cliActor(), site.id, { maxLinks });
          process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
        }),
      ),
    );
}
