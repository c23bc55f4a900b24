// The government new-media registry (政务新媒体, RULES.md §9, 国办发〔2018〕123号): accounts with their filing
// lifecycle — 开设 (registered), 变更 (a change of its registered facts), 关停 (closed), 整合 (merged into another
// account) — each a filing with its notice, written on the locked row; its activity (last update, followers,
// interaction) entered, imported or read from a feed; the alarms (no update for two weeks, interaction left
// unanswered or not working) and the closure or merger decision for a weak account.
import type { Deps } from "../../deps";
import { addDays } from "../../platform/calendar";
import { AppError, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { isRealDate, shanghaiDateOf } from "../../platform/time";
import { lockedStep } from "../../platform/workflow/locked-step";
import { actorOf, type CurrentUser, orgIdsWhereCan } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree, type OrgTree } from "../orgs";
import {
  accountNotFound,
  authoriseAccount,
  authoriseFiling,
  mayActOnAccount,
  NEWMEDIA_VIEW_ACTIONS,
} from "./newmedia.policy";
import * as repo from "./newmedia.repo";
import type { AccountStatus, FilingKind } from "./newmedia.tables";

/** No update for this many days fails an account (RULES.md §9: 2 weeks before the check). */
export const STALE_DAYS = 14;
/** Fewer followers than this, with no update for two weeks: a weak account the office should close or merge. */
export const WEAK_FOLLOWERS = 500;

export const PLATFORMS = [
  "wechat_official",
  "weibo",
  "douyin",
  "kuaishou",
  "toutiao",
  "app",
  "other",
] as const;
export const PLATFORM_LABELS: Record<string, string> = {
  wechat_official: "微信公众号",
  weibo: "微博",
  douyin: "抖音",
  kuaishou: "快手",
  toutiao: "今日头条",
  app: "移动客户端",
  other: "其他",
};
export const STATUS_LABELS: Record<AccountStatus, string> = {
  open: "运营中",
  closed: "已关停",
  merged: "已整合",
};
export const FILING_LABELS: Record<FilingKind, string> = {
  open: "开设",
  change: "变更",
  close: "关停",
  merge: "整合",
};
/** Audit codes of the filings after 开设 (labels in audit.labels.ts). */
type LaterFiling = Exclude<FilingKind, "open">;
const FILING_AUDIT: Record<LaterFiling, string> = {
  change: "newmedia.change",
  close: "newmedia.close",
  merge: "newmedia.merge",
};

