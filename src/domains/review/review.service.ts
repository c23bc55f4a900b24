import type { Deps, Executor } from "../../deps";
import { AppError, notFound, Problems } from "../../platform/errors";
import { MASKABLE_TYPES, maskFile, typeOfMime } from "../../platform/files";
import { newId } from "../../platform/ids";
import { storageOf } from "../../platform/storage";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { findSiteById } from "../orgs/orgs.repo";
import { checkLinks, ERROR_PII_KINDS, type Finding, maskText, type ScanOptions, scanText } from "./engine";
import type { ReviewedAttachment, ReviewItems } from "./review.port";
import * as repo from "./review.repo";

export type FindingRow = repo.FindingRow;

/** Reasons personal information may stay in published material (work plan 四(二)). */
export const EXEMPTIONS = {
  disciplinary: "惩戒公示",
  mandatory: "强制性信息披露",
  consent: "权利人同意公开",
} as const;
export type Exemption = keyof typeof EXEMPTIONS;

const splitList = (s: string) =>
  s
    .split(/[\n,，、;；]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * The site's scan options: the office's own published phones, e-mails and addresses (review settings and
 * the site's footer contacts) are not personal data.
 */
export async function scanOptionsFor(db: Executor, siteId: string): Promise<ScanOptions> {
  const [settings, site] = await Promise.all([repo.getSettings(db, siteId), findSiteById(db, siteId)]);
  const phones = settings ? (JSON.parse(settings.allow_phones) as string[]) : [];
  const emails = settings ? (JSON.parse(settings.allow_emails) as string[]) : [];
  const addresses = settings ? (JSON.parse(settings.allow_addresses) as string[]) : [];
  if (site?.contact_phone) phones.push(site.contact_phone);
  if (site?.contact_email) emails.push(site.contact_email);
  if (site?.contact_address) addresses.push(site.contact_address);
  return {
    allowPhones: phones,
    allowEmails: emails,
    allowAddresses: addresses,
    sensitiveWords: settings ? (JSON.parse(settings.sensitive_words) as string[]) : [],
  };
}

/**
 * Runs every check on an item's title, body and attachment texts and stores the findings. Earlier
 * decisions (an exemption) carry over to the same finding; open findings are replaced.
 */
export async function scanItem(
  deps: Deps,
  trx: Executor,
  items: ReviewItems,
  itemId: string,
): Promise<FindingRow[]> {
  const item = await items.find(trx, itemId);
  if (!item) throw notFound("信息", "item_not_found");
  const options = await scanOptionsFor(trx, item.site_id);
  const sources: Array<{ source: string; text: string }> = [
    { source: "title", text: item.title },
    { source: "body", text: item.body_text },
    ...(await items.attachments(trx, itemId)).map((a) => ({
      source: `attachment:${a.id}`,
      text: a.masked_text ?? a.extracted_text ?? "",
    })),
  ];
  const previous = await repo.findingsOf(trx, itemId);
  const decided = new Set(
    previous.filter((f) => f.status !== "open").map((f) => `${f.source}|${f.kind}|${f.text ?? f.masked}`),
  );
  await repo.deleteOpenFindings(trx, itemId);
  const now = deps.clock.now().toISOString();
  const rows: FindingRow[] = [];
  for (const { source, text } of sources) {
    for (const f of scanText(text, options)) {
      if (decided.has(`${source}|${f.kind}|${f.text}`)) continue;
      rows.push(toRow(itemId, source, f, now));
    }
  }
  await repo.insertFindings(trx, rows);
  return repo.findingsOf(trx, itemId);
}

const toRow = (itemId: string, source: string, f: Finding, now: string): FindingRow => ({
  id: newId(),
  item_id: itemId,
  source,
  kind: f.kind,
  category: f.category,
  severity: f.severity,
  start_at: f.start,
  end_at: f.end,
  text: f.text,
  masked: f.masked ?? null,
  message: f.message,
  suggestion: f.suggestion ?? null,
  status: "open",
  decision: null,
  decision_note: null,
  decided_by: null,
  decided_at: null,
  scanned_at: now,
});

/** Refuses to let items go further while a secrecy marking or unmasked personal information is open. */
export async function assertReviewClear(db: Executor, itemIds: string[]): Promise<void> {
  const open = await repo.openStoppers(db, itemIds);
  if (open.length === 0) return;
  throw new AppError(
    "review_findings_open",
    409,
    `审查发现 ${open.length} 处问题尚未处理（涉密标识须删除，个人信息须去标识化或说明豁免理由），处理后方可继续。`,
    open.map((f) => ({ field: f.source, code: f.kind, message: f.message })),
  );
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Masks the attachments that hold chosen findings in their own format, in the file worker: a Word or Excel
 * file masked in place, a PDF with the text removed. Stores the masked files (content-addressed, beside the
 * originals) and returns what each row gets. A file that cannot be masked reliably refuses the whole action
 * (422 attachment_not_maskable) before anything is saved: it is never published unmasked, nor as text.
 */
async function maskAttachmentFiles(
  deps: Deps,
  rows: ReviewedAttachment[],
  options: ScanOptions,
  kinds: string[],
): Promise<Map<string, { text: string; sha256: string | null; size: number | null }>> {
  const storage = storageOf(deps);
  const out = new Map<string, { text: string; sha256: string | null; size: number | null }>();
  const problems = new Problems();
  for (const att of rows) {
    const text = maskText(att.masked_text ?? att.extracted_text ?? "", {
      ...options,
      maskKinds: kinds as never,
    }).text;
    const type = typeOfMime(att.mime);
    if (!type || !MASKABLE_TYPES.includes(type)) {
      problems.add(
        `attachment:${att.id}`,
        "attachment_not_maskable",
        `附件“${att.filename}”不能按原格式去标识化，请上传已去标识化的版本替换后再发布。`,
      );
      continue;
    }
    try {
      // A file masked before is masked again from its masked copy: earlier masks stay.
      const source = await storage.read(att.masked_sha256 ?? att.sha256);
      const masked = await maskFile(type, source, { ...options, maskKinds: kinds as never });
      const stored = await storage.put(masked.data);
      out.set(att.id, { text, sha256: stored.sha256, size: stored.size });
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      problems.add(`attachment:${att.id}`, e.code, `附件“${att.filename}”：${e.message}`);
    }
  }
  if (problems.list.length)
    throw new AppError(
      "attachment_not_maskable",
      422,
      "有附件未能去标识化，信息未作任何修改。请按提示上传已去标识化的版本替换原附件后再处理。",
      problems.list,
    );
  return out;
}

/**
 * De-identifies the item in one action: every open finding of personal information that must be masked
 * (or the chosen ones) is replaced by its masked form in the title and body, and the attachments that hold
 * one are masked in their own format (Word, Excel, PDF); the original files stay in the restricted archive
 * and are no longer offered to the public.
 */
export async function applyMasks(
  deps: Deps,
  items: ReviewItems,
  user: CurrentUser,
  itemId: string,
  findingIds?: string[],
): Promise<FindingRow[]> {
  const db = deps.db.kysely;
  const item = await items.load(deps, user, "item.review", itemId);
  if (!["submitted", "reviewed"].includes(item.status))
    throw new AppError("not_in_review", 409, "只有审查中的信息可以去标识化。");
  const all = await repo.findingsOf(db, itemId);
  const chosen = all.filter(
    (f) =>
      f.status === "open" &&
      f.category === "pii" &&
      (findingIds ? findingIds.includes(f.id) : (ERROR_PII_KINDS as readonly string[]).includes(f.kind)),
  );
  if (findingIds && chosen.length !== findingIds.length)
    throw new AppError("finding_not_maskable", 409, "所选问题不是待处理的个人信息。");
  if (chosen.length === 0) return all;
  const options = await scanOptionsFor(db, item.site_id);
  const kinds = [...new Set(chosen.map((f) => f.kind))];
  const attachments = (await items.attachments(db, itemId)).filter((a) =>
    chosen.some((f) => f.source === `attachment:${a.id}`),
  );
  // Files first, outside the transaction (the worker takes seconds); all of them or nothing.
  const maskedFiles = await maskAttachmentFiles(deps, attachments, options, kinds);
  const now = deps.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    let title = item.title;
    let body = item.body_html;
    for (const f of chosen.filter((x) => x.source === "title" || x.source === "body")) {
      if (!f.text || !f.masked) continue;
      if (f.source === "title") title = title.split(f.text).join(f.masked);
      else body = body.split(escapeHtml(f.text)).join(escapeHtml(f.masked));
    }
    await items.saveMaskedText(trx, itemId, { title, bodyHtml: body }, now);
    for (const [id, masked] of maskedFiles) await items.saveMaskedAttachment(trx, id, masked);
    for (const f of chosen) {
      await repo.updateFinding(trx, f.id, {
        status: "masked",
        text: null,
        decided_by: user.id,
        decided_at: now,
      });
    }
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "review.mask",
      entityType: "item",
      entityId: itemId,
      orgId: item.org_id,
      // Kinds and counts only: the audit log keeps no personal data.
      summary: { masked: chosen.length, kinds, sources: [...new Set(chosen.map((f) => f.source))] },
    });
  });
  items.changed(deps, [itemId]);
  return repo.findingsOf(db, itemId);
}

