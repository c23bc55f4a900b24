// The ledger's use cases: the site's rules, registering a 规范性文件 with its legality review (合法性审核) and
// collective decision (集体讨论), filing (备案), links (修改、废止), and the release hook that refuses a document
// without its review and dates its filing and expiry when it is published. Each change loads, locks (the item's
// row), checks and writes in one transaction; the registration number comes from an atomic per-site counter.
import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Actor, Deps, Executor } from "../../deps";
import { AppError, Problems } from "../../platform/errors";
import { isRealDate, shanghaiDateOf } from "../../platform/time";
import { lockedStep } from "../../platform/workflow/locked-step";
import { actorOf, type CurrentUser, can } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree, type OrgTree } from "../orgs";
import { findItem, lockItem, registerReleaseHook } from "../publishing";
import { applyCleanupOnRelease } from "./normative.cleanup";
import {
  authoriseCleanup,
  authoriseLedger,
  authoriseRecord,
  documentNotFound,
  mayViewLedger,
} from "./normative.policy";
import * as repo from "./normative.repo";

/** The county office at the site's root: the one that may correct a published document's ledger records. */
const isSiteOffice = (user: CurrentUser, tree: OrgTree): boolean => {
  const root = tree.roots(user.siteId)[0];
  return !!root && can(user, "normative.cleanup", root.id, tree);
};

import {
  counterPrefix,
  DEFAULT_SETTINGS,
  defaultPattern,
  expiryOf,
  filingDueOf,
  type LedgerSettings,
  patternProblems,
  renderNumber,
  validityYearsOf,
} from "./normative.rules";

type ItemRow = NonNullable<Awaited<ReturnType<typeof findItem>>>;
type Trx = Transaction<Database>;

/** The site's rules: its stored settings, else the defaults (RULES.md §12). */
export async function settingsOf(
  deps: Pick<Deps, "db">,
  siteId: string,
  db: Executor = deps.db.kysely,
): Promise<LedgerSettings> {
  const row = await repo.findSettings(db, siteId);
  if (row) return row;
  // Read through `db`: inside a publishing transaction the root handle must not be touched (SQLite).
  const code = await repo.siteCodeOf(db, siteId);
  return { number_pattern: defaultPattern(code ?? "GF"), ...DEFAULT_SETTINGS };
}

export async function saveLedgerSettings(
  deps: Deps,
  user: CurrentUser,
  input: Partial<Record<keyof LedgerSettings, unknown>>,
): Promise<LedgerSettings> {
  const tree = await loadOrgTree(deps, user.siteId);
  authoriseCleanup(user, tree);
  const current = await settingsOf(deps, user.siteId);
  const p = new Problems();
  const pattern =
    input.number_pattern === undefined ? current.number_pattern : String(input.number_pattern).trim();
  for (const m of patternProblems(pattern)) p.add("number_pattern", "invalid_pattern", m);
  const int = (field: keyof LedgerSettings, min: number, max: number, label: string): number => {
    const raw = input[field];
    if (raw === undefined || raw === "") return current[field] as number;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      p.add(field, "out_of_range", `${label}应为 ${min} 至 ${max} 之间的整数。`);
      return 0;
    }
    return n;
  };
  const next: LedgerSettings = {
    number_pattern: pattern,
    validity_years: int("validity_years", 1, 10, "有效期"),
    provisional_years: int("provisional_years", 1, 10, "暂行、试行文件的有效期"),
    filing_days: int("filing_days", 1, 90, "备案期限"),
    alert_months: int("alert_months", 1, 24, "到期提醒"),
  };
  p.throwIfAny();
  const now = deps.clock.now().toISOString();
  await deps.db.kysely.transaction().execute(async (trx) => {
    await repo.saveSettings(trx, { site_id: user.siteId, ...next, updated_by: user.id, updated_at: now });
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "normative.settings",
      entityType: "site",
      entityId: user.siteId,
      orgId: null,
      siteId: user.siteId,
      summary: { before: current, after: next },
    });
  });
  return next;
}

export interface ReviewInput {
  review_body: string;
  reviewed_on: string;
  review_opinion: string;
  decision_body?: string;
  decided_on?: string;
  validity_years?: number;
}

const checkDate = (p: Problems, field: string, v: string | undefined, today: string, label: string) => {
  if (v === undefined || v === "") return;
  if (!isRealDate(v)) p.add(field, "invalid_date", `${label} ${v} 不存在，请按 YYYY-MM-DD 填写真实日期。`);
  else if (v > today) p.add(field, "future_date", `${label}不能晚于今天。`);
};