/** Days since the last update on `today`, or null when never updated. */
export function daysSince(lastUpdate: string | null, today: string): number | null {
  if (!lastUpdate) return null;
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${lastUpdate}T00:00:00Z`)) / 86_400_000);
}

/** Stale: an account in operation not updated for two weeks (or never). */
export const isStale = (row: Pick<repo.AccountRow, "status" | "last_update_on">, today: string) =>
  row.status === "open" &&
  (row.last_update_on === null || (daysSince(row.last_update_on, today) ?? 0) >= STALE_DAYS);

/** The account's alarms as sentences for people (empty: none). */
export function alarmsOf(row: repo.AccountRow, today: string): string[] {
  if (row.status !== "open") return [];
  const out: string[] = [];
  const d = daysSince(row.last_update_on, today);
  if (isStale(row, today)) out.push(d === null ? "从未更新" : `已 ${d} 天未更新（超过两周）`);
  if (!row.interaction_ok) out.push("互动功能不可用");
  if (row.unanswered > 0) out.push(`${row.unanswered} 条互动留言未回复`);
  return out;
}

/** Weak: few followers and unkept for two weeks — a candidate for closure or merger (关停整合). */
export const isWeak = (row: repo.AccountRow, today: string) =>
  isStale(row, today) && (row.followers ?? 0) < WEAK_FOLLOWERS;

const today = (deps: Pick<Deps, "clock">) => shanghaiDateOf(deps.clock.now());

export interface AccountInput {
  name?: string;
  platform?: string;
  account_no?: string;
  org?: string;
  supervisor?: string;
  operator?: string;
  contact?: string;
  reviewers?: string;
  filing_no?: string | null;
  filed_on?: string;
  notice?: string;
}

type Fields = Pick<
  repo.AccountRow,
  "name" | "platform" | "account_no" | "supervisor" | "operator" | "contact" | "reviewers" | "filing_no"
>;

function text(
  p: Problems,
  field: string,
  label: string,
  v: string | undefined | null,
  max: number,
  required = true,
) {
  const s = (v ?? "").trim();
  if (required && !s) p.add(field, `${field}_required`, `请填写${label}。`);
  else if (Array.from(s).length > max) p.add(field, "too_long", `${label}不能超过${max}字。`);
  return s;
}

function checkFields(p: Problems, input: AccountInput): Fields {
  const platform = (input.platform ?? "").trim();
  if (!(PLATFORMS as readonly string[]).includes(platform))
    p.add("platform", "invalid_platform", "请选择平台。");
  return {
    name: text(p, "name", "账号名称", input.name, 100),
    platform,
    account_no: text(p, "account_no", "账号 ID", input.account_no, 100),
    supervisor: text(p, "supervisor", "主管单位", input.supervisor, 100),
    operator: text(p, "operator", "运维单位或人员", input.operator, 100),
    contact: text(p, "contact", "联系人和电话", input.contact, 100),
    reviewers: text(p, "reviewers", "审核人员", input.reviewers, 200),
    filing_no: text(p, "filing_no", "备案编号", input.filing_no, 60, false) || null,
  };
}

function checkFiling(p: Problems, input: { filed_on?: string; notice?: string }, now: string) {
  const filedOn = (input.filed_on ?? "").trim() || now;
  if (!isRealDate(filedOn)) p.add("filed_on", "invalid_date", "备案日期应为 YYYY-MM-DD 格式的真实日期。");
  else if (filedOn > now) p.add("filed_on", "date_in_future", "备案日期不能晚于今天。");
  const notice = text(p, "notice", "公告内容", input.notice, 5000);
  return { filedOn, notice };
}

/** 开设: an account registered with its filing and notice. */
export async function registerAccount(deps: Deps, user: CurrentUser, input: AccountInput) {
  const tree = await loadOrgTree(deps, user.siteId);
  const p = new Problems();
  const fields = checkFields(p, input);
  const org = tree
    .flatten(user.siteId)
    .find(({ org }) => org.code === input.org?.trim() || org.id === input.org?.trim())?.org;
  if (!org) p.add("org", "org_not_found", "请选择主办单位。");
  const now = today(deps);
  const { filedOn, notice } = checkFiling(p, input, now);
  p.throwIfAny("账号未登记，请按提示修改。");
  authoriseFiling(user, { site_id: user.siteId, org_id: org!.id }, tree);
  const at = deps.clock.now().toISOString();
  const row: repo.AccountRow = {
    id: newId(),
    site_id: user.siteId,
    org_id: org!.id,
    ...fields,
    status: "open",
    filed_on: filedOn,
    last_update_on: null,
    followers: null,
    interaction_ok: 1,
    unanswered: 0,
    feed_url: null,
    merged_into: null,
    decision: null,
    created_at: at,
    updated_at: at,
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    if (await repo.findAccountByNo(trx, user.siteId, row.platform, row.account_no))
      throw new AppError("newmedia_account_exists", 409, "该平台的这个账号已经登记。", [
        { field: "account_no", code: "newmedia_account_exists", message: "该平台的这个账号已经登记。" },
      ]);
    await repo.insertAccount(trx, row);
    await repo.insertFiling(trx, {
      id: newId(),
      account_id: row.id,
      kind: "open",
      filed_on: filedOn,
      filing_no: row.filing_no,
      notice,
      actor_label: actorOf(user).label,
      created_at: at,
    });
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "newmedia.open",
      entityType: "newmedia_account",
      entityId: row.id,
      orgId: row.org_id,
      summary: { name: row.name, platform: PLATFORM_LABELS[row.platform] ?? row.platform },
    });
  });
  return row;
}

export interface FilingInput extends AccountInput {
  kind?: string;
  merged_into?: string;
}

/** 变更, 关停 or 整合 on the locked account, with its notice. */
export async function fileChange(deps: Deps, user: CurrentUser, id: string, input: FilingInput) {
  const tree = await loadOrgTree(deps, user.siteId);
  const kind = input.kind as FilingKind;
  const now = today(deps);
  return lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockAccount(trx, deps.db.dialect, id),
    missing: accountNotFound,
    check: async (trx, row) => {
      authoriseFiling(user, row, tree);
      const p = new Problems();
      if (!["change", "close", "merge"].includes(kind))
        p.add("kind", "invalid_filing", "请选择备案类型（变更、关停、整合）。");
      if (row.status !== "open")
        throw new AppError(
          "newmedia_account_closed",
          409,
          `账号当前状态为“${STATUS_LABELS[row.status]}”，不能再备案。`,
        );
      const { filedOn, notice } = checkFiling(p, input, now);
      let set: Partial<repo.AccountRow> = {};
      if (kind === "change") {
        const given = (k: keyof AccountInput) => (input[k] ?? "").trim() || undefined;
        set = checkFields(p, {
          name: given("name") ?? row.name,
          platform: given("platform") ?? row.platform,
          account_no: given("account_no") ?? row.account_no,
          supervisor: given("supervisor") ?? row.supervisor,
          operator: given("operator") ?? row.operator,
          contact: given("contact") ?? row.contact,
          reviewers: given("reviewers") ?? row.reviewers,
          filing_no: given("filing_no") ?? row.filing_no,
        });
      }
      if (kind === "close") set = { status: "closed" };
      if (kind === "merge") {
        const target = input.merged_into ? await repo.findAccount(trx, input.merged_into.trim()) : undefined;
        if (!target || target.site_id !== row.site_id || target.id === row.id || target.status !== "open")
          p.add("merged_into", "invalid_merge_target", "请选择本站点另一个运营中的账号作为整合后的账号。");
        set = { status: "merged", merged_into: target?.id ?? null };
      }
      p.throwIfAny("备案未保存，请按提示修改。");
      return { set, filedOn, notice };
    },
    write: async (trx, row, { set, filedOn, notice }) => {
      const at = deps.clock.now().toISOString();
      await repo.updateAccount(trx, row.id, { ...set, updated_at: at });
      await repo.insertFiling(trx, {
        id: newId(),
        account_id: row.id,
        kind,
        filed_on: filedOn,
        filing_no: (set.filing_no as string | null | undefined) ?? row.filing_no,
        notice,
        actor_label: actorOf(user).label,
        created_at: at,
      });
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: FILING_AUDIT[kind as LaterFiling],
        entityType: "newmedia_account",
        entityId: row.id,
        orgId: row.org_id,
        summary: { name: row.name, filing: FILING_LABELS[kind] },
      });
      return { ...row, ...set } as repo.AccountRow;
    },
  });
}

export interface ActivityInput {
  last_update_on?: string;
  followers?: string | number | null;
  unanswered?: string | number | null;
  interaction_ok?: string | boolean;
}

/** Checks one account's activity figures (entered or imported), every problem named. */
export function checkActivity(p: Problems, input: ActivityInput, now: string, prefix = "") {
  const set: Partial<repo.AccountRow> = {};
  const lu = String(input.last_update_on ?? "").trim();
  if (lu) {
    if (!isRealDate(lu))
      p.add("last_update_on", "invalid_date", `${prefix}最后更新日期应为 YYYY-MM-DD 格式的真实日期。`);
    else if (lu > now) p.add("last_update_on", "date_in_future", `${prefix}最后更新日期不能晚于今天。`);
    else set.last_update_on = lu;
  }
  const num = (field: "followers" | "unanswered", label: string) => {
    const raw = String(input[field] ?? "").trim();
    if (!raw) return;
    if (!/^\d{1,10}$/.test(raw)) p.add(field, "invalid_number", `${prefix}${label}应为非负整数。`);
    else set[field] = Number(raw);
  };
  num("followers", "关注人数");
  num("unanswered", "未回复互动留言数");
  if (input.interaction_ok !== undefined && input.interaction_ok !== "") {
    const v = String(input.interaction_ok).trim();
    if (["1", "true", "yes", "是", "正常"].includes(v)) set.interaction_ok = 1;
    else if (["0", "false", "no", "否", "不正常", "不可用"].includes(v)) set.interaction_ok = 0;
    else p.add("interaction_ok", "invalid_choice", `${prefix}互动功能是否正常应为“是”或“否”。`);
  }
  return set;
}

/** Enters an account's activity (last update, followers, interaction), on the locked row. */
export async function recordActivity(deps: Deps, user: CurrentUser, id: string, input: ActivityInput) {
  const tree = await loadOrgTree(deps, user.siteId);
  const now = today(deps);
  return lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockAccount(trx, deps.db.dialect, id),
    missing: accountNotFound,
    check: (_trx, row) => {
      authoriseAccount(user, "newmedia.manage", row, tree);
      const p = new Problems();
      const set = checkActivity(p, input, now);
      if (!Object.keys(set).length) p.add("last_update_on", "nothing_to_record", "请至少填写一项运营情况。");
      if (set.last_update_on && row.last_update_on && set.last_update_on < row.last_update_on)
        delete set.last_update_on;
      p.throwIfAny("运营情况未保存，请按提示修改。");
      return set;
    },
    write: async (trx, row, set) => {
      await repo.updateAccount(trx, row.id, { ...set, updated_at: deps.clock.now().toISOString() });
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "newmedia.activity",
        entityType: "newmedia_account",
        entityId: row.id,
        orgId: row.org_id,
        summary: Object.fromEntries(Object.entries(set).map(([k, v]) => [k, String(v)])),
      });
      return { ...row, ...set } as repo.AccountRow;
    },
  });
}

/** The office's closure or merger decision for a weak account (关停整合意见), on the locked row. */
export async function decideOnAccount(
  deps: Deps,
  user: CurrentUser,
  id: string,
  decision: string | undefined,
) {
  const tree = await loadOrgTree(deps, user.siteId);
  return lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockAccount(trx, deps.db.dialect, id),
    missing: accountNotFound,
    check: (_trx, row) => {
      authoriseFiling(user, row, tree);
      const p = new Problems();
      const d = text(p, "decision", "关停或整合意见", decision, 2000);
      if (row.status !== "open")
        throw new AppError(
          "newmedia_account_closed",
          409,
          `账号当前状态为“${STATUS_LABELS[row.status]}”，无需再作决定。`,
        );
      p.throwIfAny("意见未保存，请按提示修改。");
      return d;
    },
    write: async (trx, row, d) => {
      await repo.updateAccount(trx, row.id, { decision: d, updated_at: deps.clock.now().toISOString() });
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "newmedia.decide",
        entityType: "newmedia_account",
        entityId: row.id,
        orgId: row.org_id,
        summary: { name: row.name, decision: d },
      });
    },
  });
}

/** The accounts a user may see, with their alarms. */
export async function listAccountsFor(deps: Deps, user: CurrentUser) {
  const tree = await loadOrgTree(deps, user.siteId);
  const orgIds = orgIdsWhereCan(user, NEWMEDIA_VIEW_ACTIONS, tree);
  if (!orgIds.length) throw new AppError("role_not_allowed", 403, "您的角色不能查看政务新媒体。");
  const rows = await repo.listAccounts(deps.db.kysely, user.siteId, orgIds);
  return { rows, tree, today: today(deps) };
}

export function presentAccount(row: repo.AccountRow, tree: OrgTree, now: string) {
  const org = tree.get(row.org_id);
  return {
    id: row.id,
    name: row.name,
    platform: row.platform,
    platform_label: PLATFORM_LABELS[row.platform] ?? row.platform,
    org: { code: org?.code ?? "", name: org?.name ?? "" },
    status: row.status,
    last_update_on: row.last_update_on,
    days_since_update: daysSince(row.last_update_on, now),
    followers: row.followers,
    interaction_ok: row.interaction_ok === 1,
    unanswered: row.unanswered,
    stale: isStale(row, now),
    alarms: alarmsOf(row, now),
    weak: isWeak(row, now),
  };
}

export async function loadAccountFor(deps: Deps, user: CurrentUser, id: string) {
  const tree = await loadOrgTree(deps, user.siteId);
  const row = await repo.findAccount(deps.db.kysely, id);
  if (!row) throw accountNotFound();
  authoriseAccount(user, "newmedia.view", row, tree);
  return { row, tree };
}

export const mayManage = mayActOnAccount;
export const staleSince = (now: string) => addDays(now, -STALE_DAYS);
