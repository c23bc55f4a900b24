// A stored check (history) and its alert: each run is one row of health_runs with the whole result, audited;
// when the verdict worsens against the previous run (合格 → 不合格) or a veto item appears that was not there,
// the office at the site root is e-mailed through the outbox, and the dashboard shows the latest run's alert.
import type { Actor, Deps } from "../../deps";
import { newId } from "../../platform/ids";
import { can } from "../accounts";
import { recordAudit } from "../audit";
import { recipientsOf } from "../interaction";
import { enqueueMail } from "../mail";
import { listSites, loadOrgTree } from "../orgs";
import type { LinkRunOptions } from "./health.links";
import * as repo from "./health.repo";
import { checkSite, type HealthResult } from "./health.service";
import { VERDICT_LABELS, VETO_LABELS, type Verdict, type VetoCode, worsened } from "./health.verdict";

export const HEALTH_ALERT_KIND = "health_alert";

export interface StoredRun extends HealthResult {
  id: string;
  alerted: boolean;
  /** The veto items this run found that the previous one had not. */
  new_vetoes: VetoCode[];
}

export interface HistoryRow {
  id: string;
  run_at: string;
  checked_on: string;
  verdict: Verdict["verdict"];
  score: number;
  vetoes: VetoCode[];
  alerted: boolean;
}

const verdictOf = (r: { verdict: string; score: number; vetoes: string }): Verdict => ({
  verdict: r.verdict as Verdict["verdict"],
  score: r.score,
  vetoes: JSON.parse(r.vetoes) as VetoCode[],
  deductions: [],
});

export function alertText(deps: Deps, siteName: string, run: HealthResult, newVetoes: VetoCode[]): string {
  const lines = [
    `${siteName}网站健康检查（${run.checked_on}）预判结果：${VERDICT_LABELS[run.verdict]}，得分 ${run.score}。`,
  ];
  if (newVetoes.length)
    lines.push("", "新出现的单项否决项：", ...newVetoes.map((v) => `- ${VETO_LABELS[v]}`));
  if (run.deductions.length)
    lines.push(
      "",
      "扣分项：",
      ...run.deductions.map((d) => `- ${d.label}：${d.count} 处，扣 ${d.points} 分`),
    );
  lines.push(
    "",
    `详情：${deps.config.publicUrl ?? ""}/admin/health`,
    "",
    "本邮件由系统在检查结果变差时自动发送，请勿直接回复。",
  );
  return lines.join("\n");
}

/** Runs the check of one site, stores it and alerts the office when it worsened. */
export async function runHealthCheck(
  deps: Deps,
  actor: Actor,
  siteId: string,
  links: LinkRunOptions | false = {},
): Promise<StoredRun> {
  const result = await checkSite(deps, siteId, links);
  const db = deps.db.kysely;
  const previous = await repo.latestRun(db, siteId);
  const { worse, newVetoes } = worsened(previous ? verdictOf(previous) : undefined, result);
  const id = newId();
  const sites = await listSites(deps);
  const site = sites.find((s) => s.id === siteId);
  let alerted = false;
  // Read before the transaction: on SQLite a read through another handle would wait for it to end.
  const tree = await loadOrgTree(deps, siteId);
  const root = tree.roots(siteId)[0];
  await db.transaction().execute(async (trx) => {
    await repo.insertRun(trx, {
      id,
      site_id: siteId,
      run_at: result.run_at,
      checked_on: result.checked_on,
      verdict: result.verdict,
      score: result.score,
      vetoes: JSON.stringify(result.vetoes),
      result: JSON.stringify(result),
      alerted: 0,
    });
    await recordAudit(trx, deps.clock, actor, {
      action: "health.check",
      entityType: "health_run",
      entityId: id,
      orgId: null,
      siteId,
      summary: { verdict: VERDICT_LABELS[result.verdict], score: result.score, vetoes: result.vetoes.length },
    });
    if (!worse) return;
    const staff = await recipientsOf(
      trx,
      tree.flatten(siteId).map(({ org }) => org.id),
    );
    const office = staff.filter(
      (u) =>
        root &&
        u.roles.includes("office") &&
        can({ orgId: u.org_id, roles: u.roles }, "health.view", root.id, tree),
    );
    for (const who of office)
      await enqueueMail(deps, trx, actor, {
        kind: HEALTH_ALERT_KIND,
        siteId,
        to: who.email,
        recipientUserId: who.id,
        subject: `【网站健康检查】预判${VERDICT_LABELS[result.verdict]}${newVetoes.length ? `，新出现单项否决项 ${newVetoes.length} 项` : ""}`,
        text: alertText(deps, site?.name ?? "", result, newVetoes),
        entity: { type: "health_run", id },
        dedupeKey: `${HEALTH_ALERT_KIND}:${who.id}:${id}`,
      });
    await repo.markAlerted(trx, id);
    alerted = true;
  });
  return { ...result, id, alerted, new_vetoes: newVetoes };
}

/** The latest stored run of a site, or undefined before the first check. */
export async function latestHealth(deps: Pick<Deps, "db">, siteId: string): Promise<StoredRun | undefined> {
  const r = await repo.latestRun(deps.db.kysely, siteId);
  if (!r) return undefined;
  return { ...(JSON.parse(r.result) as HealthResult), id: r.id, alerted: r.alerted === 1, new_vetoes: [] };
}

export async function healthHistory(
  deps: Pick<Deps, "db">,
  siteId: string,
  limit = 90,
): Promise<HistoryRow[]> {
  return (await repo.listRuns(deps.db.kysely, siteId, limit)).map((r) => ({
    id: r.id,
    run_at: r.run_at,
    checked_on: r.checked_on,
    verdict: r.verdict as Verdict["verdict"],
    score: r.score,
    vetoes: JSON.parse(r.vetoes) as VetoCode[],
    alerted: r.alerted === 1,
  }));
}

/** The daily job: every site once (one bounded link pass each); prints per-site verdicts. */
export async function runDailyHealthChecks(
  deps: Deps,
  actor: Actor,
  links: LinkRunOptions = {},
): Promise<{
  sites: Array<{ site: string; verdict: string; score: number; vetoes: VetoCode[]; alerted: boolean }>;
}> {
  const out = [];
  for (const s of await listSites(deps)) {
    const r = await runHealthCheck(deps, actor, s.id, links);
    out.push({ site: s.code, verdict: r.verdict, score: r.score, vetoes: r.vetoes, alerted: r.alerted });
  }
  return { sites: out };
}
