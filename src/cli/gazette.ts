// `gongkai gazette import DIR [--site C]`: imports back issues of the gazette (政府公报) from their PDF or Word
// files (docs/gazette.md: a manifest.json, or file names YYYY-NN-MMM-YYYYMMDD.pdf). A progress bar on stderr
// (plain lines when it is not a terminal), the counts on stdout at the end. Idempotent: a file already
// imported (same SHA-256) is skipped. Exit 0; 2 when the folder or a name is wrong (nothing imported) or a file
// was refused; 3 for a site that does not exist.
import type { Command } from "commander";
import { cliActor, runCommand } from "./context";
import { pickSite, withMigratedDeps } from "./site";

export function registerGazetteCommands(program: Command): void {
  const gazette = program.command("gazette").description("the government gazette (政府公报)");
  gazette
    .command("import")
    .description("import back issues from a folder of PDF or Word files; prints how many were imported")
    .argument("<dir>", "the folder (manifest.json, or files named YYYY-NN-MMM-YYYYMMDD.pdf|docx)")
    .option("--site <c>", "site code (default: the only site)")
    .action(
      runCommand((dir: string, o: { site?: string }) =>
        withMigratedDeps(async (deps) => {
          // The domain (and the file worker) load only when this command runs.
          const { importBackIssues } = await import("../domains/gazette/gazette.import");
          const site = await pickSite(deps, o.site);
          const tty = Boolean(process.stderr.isTTY);
          const r = await importBackIssues(deps, cliActor(), site.id, dir, (p) => {
            const width = 30;
            const filled = p.total ? Math.round((p.done / p.total) * width) : width;
            const line = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${p.done}/${p.total} ${p.file}`;
            process.stderr.write(tty ? `\r${line}` : `${line}\n`);
          });
          if (tty) process.stderr.write("\n");
          for (const f of r.failed) process.stderr.write(`  - ${f.file}: ${f.message} [${f.code}]\n`);
          process.stdout.write(
            `已导入往期公报 ${r.imported} 期，已存在跳过 ${r.skipped} 期${r.failed.length ? `，未导入 ${r.failed.length} 期` : ""}。\n`,
          );
          if (r.failed.length) process.exitCode = 2;
        }),
      ),
    );
}
