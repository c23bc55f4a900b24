// The public archive of answered applications (申请公开答复选登). The office may publish a replied application
// as a de-identified entry: a summary of the request (pre-filled from the description masked by the review
// engine, edited by the office), the dates, the outcome, the replying organisation, an optional summary of
// the reply and the applicant's type. Never the applicant's name, identity number, contacts, address or
// tracking code: the entry is built from named fields only, and the office's final text is rescanned and
// refused while any personal information remains.
import type { Deps } from "../../../deps";
import { decryptField } from "../../../platform/crypto";
import { AppError, type ErrorDetail, Problems } from "../../../platform/errors";
import { newId } from "../../../platform/ids";
import type { PageRequest } from "../../../platform/paging";
import {
  maskText,
  PII_KINDS,
  type PiiKind,
  type PiiOptions as ScanOptions,
  scanPii as scanText,
} from "../../../platform/pii";
import { hashTrackingSecret } from "../../../platform/tracking";
import { invalidatePublicPages } from "../../../web/page-cache";
import { actorOf, type CurrentUser, canAny } from "../../accounts";
import { recordAudit } from "../../audit";
import { loadOrgTree } from "../../orgs";
import { scanOptionsFor } from "../../review/review.service";
import { letterheadFor } from "../applications.letters";
import { applicationScope, listScope, loadApplicationFor } from "../applications.policy";
import * as apps from "../applications.repo";
import { APPLICATION_TRACKING } from "../applications.tracking";
import { PII_LABELS } from "../documents/documents.service";
import { isReplyOutcome, OUTCOME_LABELS } from "../letters/letter.outcomes";
import * as repo from "./archive.repo";
import { syncArchiveInIndex } from "./archive.search";

export type { ArchiveRow } from "./archive.repo";

/** Everything the engine knows as personal information is masked in the archive: it goes to everyone. */
export const ARCHIVE_MASK_KINDS: readonly PiiKind[] = PII_KINDS;
export const MAX_SUMMARY = 2000;
export const MAX_REASON = 500;
export const ARCHIVE_PER_PAGE = 20;

const KIND_LABELS: Partial<Record<PiiKind, string>> = {
  ...PII_LABELS,
  id_card_invalid: "疑似身份证号",
  plate: "机动车号牌",
};

export const APPLICANT_TYPE_LABELS: Record<string, string> = { natural: "自然人", org: "法人或其他组织" };

/** Outcome groups for the public filter, each matching every outcome of table 三 in it. */
export const OUTCOME_GROUPS = ["disclose", "partial", "withhold", "unable", "not_handled", "other"] as const;
export type OutcomeGroup = (typeof OUTCOME_GROUPS)[number];
export const OUTCOME_GROUP_LABELS: Record<OutcomeGroup, string> = {
  disclose: "予以公开",
  partial: "部分公开",
  withhold: "不予公开",
  unable: "无法提供",
  not_handled: "不予处理",
  other: "其他处理",
};

export const outcomeLabel = (outcome: string) =>
  isReplyOutcome(outcome) ? OUTCOME_LABELS[outcome] : outcome;

const maskOptions = (options: ScanOptions) => ({ ...options, maskKinds: ARCHIVE_MASK_KINDS });

type IdentityFields = Pick<
  apps.ApplicationRow,
  | "applicant_name"
  | "legal_rep"
  | "credit_code"
  | "tracking_code"
  | "id_number_enc"
  | "phone_enc"
  | "email_enc"
  | "address_enc"
>;

const upperAscii = (s: string) => s.replace(/[a-z]/g, (c) => c.toUpperCase());

/** Full-width letters, digits and signs as their ASCII forms, one character for one (so indexes agree). */
const half = (s: string) =>
  s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");

/**
 * What identifies this applicant, as it may appear in the text they wrote: name, legal representative,
 * identity number, credit code, phone, e-mail, address and the tracking code. The review engine finds
 * personal information by its shape; a name in running text ("申请人欧阳娜娜要求…") has none, so the
 * applicant's own fields are looked for literally as well.
 */