/** Records a reasoned exemption for one personal-information finding (惩戒公示, 强制性信息披露, consent). */
export async function exemptFinding(
  deps: Deps,
  items: ReviewItems,
  user: CurrentUser,
  findingId: string,
  input: { decision: string; note?: string },
) {
  const db = deps.db.kysely;
  const f = await repo.findFinding(db, findingId);
  if (!f) throw notFound("审查意见", "finding_not_found");
  const item = await items.load(deps, user, "item.review", f.item_id);
  const p = new Problems();
  if (!(input.decision in EXEMPTIONS))
    p.add("decision", "invalid_exemption", `豁免理由须为：${Object.values(EXEMPTIONS).join("、")}。`);
  if (!input.note?.trim())
    p.add("note", "note_required", "请写明豁免的依据（如处罚决定书文号、法律条款或同意书）。");
  if (f.category !== "pii")
    p.add("decision", "not_exemptable", "只有个人信息可以豁免；涉密标识和用语问题须修改原文。");
  if (f.status !== "open") p.add("decision", "finding_closed", "该问题已处理。");
  p.throwIfAny();
  const now = deps.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await repo.updateFinding(trx, findingId, {
      status: "exempted",
      decision: input.decision,
      decision_note: input.note!.trim(),
      decided_by: user.id,
      decided_at: now,
    });
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "review.exempt",
      entityType: "item",
      entityId: f.item_id,
      orgId: item.org_id,
      summary: { finding: findingId, kind: f.kind, decision: input.decision, note: input.note!.trim() },
    });
  });
  return repo.findFinding(db, findingId);
}

