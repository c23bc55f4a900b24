// `gongkai publish-static --out DIR [--site CODE] [--watch] [--check]` (docs/static-publication.md): the public
// site as files for nginx; `--watch` keeps them current from the audit log (and checks them hourly);
// `--check` compares the files with the manifest, restores any difference and alerts the office (exit 1).
import type { Command } from "commander";
import { runCommand } from "./context";

export function registerStaticCommands(program: Command): void {
  program
    .command("publish-static")
    .description("write the public site as files for a web server (静态发布); --watch keeps them current")
    .requiredOption("--out <dir>", "the web root to write (empty, or published here before)")
    .option("--site <code>", "site code (default: the only site)")
    .option("--watch", "keep the files current: re-render what each audited change touches, check hourly")
    .option("--check", "compare the files with the manifest, restore differences, alert the office (exit 1)")
    .action(
      // The app and the renderer load only when asked for, like serve.
      runCommand(async (o: { out: string; site?: string; watch?: boolean; check?: boolean }) =>
        (await import("./static-run")).publishStaticCommand(o),
      ),
    );
}