export function applicantIdentifiers(secret: Buffer, row: IdentityFields): string[] {
  const dec = (v: string | null) => (v ? decryptField(secret, v) : null);
  const values = [
    row.applicant_name,
    row.legal_rep,
    row.credit_code,
    row.tracking_code,
    dec(row.id_number_enc),
    dec(row.phone_enc),
    dec(row.email_enc),
    dec(row.address_enc),
  ];
  return [...new Set(values.map((v) => half(v?.trim() ?? "")).filter((v) => v.length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
}

/** Replaces every occurrence of the applicant's identifiers with asterisks (longest first). */
export function maskIdentifiers(text: string, identifiers: readonly string[]): string {
  const out = text.split(""); // UTF-16 units, as indexOf counts them
  let seen = upperAscii(half(text));
  for (const id of identifiers.map((x) => upperAscii(half(x)))) {
    for (let i = seen.indexOf(id); i >= 0; i = seen.indexOf(id, i + id.length)) {
      for (let k = i; k < i + id.length; k++) out[k] = "*";
      seen = seen.slice(0, i) + "*".repeat(id.length) + seen.slice(i + id.length);
    }
  }
  return out.join("");
}

/**
 * True when the text still holds one of the identifiers: letters in either case, full-width forms, and
 * spaces or hyphens inside numbers all count.
 */
export function holdsIdentifier(text: string, identifiers: readonly string[]): boolean {
  const t = upperAscii(half(text));
  const compact = t.replace(/[\s-]/g, "");
  return identifiers
    .map((id) => upperAscii(id))
    .some((id) => t.includes(id) || compact.includes(id.replace(/[\s-]/g, "")));
}

/** True when the text holds the application's tracking secret (stored only as a hash, so each candidate is hashed). */
export function holdsSecret(deps: Pick<Deps, "config">, text: string, secretHash: string): boolean {
  const tokens = upperAscii(half(text)).match(/[A-Z0-9]{8,16}/g) ?? [];
  return tokens.some(
    (t) => hashTrackingSecret(deps.config.secretKey, APPLICATION_TRACKING, t) === secretHash,
  );
}

/** The description de-identified: what the publish form starts from. */
export async function previewSummary(
  deps: Pick<Deps, "db" | "config">,
  row: IdentityFields & { site_id: string; description: string },
) {
  const options = await scanOptionsFor(deps.db.kysely, row.site_id);
  const own = maskIdentifiers(row.description.trim(), applicantIdentifiers(deps.config.secretKey, row));
  return maskText(own, maskOptions(options)).text;
}

/**
 * The personal information still in a text the office wrote, one problem per finding, named by kind with
 * its masked form (the matched text itself is not echoed back).
 */
export function remainingPersonalInfo(text: string, field: string, label: string, options: ScanOptions) {
  const found = scanText(text, { ...options, kinds: [...ARCHIVE_MASK_KINDS] });
  return found.map(
    (f): ErrorDetail => ({
      field,
      code: "personal_information",
      message: `${label}中仍有未去标识化的个人信息：${KIND_LABELS[f.kind as PiiKind] ?? f.kind}（应为“${f.masked ?? "*"}”）。请删除或改为去标识化的写法。`,
    }),
  );
}

async function loadForHandler(deps: Deps, user: CurrentUser, applicationId: string) {
  return (await loadApplicationFor(deps, user, "handle", applicationId)).row;
}

export interface PublishInput {
  summary: string;
  reply_summary?: string | null;
}

/**
 * Publishes (or edits, or publishes again after a withdrawal) the archive entry of a replied application.
 * Refused unless replied (409), with an empty or too long text (400), or while the final texts still hold
 * personal information (422, every finding named). Nothing is saved on refusal.
 */
export async function publishArchive(
  deps: Deps,
  user: CurrentUser,
  applicationId: string,
  input: PublishInput,
): Promise<repo.ArchiveRow> {
  const app = await loadForHandler(deps, user, applicationId);
  if (app.status !== "replied" || !app.outcome || !app.replied_on)
    throw new AppError("application_not_replied", 409, "只有已答复的申请可以公开选登；请在答复后再发布。");
  const summary = (input.summary ?? "").trim();
  const replySummary = (input.reply_summary ?? "").trim() || null;
  const p = new Problems();
  if (!summary) p.add("summary", "required", "请填写申请内容摘要。");
  if (summary.length > MAX_SUMMARY)
    p.add("summary", "too_long", `申请内容摘要不能超过 ${MAX_SUMMARY} 字（现 ${summary.length} 字）。`);
  if (replySummary && replySummary.length > MAX_SUMMARY)
    p.add(
      "reply_summary",
      "too_long",
      `答复摘要不能超过 ${MAX_SUMMARY} 字（现 ${replySummary.length} 字）。`,
    );
  p.throwIfAny("未发布，请按提示修改。");
  const options = await scanOptionsFor(deps.db.kysely, app.site_id);
  const own = applicantIdentifiers(deps.config.secretKey, app);
  const ownFinding = (text: string | null, field: string, label: string): ErrorDetail[] =>
    text && (holdsIdentifier(text, own) || holdsSecret(deps, text, app.secret_hash))
      ? [
          {
            field,
            code: "personal_information",
            message: `${label}中含有申请人本人的信息（姓名或名称、证件号码、联系方式、地址、查询码或查询密码），请删除。`,
          },
        ]
      : [];
  const findings = [
    ...ownFinding(summary, "summary", "申请内容摘要"),
    ...remainingPersonalInfo(summary, "summary", "申请内容摘要", options),
    ...ownFinding(replySummary, "reply_summary", "答复摘要"),
    ...(replySummary ? remainingPersonalInfo(replySummary, "reply_summary", "答复摘要", options) : []),
  ];
  if (findings.length)
    throw new AppError(
      "personal_information_found",
      422,
      `未发布：公开文本中仍有 ${findings.length} 处个人信息，须去标识化后才能公开。`,
      findings,
    );
  const { orgName } = await letterheadFor(deps, app);
  const now = deps.clock.now().toISOString();
  const facts = {
    status: "published",
    summary,
    reply_summary: replySummary,
    // 自然人 or 法人或其他组织 only: the kind of organisation could narrow down who asked.
    applicant_type: app.applicant_type === "natural" ? "natural" : "org",
    received_on: app.received_on,
    replied_on: app.replied_on,
    outcome: app.outcome,
    org_id: app.org_id,
    org_name: orgName,
    published_at: now,
    published_by: user.id,
    withdrawn_at: null,
    withdrawn_by: null,
    withdraw_reason: null,
    updated_at: now,
  };
  const saved = await deps.db.kysely.transaction().execute(async (trx) => {
    // Locks the application's row first (PostgreSQL), so two first publications from two tabs run one
    // after the other: the second finds the entry and edits it instead of failing on the unique key.
    await apps.lockApplication(trx, app.id, now);
    const fresh = await apps.findApplication(trx, app.id);
    if (fresh?.status !== "replied")
      throw new AppError("application_changed", 409, "申请状态刚刚发生了变化，请刷新后重试。");
    const existing = await repo.findArchiveByApplication(trx, app.id);
    let row: repo.ArchiveRow;
    if (existing) {
      row = { ...existing, ...facts };
      await repo.updateArchive(trx, existing.id, facts);
    } else {
      row = { id: newId(), application_id: app.id, site_id: app.site_id, created_at: now, ...facts };
      await repo.insertArchive(trx, row);
    }
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "application.archive_publish",
      entityType: "application",
      entityId: app.id,
      orgId: app.org_id,
      siteId: app.site_id,
      // Never the texts: the entry, what kind of change, the outcome and the lengths.
      summary: {
        archive: row.id,
        change: !existing ? "publish" : existing.status === "published" ? "edit" : "republish",
        outcome: row.outcome,
        summary_chars: summary.length,
        reply_summary_chars: replySummary?.length ?? 0,
      },
    });
    await syncArchiveInIndex(deps, trx, row);
    return row;
  });
  invalidatePublicPages(deps);
  return saved;
}

/** Withdraws a published entry (撤下) with a reason; the entry stays for the record, hidden from the public. */
export async function withdrawArchive(
  deps: Deps,
  user: CurrentUser,
  applicationId: string,
  reason: string,
): Promise<repo.ArchiveRow> {
  const app = await loadForHandler(deps, user, applicationId);
  const why = (reason ?? "").trim();
  const p = new Problems();
  if (!why) p.add("reason", "required", "请填写撤下的理由。");
  if (why.length > MAX_REASON) p.add("reason", "too_long", `撤下理由不能超过 ${MAX_REASON} 字。`);
  p.throwIfAny("未撤下，请按提示修改。");
  const saved = await deps.db.kysely.transaction().execute(async (trx) => {
    const existing = await repo.findArchiveByApplication(trx, app.id);
    if (existing?.status !== "published")
      throw new AppError("archive_not_published", 409, "该申请没有已公开的选登记录，无需撤下。");
    const now = deps.clock.now().toISOString();
    const patch = {
      status: "withdrawn",
      withdrawn_at: now,
      withdrawn_by: user.id,
      withdraw_reason: why,
      updated_at: now,
    };
    await repo.updateArchive(trx, existing.id, patch);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "application.archive_withdraw",
      entityType: "application",
      entityId: app.id,
      orgId: app.org_id,
      siteId: app.site_id,
      // Not the reason itself (free text may name people): it stays on the entry, for staff only.
      summary: { archive: existing.id, reason_chars: why.length },
    });
    await syncArchiveInIndex(deps, trx, { ...existing, ...patch });
    return { ...existing, ...patch };
  });
  invalidatePublicPages(deps);
  return saved;
}

