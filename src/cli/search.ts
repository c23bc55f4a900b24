// `gongkai search reindex [--site C]` rebuilds the index (every site without --site) with a progress bar on
// stderr when it is a terminal, plain progress lines otherwise, and the count on stdout at the end;
// `gongkai search query "Q" [--site C] [--org …]` prints the same JSON as GET /api/v1/search.
import type { Command } from "commander";
import { listSites, type Site } from "../domains/orgs";
import { countSiteDocs, type ReindexProgress, reindexSite, runSearch, searchJson } from "../domains/search";
import { pickSite, runStructureCommand, withMigratedDeps } from "./site";

function progressWriter(site: Site, total: number) {
  const tty = Boolean(process.stderr.isTTY);
  let lastLine = 0;
  return {
    update(p: ReindexProgress) {
      if (tty) {
        const width = 30;
        const filled = total > 0 ? Math.min(width, Math.round((p.done / total) * width)) : width;
        process.stderr.write(
          `\r${site.code} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${p.done}/${total} ${p.label}`,
        );
      } else if (p.done - lastLine >= 1000 || p.done === total) {
        lastLine = p.done;
        process.stderr.write(`${site.code}: ${p.done}/${total} (${p.label})\n`);
      }
    },
    end() {
      if (tty) process.stderr.write("\n");
    },
  };
}

export function registerSearchCommands(program: Command): void {
  const search = program.command("search").description("site search (站内搜索)");
  search
    .command("reindex")
    .description("rebuild the search index from every source; prints the number of documents indexed")
    .option("--site <c>", "site code (default: every site)")
    .action(
      runStructureCommand((o: { site?: string }) =>
        withMigratedDeps(async (deps) => {
          const sites = o.site ? [await pickSite(deps, o.site)] : await listSites(deps);
          let indexed = 0;
          let removed = 0;
          for (const site of sites) {
            const bar = progressWriter(site, await countSiteDocs(deps, site.id));
            const r = await reindexSite(deps, site.id, (p) => bar.update(p));
            bar.end();
            indexed += r.indexed;
            removed += r.removed;
          }
          process.stdout.write(
            `已重建搜索索引：${sites.length} 个站点，共 ${indexed} 条${removed ? `，清除过期条目 ${removed} 条` : ""}。\n`,
          );
        }),
      ),
    );
  search
    .command("query")
    .description("search as GET /api/v1/search does and print its JSON")
    .argument("<q>", "the words to find")
    .option("--site <c>", "site code (default: the only site)")
    .option("--org <code>", "organisation code")
    .option("--kind <k>", "information kind")
    .option("--type <t>", "record type")
    .option("--catalog-node <id>", "catalogue node id")
    .option("--year <y>", "year of publication")
    .option("--validity <v>", "validity")
    .option("--sort <s>", "relevance or date")
    .option("--page <n>", "page")
    .option("--per-page <n>", "results per page")
    .action(
      runStructureCommand((q: string, o: Record<string, string | undefined>) =>
        withMigratedDeps(async (deps) => {
          const site = await pickSite(deps, o.site);
          const view = await runSearch(deps, site.id, {
            q,
            org: o.org,
            kind: o.kind,
            type: o.type,
            catalog_node: o.catalogNode,
            year: o.year,
            validity: o.validity,
            sort: o.sort,
            page: o.page,
            per_page: o.perPage,
          });
          process.stdout.write(`${JSON.stringify(searchJson(view), null, 2)}\n`);
        }),
      ),
    );
}
