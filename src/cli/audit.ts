// `gongkai audit verify` (CONTRACT.md: exit 0 intact; exit 1 and the first broken entry otherwise) and
// `gongkai audit anchor [--force]`, which rewrites the head file kept outside the database.
import type { Command } from "commander";
import { anchorAuditHead, type VerifyResult, verifyAuditChain } from "../domains/audit";
import { headFilePath } from "../domains/audit/audit.anchor";
import { cliActor, runCommand, withDeps } from "./context";

const run = runCommand;

const PROBLEMS: Record<Extract<VerifyResult, { ok: false }>["problem"], string> = {
  hash_mismatch: "内容与哈希不符：被修改，或被不持有密钥者重写",
  chain_broken: "未指向前一条的哈希：有记录被插入或替换",
  gap: "序号缺失：有记录被删除",
  head_mismatch: "链头与最后一条记录不符：末尾记录被删除或链头被修改",
  seal_mismatch: "升级前记录的封存或密钥启用点不符",
  rolled_back: "库外链头文件所记的记录在数据库中已不存在：数据库被回退",
  anchor_mismatch: "库外链头文件所记的记录与数据库不同：数据库被回退后又写入，或被重写",
  anchor_invalid: "库外链头文件无法读取、校验码不符或属于另一数据库",
};

/** What `audit verify` prints; exported for the page and tests. */
export function describeVerify(r: VerifyResult, headFile: string): string[] {
  if (!r.ok)
    return [
      `审计日志异常：第 ${r.seq} 条记录（${r.problem}：${PROBLEMS[r.problem]}${r.detail ? `；${r.detail}` : ""}），此前 ${r.entries} 条完好。`,
    ];
  const lines = [`审计日志完整：共 ${r.entries} 条，哈希链校验通过。`];
  if (r.keyedFrom > 1)
    lines.push(
      `第 1–${r.keyedFrom - 1} 条为启用密钥前的 SHA-256 记录，已用密钥封存；其后各条为 HMAC-SHA256。`,
    );
  lines.push(
    r.anchor.state === "ok"
      ? `库外链头文件（${headFile}）记至第 ${r.anchor.seq} 条，与数据库一致。`
      : `警告：未找到库外链头文件（${headFile}），无法发现数据库被回退；可运行 gongkai audit anchor 写入。`,
  );
  return lines;
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command("audit").description("audit log");
  audit
    .command("verify")
    .description("check the audit log's keyed hash chain and the head file kept outside the database")
    .action(
      run(() =>
        withDeps(async (deps) => {
          const r = await verifyAuditChain(deps);
          for (const line of describeVerify(r, headFilePath(deps.config))) console.log(line);
          if (!r.ok) process.exitCode = 1;
        }),
      ),
    );
  audit
    .command("anchor")
    .description("write the head file from the database (after an upgrade, a move, or a deliberate restore)")
    .option("--force", "replace a head file that names entries the database no longer holds")
    .action(
      run((o: { force?: boolean }) =>
        withDeps(async (deps) => {
          const r = await anchorAuditHead(deps, cliActor(), { force: o.force });
          console.log(`已写入库外链头文件（${headFilePath(deps.config)}）：第 ${r.seq} 条。`);
          if (r.replaced)
            console.log(
              `原文件${"seq" in r.replaced ? `记至第 ${r.replaced.seq} 条` : `无效（${r.replaced.invalid}）`}，此次替换已记入审计日志。`,
            );
        }),
      ),
    );
}
