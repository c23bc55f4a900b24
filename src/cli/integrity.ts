// `gongkai integrity seal` seals finished days into each site's daily chain; `gongkai integrity check` seals
// too, then recomputes the chain and compares the live content of every published item with it (防篡改):
// exit 0 when intact, exit 1 listing each difference (and an alert to the office: audit entry, mail,
// dashboard). docs/integrity.md.
import type { Command } from "commander";
import { type Difference, sealAndCheck, sealDays } from "../domains/integrity";
import { getSite } from "../domains/orgs";
import { cliActor, runCommand, withDeps } from "./context";

const KIND_LABELS: Record<Difference["kind"], string> = {
  chain_link_broken: "链条断开",
  record_altered: "记录被改",
  content_changed: "内容被改",
  files_changed: "附件被改",
  hash_changed: "哈希被改",
  item_missing: "信息缺失",
  item_unsealed: "未入记录",
  hash_missing: "缺少哈希",
};

/** What `integrity check` prints; exported for tests. */
export function describeCheck(diffs: Difference[], alerts: string[]): string[] {
  if (diffs.length === 0) return ["核验链完整：每日记录环环相扣，全部已发布信息与记录一致。"];
  return [
    `发现 ${diffs.length} 处差异：`,
    ...diffs.map((d) => `  [${d.kind}] ${KIND_LABELS[d.kind]}：${d.message}`),
    alerts.length
      ? `已向政务公开办发出告警（${alerts.length} 条：审计日志、邮件、后台工作台）。`
      : "相同差异的告警尚未确认，未重复告警。",
  ];
}

export function registerIntegrityCommands(program: Command): void {
  const integrity = program
    .command("integrity")
    .description("verifiable publication: the daily chain (可核查)");
  integrity
    .command("seal")
    .description("seal every finished day (Asia/Shanghai) not sealed yet into each site's chain")
    .option("--site <code>", "one site only")
    .action(
      runCommand((o: { site?: string }) =>
        withDeps(async (deps) => {
          const siteId = o.site ? (await getSite(deps, o.site)).id : undefined;
          const results = await sealDays(deps, cliActor(), { siteId });
          const days = results.flatMap((r) => r.days);
          if (days.length === 0) console.log("没有需要封存的日期。");
          for (const d of days) console.log(`已封存 ${d.day}：${d.leaves} 条信息，记录哈希 ${d.hash}`);
        }),
      ),
    );
  integrity
    .command("check")
    .description("seal finished days, then compare the live content of every publication with the chain")
    .option("--site <code>", "one site only")
    .option("--json", "print the differences as JSON")
    .action(
      runCommand((o: { site?: string; json?: boolean }) =>
        withDeps(async (deps) => {
          const siteId = o.site ? (await getSite(deps, o.site)).id : undefined;
          const r = await sealAndCheck(deps, cliActor(), { siteId });
          if (o.json)
            console.log(
              JSON.stringify({
                intact: r.differences.length === 0,
                differences: r.differences,
                alerts: r.alerts,
              }),
            );
          else for (const line of describeCheck(r.differences, r.alerts)) console.log(line);
          if (r.differences.length) process.exitCode = 1;
        }),
      ),
    );
}
