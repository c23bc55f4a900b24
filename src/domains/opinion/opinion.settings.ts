// A site's response clocks and early-warning thresholds (configurable, RULES.md §8), and the keyword lists
// the office maintains. Both site-wide: the office at the site root (opinion.manage).
import type { Deps, Executor } from "../../deps";
import { AppError, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree } from "../orgs";
import { authoriseSiteWide } from "./opinion.policy";
import * as repo from "./opinion.repo";
import type { SettingsInput } from "./opinion.schemas";

export type OpinionSettings = Omit<repo.SettingsRow, "site_id" | "updated_at">;

/** 国办发〔2016〕61号 and 80号: 5 h, 24 h, 48 h; a burst: 48 h against 14 days, three times and at least ten. */
export const OPINION_DEFAULTS: OpinionSettings = {
  info_hours: 5,
  press_hours: 24,
  response_hours: 48,
  window_hours: 48,
  baseline_days: 14,
  burst_ratio: 3,
  burst_min: 10,
};

export const SETTING_LABELS: Record<keyof OpinionSettings, [string, number, number]> = {
  info_hours: ["重大突发事件发布权威信息时限（小时）", 1, 72],
  press_hours: ["重大突发事件召开新闻发布会时限（小时）", 1, 168],
  response_hours: ["其他政务舆情回应时限（小时）", 1, 336],
  window_hours: ["预警统计时段（小时）", 6, 168],
  baseline_days: ["预警基线期（天）", 3, 90],
  burst_ratio: ["突增倍数（不低于基线的几倍）", 2, 20],
  burst_min: ["突增最少条数", 3, 1000],
};

export async function settingsOf(db: Executor, siteId: string): Promise<OpinionSettings> {
  const row = await repo.findSettings(db, siteId);
  if (!row) return { ...OPINION_DEFAULTS };
  const { site_id: _s, updated_at: _u, ...rest } = row;
  return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, Number(v)])) as OpinionSettings;
}

export async function saveSettings(deps: Deps, user: CurrentUser, input: Partial<SettingsInput>) {
  authoriseSiteWide(user, "opinion.manage", await loadOrgTree(deps, user.siteId));
  const p = new Problems();
  const out = {} as OpinionSettings;
  for (const [k, [label, min, max]] of Object.entries(SETTING_LABELS) as [
    keyof OpinionSettings,
    [string, number, number],
  ][]) {
    const v = Number(input[k]);
    if (!Number.isInteger(v) || v < min || v > max)
      p.add(k, "invalid_setting", `${label}应为 ${min} 至 ${max} 之间的整数。`);
    else out[k] = v;
  }
  if (out.info_hours && out.press_hours && out.info_hours > out.press_hours)
    p.add("info_hours", "invalid_setting", "发布权威信息的时限不能晚于召开新闻发布会的时限。");
  p.throwIfAny("舆情设置未保存，请按提示修改。");
  await deps.db.kysely.transaction().execute(async (trx) => {
    const before = await settingsOf(trx, user.siteId);
    await repo.upsertSettings(trx, {
      site_id: user.siteId,
      ...out,
      updated_at: deps.clock.now().toISOString(),
    });
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "opinion.settings",
      entityType: "site",
      entityId: user.siteId,
      summary: Object.fromEntries(
        (Object.keys(out) as (keyof OpinionSettings)[])
          .filter((k) => before[k] !== out[k])
          .map((k) => [k, `${before[k]} → ${out[k]}`]),
      ),
    });
  });
  return out;
}

export async function listKeywordsFor(deps: Deps, user: CurrentUser) {
  authoriseSiteWide(user, "opinion.manage", await loadOrgTree(deps, user.siteId));
  return repo.listKeywords(deps.db.kysely, user.siteId);
}

export async function addKeyword(deps: Deps, user: CurrentUser, raw: string) {
  authoriseSiteWide(user, "opinion.manage", await loadOrgTree(deps, user.siteId));
  const word = (raw ?? "").trim();
  const p = new Problems();
  if (!word) p.add("word", "word_required", "请填写监测关键词。");
  else if (Array.from(word).length > 30) p.add("word", "too_long", "监测关键词不能超过30个字。");
  else if (/[\s,，;；]/.test(word)) p.add("word", "invalid_word", "一次添加一个关键词，不含空格或标点。");
  p.throwIfAny("关键词未添加，请按提示修改。");
  await deps.db.kysely.transaction().execute(async (trx) => {
    const known = (await repo.listKeywords(trx, user.siteId)).some((k) => k.word === word);
    if (known) throw new AppError("keyword_exists", 409, `关键词“${word}”已在监测列表中。`);
    const id = newId();
    await repo.insertKeyword(trx, {
      id,
      site_id: user.siteId,
      word,
      created_by: user.id,
      created_at: deps.clock.now().toISOString(),
    });
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "opinion.keyword_add",
      entityType: "opinion_keyword",
      entityId: id,
      summary: { word },
    });
  });
}

export async function removeKeyword(deps: Deps, user: CurrentUser, id: string) {
  authoriseSiteWide(user, "opinion.manage", await loadOrgTree(deps, user.siteId));
  await deps.db.kysely.transaction().execute(async (trx) => {
    const k = await repo.findKeyword(trx, user.siteId, id);
    if (!k) throw new AppError("keyword_not_found", 404, "监测关键词不存在。");
    await repo.deleteKeyword(trx, id);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "opinion.keyword_remove",
      entityType: "opinion_keyword",
      entityId: id,
      summary: { word: k.word },
    });
  });
}