const loadNormative = async (trx: Trx, deps: Deps, id: string) => {
  const item = await lockItem(trx, deps.db.dialect, id);
  return item?.kind === "normative" ? item : undefined;
};

/**
 * Registers a document in the ledger (三统一: its number allocated now, once) with its legality review, or
 * corrects the review of a registered one; the collective decision may come with it. A published document's
 * expiry follows a changed validity period.
 */
export async function recordReview(
  deps: Deps,
  user: CurrentUser,
  itemId: string,
  input: ReviewInput,
): Promise<repo.EntryRow> {
  const tree = await loadOrgTree(deps, user.siteId);
  const settings = await settingsOf(deps, user.siteId);
  const today = shanghaiDateOf(deps.clock.now());
  const now = deps.clock.now().toISOString();
  return lockedStep(deps.db.kysely, {
    load: (trx) => loadNormative(trx, deps, itemId),
    missing: documentNotFound,
    check: async (trx, item) => {
      authoriseRecord(user, item, tree);
      if (["withdrawn", "superseded"].includes(item.status))
        throw new AppError("normative_not_current", 409, "该文件已撤回或已被新版本替换，不能登记。");
      // The review is what allowed the release: once published, only the county office corrects it.
      if (item.published_on && (await repo.findEntry(trx, item.id)) && !isSiteOffice(user, tree))
        throw new AppError(
          "normative_record_locked",
          409,
          "文件已发布，合法性审核记录不能再修改；如确需更正，请联系县政务公开办。",
        );
      const p = new Problems();
      const text = (field: keyof ReviewInput, v: unknown, label: string, max: number, required: boolean) => {
        const s = typeof v === "string" ? v.trim() : "";
        if (required && !s) p.add(field, "required", `请填写${label}。`);
        else if (s.length > max) p.add(field, "too_long", `${label}不能超过 ${max} 个字。`);
      };
      text("review_body", input.review_body, "合法性审核机构", 100, true);
      text("review_opinion", input.review_opinion, "合法性审核意见", 2000, true);
      text("decision_body", input.decision_body, "集体讨论的会议", 100, false);
      if (!input.reviewed_on) p.add("reviewed_on", "required", "请填写合法性审核日期。");
      checkDate(p, "reviewed_on", input.reviewed_on, today, "合法性审核日期");
      checkDate(p, "decided_on", input.decided_on, today, "集体讨论日期");
      if (input.reviewed_on && item.published_on && input.reviewed_on > item.published_on)
        p.add(
          "reviewed_on",
          "review_after_publication",
          `合法性审核日期不能晚于发布日期（${item.published_on}）：未经审核的规范性文件不得发布。`,
        );
      if (input.decided_on && input.reviewed_on && input.decided_on < input.reviewed_on)
        p.add(
          "decided_on",
          "decision_before_review",
          "未经合法性审核的规范性文件不得提交集体讨论：集体讨论日期不能早于合法性审核日期。",
        );
      if (input.decision_body?.trim() && !input.decided_on)
        p.add("decided_on", "required", "请填写集体讨论日期。");
      const years = input.validity_years;
      if (years !== undefined && (!Number.isInteger(years) || years < 1 || years > 10))
        p.add("validity_years", "out_of_range", "有效期应为 1 至 10 年的整数。");
      p.throwIfAny();
      return repo.findEntry(trx, item.id);
    },
    write: async (trx, item, existing) => {
      const years = input.validity_years ?? existing?.validity_years ?? null;
      const fields = {
        review_body: input.review_body.trim(),
        reviewed_on: input.reviewed_on,
        review_opinion: input.review_opinion.trim(),
        decision_body: input.decision_body?.trim() || null,
        decided_on: input.decided_on || null,
        validity_years: years,
        expires_on: item.published_on
          ? expiryOf(item.published_on, validityYearsOf(settings, item.title, years))
          : null,
        updated_at: now,
      };
      if (existing) {
        await repo.updateEntry(trx, item.id, fields);
        await recordAudit(trx, deps.clock, actorOf(user), {
          action: "normative.review",
          entityType: "item",
          entityId: item.id,
          orgId: item.org_id,
          businessDate: input.reviewed_on,
          summary: {
            before: {
              review_body: existing.review_body,
              reviewed_on: existing.reviewed_on,
              decided_on: existing.decided_on,
            },
            after: {
              review_body: fields.review_body,
              reviewed_on: fields.reviewed_on,
              decided_on: fields.decided_on,
            },
          },
        });
        return { ...existing, ...fields };
      }
      const row = await registerIn(deps, trx, actorOf(user), item, settings, fields);
      return row;
    },
  });
}