/** The archive entry of an application, if any (back office). */
export const archiveOfApplication = (deps: Pick<Deps, "db">, applicationId: string) =>
  repo.findArchiveByApplication(deps.db.kysely, applicationId);

/** Back office: may this user see archive lists (application.view or application.handle)? */
export function authoriseArchiveView(user: CurrentUser) {
  if (!canAny(user, "application.view") && !canAny(user, "application.handle"))
    throw new AppError("role_not_allowed", 403, "您的角色不能查看依申请公开事项。");
}

/** The staff's filter: the site, the status, and the organisations the user may see (by site when all). */
async function staffArchiveFilter(deps: Deps, user: CurrentUser, f: { status?: string }) {
  const tree = await loadOrgTree(deps, user.siteId);
  const scope = applicationScope(user, tree);
  return { siteId: user.siteId, status: f.status || undefined, scope: listScope(scope, tree) };
}

/** The newest 500 entries the user may see (the staff API). */
export async function listArchiveForStaff(deps: Deps, user: CurrentUser, f: { status?: string } = {}) {
  const filter = await staffArchiveFilter(deps, user, f);
  return repo.listArchive(deps.db.kysely, filter, { limit: 500, offset: 0 });
}

/** One page of the entries the user may see, by page number or cursor, and their total up to COUNT_CAP. */
export async function pageArchiveForStaff(
  deps: Deps,
  user: CurrentUser,
  f: { status?: string },
  req: PageRequest,
) {
  const filter = await staffArchiveFilter(deps, user, f);
  const [found, total] = await Promise.all([
    repo.pageArchive(deps.db.kysely, filter, req),
    repo.countArchiveCapped(deps.db.kysely, filter),
  ]);
  return { ...found, total };
}

