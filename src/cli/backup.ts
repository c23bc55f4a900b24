// `gongkai backup --out DIR` and `gongkai restore DIR [--force] [--verify-only]` (CONTRACT.md; docs/backup.md).
// backup: exit 0 and a summary. restore: exit 0 and a summary, or exit 1 naming each mismatch; a refusal
// before anything was written (target not empty, bad --out) is an error with its code, exit 2.
import type { Command } from "commander";
import { loadConfig } from "../config";
import { createLogger } from "../deps";
import { createBackup, filesBytes, restoreBackup, totalRows } from "../domains/backup";
import { systemClock } from "../platform/time";
import { cliActor, runCommand, withDeps } from "./context";

export function registerBackupCommands(program: Command): void {
  program
    .command("backup")
    .description("back up the database and the data folder (never the secret key) with a signed manifest")
    .requiredOption("--out <dir>", "a new or empty folder outside the data folder")
    .action(
      runCommand((o: { out: string }) =>
        withDeps(async (deps) => {
          const r = await createBackup(deps, cliActor(), o.out);
          const m = r.manifest;
          console.log(`已备份到 ${r.dir}`);
          console.log(
            `数据库（${m.engine} ${m.engine_version}，迁移至 ${m.schema.latest ?? "无"}）：${Object.keys(m.tables).length} 张表、共 ${totalRows(m.tables)} 行；审计链头第 ${m.audit.last_seq} 条。`,
          );
          console.log(`数据文件：${m.files.length} 个、共 ${filesBytes(m)} 字节，均已记录 SHA-256。`);
          console.log(
            "未包含：密钥（secret.key 或 GONGKAI_SECRET_KEY，须另行妥善保存）、审计链头文件、未完成的上传。",
          );
          if (r.skipped.length) console.log(`跳过非普通文件：${r.skipped.join("、")}`);
        }),
      ),
    );
  program
    .command("restore")
    .description("restore a backup into the configured (empty) database and data folder, then verify it")
    .argument("<dir>", "the backup folder (with manifest.json)")
    .option("--force", "replace a database and data folder that are not empty")
    .option("--verify-only", "only check the configured database and data folder against the manifest")
    .action(
      runCommand(async (dir: string, o: { force?: boolean; verifyOnly?: boolean }) => {
        // Never a new key here: it could not read what the backup's key encrypted (docs/backup.md).
        const config = loadConfig(process.env, {}, { newKey: false });
        const r = await restoreBackup(
          { config, logger: createLogger(config), clock: systemClock },
          cliActor(),
          dir,
          {
            force: o.force,
            verifyOnly: o.verifyOnly,
          },
        );
        if (!r.ok) {
          console.error(
            r.restored
              ? "已写入备份，但恢复结果与清单不符："
              : o.verifyOnly
                ? "校验未通过："
                : "备份未通过校验，未作任何改动：",
          );
          for (const p of r.problems) console.error(`  - ${p}`);
          process.exitCode = 1;
          return;
        }
        const m = r.manifest!;
        console.log(
          o.verifyOnly
            ? `当前数据库和数据目录与备份 ${dir} 的清单一致（${m.created_at} 制作）。`
            : `已从 ${dir} 恢复（${m.engine}，${m.created_at} 制作，gongkai ${m.gongkai_version}，迁移至 ${m.schema.latest ?? "无"}）。`,
        );
        for (const line of r.summary) console.log(line);
        if (!o.verifyOnly)
          console.log(
            "已依据恢复后的数据库重写库外链头文件；如本版本有新的迁移，请运行 gongkai db migrate。",
          );
      }),
    );
}