/** Allocates the registration number and writes the entry (inside the caller's locked step). */
async function registerIn(
  deps: Deps,
  trx: Executor,
  actor: Actor,
  item: ItemRow,
  settings: LedgerSettings,
  fields: Omit<
    repo.EntryRow,
    | "item_id"
    | "site_id"
    | "org_id"
    | "registration_number"
    | "registered_at"
    | "registered_by"
    | "filing_due_on"
    | "filed_on"
    | "filed_with"
    | "filing_number"
  >,
): Promise<repo.EntryRow> {
  const year = shanghaiDateOf(deps.clock.now()).slice(0, 4);
  let number = "";
  // A number entered by hand under an earlier pattern may already hold the next serial: skip it.
  for (let i = 0; i < 1000; i++) {
    const serial = await repo.nextSerial(trx, item.site_id, counterPrefix(settings.number_pattern, year));
    number = renderNumber(settings.number_pattern, year, serial);
    if (!(await repo.numberTaken(trx, item.site_id, number))) break;
  }
  const row: repo.EntryRow = {
    item_id: item.id,
    site_id: item.site_id,
    org_id: item.org_id,
    registration_number: number,
    registered_at: deps.clock.now().toISOString(),
    registered_by: actor.id,
    filing_due_on: item.published_on ? filingDueOf(item.published_on, settings) : null,
    filed_on: null,
    filed_with: null,
    filing_number: null,
    ...fields,
  };
  await repo.insertEntry(trx, row);
  await recordAudit(trx, deps.clock, actor, {
    action: "normative.register",
    entityType: "item",
    entityId: item.id,
    orgId: item.org_id,
    businessDate: fields.reviewed_on,
    summary: { registration_number: number, review_body: fields.review_body, decided_on: fields.decided_on },
  });
  return row;
}

export interface FilingInput {
  filed_on: string;
  filed_with: string;
  filing_number?: string;
}

/** Records the filing with the higher authority (备案) of a published, registered document. */
export async function recordFiling(
  deps: Deps,
  user: CurrentUser,
  itemId: string,
  input: FilingInput,
): Promise<repo.EntryRow> {
  const tree = await loadOrgTree(deps, user.siteId);
  const today = shanghaiDateOf(deps.clock.now());
  return lockedStep(deps.db.kysely, {
    load: (trx) => loadNormative(trx, deps, itemId),
    missing: documentNotFound,
    check: async (trx, item) => {
      authoriseRecord(user, item, tree);
      const entry = await repo.findEntry(trx, item.id);
      if (!entry)
        throw new AppError("normative_not_registered", 409, "该文件尚未登记（合法性审核），不能备案。");
      if (!item.published_on) throw new AppError("not_published", 409, "文件发布后才能报送备案。");
      if (entry.filed_on && !isSiteOffice(user, tree))
        throw new AppError(
          "normative_record_locked",
          409,
          `该文件已于 ${entry.filed_on} 报送备案，备案记录不能再修改；如确需更正，请联系县政务公开办。`,
        );
      const p = new Problems();
      if (!input.filed_with?.trim()) p.add("filed_with", "required", "请填写备案机关。");
      else if (input.filed_with.trim().length > 100)
        p.add("filed_with", "too_long", "备案机关不能超过 100 个字。");
      if ((input.filing_number ?? "").trim().length > 60)
        p.add("filing_number", "too_long", "备案号不能超过 60 个字。");
      if (!input.filed_on) p.add("filed_on", "required", "请填写报送备案日期。");
      checkDate(p, "filed_on", input.filed_on, today, "报送备案日期");
      if (input.filed_on && isRealDate(input.filed_on) && input.filed_on < item.published_on)
        p.add("filed_on", "filed_before_publication", "报送备案日期不能早于发布日期。");
      p.throwIfAny();
      return entry;
    },
    write: async (trx, item, entry) => {
      const patch = {
        filed_on: input.filed_on,
        filed_with: input.filed_with.trim(),
        filing_number: input.filing_number?.trim() || null,
        updated_at: deps.clock.now().toISOString(),
      };
      await repo.updateEntry(trx, item.id, patch);
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "normative.filing",
        entityType: "item",
        entityId: item.id,
        orgId: item.org_id,
        businessDate: input.filed_on,
        summary: {
          filed_with: patch.filed_with,
          late: !!entry.filing_due_on && input.filed_on > entry.filing_due_on,
        },
      });
      return { ...entry, ...patch };
    },
  });
}