export async function findingsForItem(deps: Pick<Deps, "db">, itemId: string) {
  return repo.findingsOf(deps.db.kysely, itemId);
}

export async function getReviewSettings(deps: Pick<Deps, "db">, siteId: string) {
  const s = await repo.getSettings(deps.db.kysely, siteId);
  return {
    allowPhones: s ? (JSON.parse(s.allow_phones) as string[]) : [],
    allowEmails: s ? (JSON.parse(s.allow_emails) as string[]) : [],
    allowAddresses: s ? (JSON.parse(s.allow_addresses) as string[]) : [],
    sensitiveWords: s ? (JSON.parse(s.sensitive_words) as string[]) : [],
  };
}

const PHONE = /^\+?[0-9][0-9\s()（）-]{5,24}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Every entry that is not a phone number, an e-mail address or an address, named (400). */
function validateContacts(phones: string[], emails: string[], addresses: string[]): void {
  const p = new Problems();
  for (const x of phones) {
    const digits = x.replace(/\D/g, "").length;
    if (!PHONE.test(x) || digits < 7 || digits > 15)
      p.add("allow_phones", "invalid_phone", `“${x}”不是电话号码（7 至 15 位数字，可含区号和连字符）。`);
  }
  for (const x of emails)
    if (!EMAIL.test(x) || x.length > 100) p.add("allow_emails", "invalid_email", `“${x}”不是电子邮箱地址。`);
  for (const x of addresses)
    if ([...x].length < 4 || [...x].length > 100)
      p.add("allow_addresses", "invalid_address", `“${x}”不是完整的办公地址（4 至 100 个字）。`);
  if (phones.length > 200) p.add("allow_phones", "too_many", "办公电话最多 200 个。");
  if (addresses.length > 100) p.add("allow_addresses", "too_many", "办公地址最多 100 个。");
  p.throwIfAny();
}