/** What the public sees of an entry: named fields only, nothing that identifies the applicant. */
export interface PublicArchiveEntry {
  id: string;
  summary: string;
  reply_summary: string | null;
  applicant_type: string;
  applicant_type_label: string;
  received_on: string | null;
  replied_on: string;
  outcome: string;
  outcome_label: string;
  org_name: string;
  published_at: string;
}

export const presentPublic = (r: repo.ArchiveRow): PublicArchiveEntry => ({
  id: r.id,
  summary: r.summary,
  reply_summary: r.reply_summary,
  applicant_type: r.applicant_type,
  applicant_type_label: APPLICANT_TYPE_LABELS[r.applicant_type] ?? r.applicant_type,
  received_on: r.received_on,
  replied_on: r.replied_on,
  outcome: r.outcome,
  outcome_label: outcomeLabel(r.outcome),
  org_name: r.org_name,
  published_at: r.published_at,
});

export const isOutcomeGroup = (s: string | undefined): s is OutcomeGroup =>
  !!s && (OUTCOME_GROUPS as readonly string[]).includes(s);

export async function listPublicArchive(
  deps: Pick<Deps, "db">,
  siteId: string,
  q: { year?: number; outcome?: string; page?: number },
) {
  const filter = {
    siteId,
    status: "published",
    year: q.year || undefined,
    outcome: isOutcomeGroup(q.outcome) ? q.outcome : undefined,
  };
  const page = Math.max(1, q.page ?? 1);
  const [rows, total] = await Promise.all([
    repo.listArchive(deps.db.kysely, filter, {
      limit: ARCHIVE_PER_PAGE,
      offset: (page - 1) * ARCHIVE_PER_PAGE,
    }),
    repo.countArchive(deps.db.kysely, filter),
  ]);
  return {
    items: rows.map(presentPublic),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / ARCHIVE_PER_PAGE)),
  };
}

/**
 * The public list (/hd/archive): by page number or cursor (src/platform/paging.ts), the total exact up to
 * COUNT_CAP. The JSON API (listPublicArchive) keeps its page numbers and exact total.
 */
export async function pagePublicArchive(
  deps: Pick<Deps, "db">,
  siteId: string,
  q: { year?: number; outcome?: string },
  req: PageRequest,
) {
  const filter = {
    siteId,
    status: "published",
    year: q.year || undefined,
    outcome: isOutcomeGroup(q.outcome) ? q.outcome : undefined,
  };
  const [found, total] = await Promise.all([
    repo.pageArchive(deps.db.kysely, filter, req),
    repo.countArchiveCapped(deps.db.kysely, filter),
  ]);
  return { ...found, items: found.rows.map(presentPublic), total };
}

/** A published entry of the site, else undefined (withdrawn entries are gone from the public). */
export async function findPublicArchive(deps: Pick<Deps, "db">, siteId: string, id: string) {
  const r = await repo.findArchive(deps.db.kysely, id);
  return r && r.status === "published" && r.site_id === siteId ? presentPublic(r) : undefined;
}