export const LINK_RELATIONS = ["amends", "repeals"] as const;

/** Links a document to one it amends (修改) or repeals (废止); both pages show the link. */
export async function linkDocuments(
  deps: Deps,
  user: CurrentUser,
  itemId: string,
  input: { relation: string; target: string },
): Promise<repo.LinkRow> {
  const tree = await loadOrgTree(deps, user.siteId);
  return lockedStep(deps.db.kysely, {
    load: (trx) => loadNormative(trx, deps, itemId),
    missing: documentNotFound,
    check: async (trx, item) => {
      authoriseRecord(user, item, tree);
      const p = new Problems();
      if (!(LINK_RELATIONS as readonly string[]).includes(input.relation))
        p.add("relation", "invalid_relation", "关系应为修改（amends）或废止（repeals）。");
      const target = input.target ? await findItem(trx, input.target) : undefined;
      if (
        !target ||
        target.site_id !== item.site_id ||
        target.kind !== "normative" ||
        target.status !== "published"
      )
        p.add("target", "target_not_found", "被修改或废止的文件须为本站已发布的规范性文件。");
      else if (target.id === item.id) p.add("target", "target_self", "文件不能修改或废止自身。");
      // A link changes what the target's public page says: the user must answer for the target too.
      else if (!can(user, "normative.record", target.org_id, tree))
        p.add("target", "target_not_allowed", "只能登记本单位有权管理的规范性文件之间的修改或废止关系。");
      p.throwIfAny();
    },
    write: async (trx, item) => {
      const row: repo.LinkRow = {
        item_id: item.id,
        target_id: input.target,
        relation: input.relation,
        created_by: user.id,
        created_at: deps.clock.now().toISOString(),
      };
      await repo.insertLink(trx, row);
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "normative.link",
        entityType: "item",
        entityId: item.id,
        orgId: item.org_id,
        summary: { relation: input.relation, target: input.target },
      });
      return row;
    },
  });
}

/** A registered document's entry, links and clean-ups for staff who may see it. */
export async function entryForStaff(deps: Deps, user: CurrentUser, itemId: string) {
  const tree = await loadOrgTree(deps, user.siteId);
  const item = await findItem(deps.db.kysely, itemId);
  if (item?.kind !== "normative") throw documentNotFound();
  if (!mayViewLedger(user, item, tree)) {
    authoriseLedger(user);
    throw documentNotFound();
  }
  const db = deps.db.kysely;
  const [entry, links, cleanups] = await Promise.all([
    repo.findEntry(db, itemId),
    repo.linksOf(db, itemId),
    repo.cleanupsListing(db, itemId),
  ]);
  return { item, entry, links, cleanups, tree };
}

// The release hook (publishing's release-hooks.ts): a 规范性文件 without its legality review is never released;
// when one is, its filing deadline and expiry are set; when a clean-up's list is, the clean-up applies.
registerReleaseHook({
  name: "normative",
  async check(trx, items) {
    const docs = items.filter((i) => i.kind === "normative");
    if (docs.length === 0) return;
    const entries = await repo.entriesOf(
      trx,
      docs.map((d) => d.id),
    );
    const missing = docs.filter((d) => !entries.get(d.id)?.reviewed_on);
    if (missing.length === 0) return;
    throw new AppError(
      "legality_review_missing",
      409,
      "规范性文件未经合法性审核不得发布：请先在规范性文件台账登记合法性审核意见（统一登记、统一编号）。",
      missing.map((d) => ({
        field: "legality_review",
        code: "legality_review_missing",
        message: `《${d.title}》没有合法性审核记录。`,
      })),
    );
  },
  async released(deps, trx, actor, item) {
    if (item.kind === "normative" && item.published_on) {
      const entry = await repo.findEntry(trx, item.id);
      if (entry) {
        const settings = await settingsOf(deps, item.site_id, trx);
        await repo.updateEntry(trx, item.id, {
          filing_due_on: filingDueOf(item.published_on, settings),
          expires_on: expiryOf(
            item.published_on,
            validityYearsOf(settings, item.title, entry.validity_years),
          ),
          updated_at: deps.clock.now().toISOString(),
        });
      }
      return [];
    }
    return applyCleanupOnRelease(deps, trx, actor, item);
  },
});