export async function saveReviewSettings(
  deps: Deps,
  user: CurrentUser,
  siteId: string,
  input: { allowPhones: string; allowEmails: string; allowAddresses?: string; sensitiveWords: string },
) {
  const phones = splitList(input.allowPhones);
  const emails = splitList(input.allowEmails);
  // Addresses hold commas (“XX路1号，县政府大楼”): one a line.
  const addresses =
    input.allowAddresses === undefined
      ? (await getReviewSettings(deps, siteId)).allowAddresses
      : input.allowAddresses
          .split(/\r?\n/)
          .map((x) => x.trim())
          .filter(Boolean);
  validateContacts(phones, emails, addresses);
  const row = {
    site_id: siteId,
    allow_phones: JSON.stringify(phones),
    allow_emails: JSON.stringify(emails),
    allow_addresses: JSON.stringify(addresses),
    sensitive_words: JSON.stringify(splitList(input.sensitiveWords)),
    updated_at: deps.clock.now().toISOString(),
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    await repo.saveSettings(trx, row);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "review.settings",
      entityType: "site",
      entityId: siteId,
      orgId: null,
      siteId,
      summary: {
        allow_phones: JSON.parse(row.allow_phones).length,
        allow_emails: JSON.parse(row.allow_emails).length,
        allow_addresses: addresses.length,
        sensitive_words: JSON.parse(row.sensitive_words).length,
      },
    });
  });
}

/**
 * Checks that the links in an item's body answer (at review time, over the network). Dead links are shown
 * to the reviewer as warnings rather than blocking: a site that is down for an hour should not hold up
 * a publication, but the reviewer decides.
 */
export async function checkItemLinks(
  deps: Deps,
  items: ReviewItems,
  user: CurrentUser,
  itemId: string,
): Promise<FindingRow[]> {
  const db = deps.db.kysely;
  const item = await items.load(deps, user, "item.review", itemId);
  const hrefs = [...item.body_html.matchAll(/href="(https?:[^"]+)"/g)].map((m) =>
    m[1]!.replace(/&amp;/g, "&"),
  );
  const text = [item.body_text, ...hrefs].join("\n");
  const found = await checkLinks(text, deps.linkProbe, { timeoutMs: 8000, concurrency: 4 });
  const now = deps.clock.now().toISOString();
  const rows = found.map((f) => ({ ...toRow(itemId, "links", f, now), severity: "warning" }));
  await db.transaction().execute(async (trx) => {
    await repo.deleteFindingsFrom(trx, itemId, "links");
    await repo.insertFindings(trx, rows);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "review.links",
      entityType: "item",
      entityId: itemId,
      orgId: item.org_id,
      summary: { links: new Set(hrefs.concat(text.match(/https?:\/\/\S+/g) ?? [])).size, dead: rows.length },
    });
  });
  return repo.findingsOf(db, itemId);
}
