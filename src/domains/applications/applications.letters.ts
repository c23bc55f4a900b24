// Glue between one application and the letters module: which letters an application has, the values
// that fill them, the letterhead, and the rendered file. The back office downloads every letter; the
// public status page calls renderApplicationLetter(…, "reply", …) for the applicant's own reply.
//
// Letterhead and signature: the replying organ (letters/letter.settings.ts): the organisation holding the
// application, the nearest organ above it for a community or an institution, and the site's people's
// government for an application held by the root (the county government's own replies, which its general
// office handles and writes in the government's name). The remedies name the review body of that organ under
// the 行政复议法 as revised in 2023 (letters/letter.remedies.ts). Contact phone: the site's.
//
// The workflow stores one free-text note per reply (outcome_note), so it fills the case-specific part each
// outcome's template prints unconditionally: the reasons for 不予公开/部分公开/不予处理 (Art. 35), where to
// get a publication for 要求提供公开出版物, otherwise the outcome text. The Word file is the one to edit when
// a letter needs more (documents provided, another agency's contact…).
import type { Deps } from "../../deps";
import { AppError } from "../../platform/errors";
import { formatDueDate, getClockByOwner, readClock } from "../calendar";
import { listSites } from "../orgs";
import * as repo from "./applications.repo";
import { EXTENSION_REASON } from "./applications.steps";
import {
  DEFAULT_LETTER_TEMPLATES,
  fillTemplate,
  isReplyOutcome,
  isWithholdGround,
  type Letterhead,
  type LetterKind,
  type LetterValues,
  PLACEHOLDERS,
  partialLegalBasis,
  type ReplyOutcome,
  remediesText,
  remedyKindOf,
  renderLetterDocx,
  renderLetterPdf,
  reviewBodies,
} from "./letters/letter.index";
import { reviewContextFor } from "./letters/letter.settings";

type Row = repo.ApplicationRow;
type Step = repo.StepRow;

/** The letters an application can have: the final reply and the notices sent while handling it. */
export const APPLICATION_LETTERS = [
  "reply",
  "correction",
  "extension",
  "fee_notice",
  "consultation",
  "reasons_request",
  "delayed_reply",
] as const;
export type ApplicationLetter = (typeof APPLICATION_LETTERS)[number];
export const APPLICATION_LETTER_LABELS: Record<ApplicationLetter, string> = {
  reply: "政府信息公开申请答复书",
  correction: "补正告知书",
  extension: "延期答复告知书",
  fee_notice: "信息处理费收费通知书",
  consultation: "征求第三方意见函",
  reasons_request: "说明理由通知书",
  delayed_reply: "延迟答复告知书",
};
export const LETTER_FORMATS = ["docx", "pdf"] as const;
export type LetterFormat = (typeof LETTER_FORMATS)[number];
export const LETTER_CONTENT_TYPES: Record<LetterFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
};

export const isApplicationLetter = (s: string): s is ApplicationLetter =>
  (APPLICATION_LETTERS as readonly string[]).includes(s);

/** The step each notice letter documents (the last one of its kind). */
const NOTICE_STEP: Record<Exclude<ApplicationLetter, "reply">, string> = {
  correction: "request_correction",
  extension: "extend",
  fee_notice: "fee_notice",
  consultation: "start_consultation",
  reasons_request: "request_reasons",
  delayed_reply: "set_period",
};

const lastStep = <S extends Pick<Step, "action">>(steps: S[], action: string) =>
  steps.filter((s) => s.action === action).at(-1);

/** Which letters exist for this application now (the reply only once replied with a table-三 outcome). */
export function availableLetters(
  row: Pick<Row, "status" | "outcome">,
  steps: Array<Pick<Step, "action">>,
): ApplicationLetter[] {
  return APPLICATION_LETTERS.filter((k) =>
    k === "reply"
      ? row.status === "replied" && !!row.outcome && isReplyOutcome(row.outcome)
      : !!lastStep(steps, NOTICE_STEP[k]),
  );
}

/**
 * The issuing organ (letterhead and signature) and what decides the review bodies its letters name
 * (reviewBodies throws 409 when the one the law requires is not configured; only letters with remedies ask).
 */
export async function letterheadFor(
  deps: Pick<Deps, "db">,
  /** The application; a site id alone means the site's people's government. */
  of: string | Pick<Row, "site_id" | "org_id">,
) {
  const row = typeof of === "string" ? { site_id: of, org_id: null } : of;
  const [{ org, context }, sites] = await Promise.all([
    reviewContextFor(deps, row.site_id, row.org_id),
    listSites(deps),
  ]);
  const site = sites.find((s) => s.id === row.site_id);
  const name = org?.name ?? site?.name ?? "";
  const letterhead: Letterhead = { name };
  return { letterhead, orgName: name, contactPhone: site?.contact_phone ?? "", review: context };
}

/** Where the reply's note goes, by the case-specific placeholder the outcome's template always prints. */
function noteSlot(outcome: ReplyOutcome): "reasons" | "where_published" | "outcome_text" {
  if (outcome.startsWith("withhold.") && outcome !== "withhold.administrative_query") return "reasons";
  if (outcome === "partial" || outcome === "not_handled.excessive") return "reasons";
  if (outcome === "not_handled.publication") return "where_published";
  return "outcome_text";
}

/** Defaults for placeholders some templates print unconditionally and the workflow does not record. */
const LEGAL_BASIS_DEFAULT: Partial<Record<ReplyOutcome, string>> = {
  "withhold.prohibited_by_law": "有关法律、行政法规的规定",
};
const FALLBACK_REASONS = "所申请信息属于不予公开的范围";
const FALLBACK_EXTENSION_REASON = "所申请信息需要进一步检索、核实";
/** Not recorded by the workflow: the notice names the office's usual non-tax payment channel. */
export const DEFAULT_PAYMENT_METHOD = "本机关告知的非税收入缴款渠道";

/** "请补正申请：X。补正期限：…" → X (the workflow's public text of the step). */
const between = (text: string, start: string, end: RegExp) => {
  if (!text.startsWith(start)) return "";
  const rest = text.slice(start.length);
  const m = end.exec(rest);
  return (m ? rest.slice(0, m.index) : rest).trim();
};

/** Every value the chosen letter needs, from the application, its steps, its clock and the site. */
export async function letterValuesFor(
  deps: Deps,
  row: Row,
  steps: Step[],
  kind: ApplicationLetter,
): Promise<{ templateKind: LetterKind; values: LetterValues; letterhead: Letterhead }> {
  const { letterhead, orgName, contactPhone, review } = await letterheadFor(deps, row);
  const values: Record<string, string> = Object.fromEntries(PLACEHOLDERS.map((p) => [p, ""]));
  Object.assign(values, {
    applicant_name: row.applicant_name,
    tracking_code: row.tracking_code,
    received_on: row.received_on ?? row.submitted_at.slice(0, 10),
    description: row.description,
    org_name: orgName,
    contact_phone: contactPhone,
  });
  const note = row.outcome_note?.trim() ?? "";
  if (kind === "reply") {
    if (!row.outcome || !isReplyOutcome(row.outcome) || row.status !== "replied") throw unavailable(kind);
    const outcome = row.outcome;
    values[noteSlot(outcome)] = note;
    if (noteSlot(outcome) === "reasons" && !note) values.reasons = FALLBACK_REASONS;
    values.legal_basis = LEGAL_BASIS_DEFAULT[outcome] ?? "";
    values.review_rights = remediesText(remedyKindOf(outcome), reviewBodies(review));
    const consulted = !!row.consult_party?.trim();
    if (outcome === "partial") {
      const ground = isWithholdGround(row.withheld_ground) ? row.withheld_ground : null;
      values.legal_basis = partialLegalBasis(ground, consulted);
    }
    // Only whether a third party was consulted: the letter does not name it to the applicant.
    if (outcome === "withhold.third_party" && consulted) values.third_party_name = row.consult_party ?? "";
    values.reply_on = row.replied_on ?? "";
    if (row.fee_yuan && (outcome === "disclose" || outcome === "partial"))
      values.fee_text = `${row.fee_yuan}元`;
    return { templateKind: outcome, values, letterhead };
  }
  const step = lastStep(steps, NOTICE_STEP[kind]);
  if (!step) throw unavailable(kind);
  values.reply_on = step.on_date;
  switch (kind) {
    case "correction":
      values.correction_items = between(step.public_text, "请补正申请：", /。补正期限：/);
      values.correction_deadline = row.correction_deadline ?? "";
      break;
    case "extension": {
      const clock = await getClockByOwner(deps, { ownerType: "application", ownerId: row.id });
      const reading = clock?.dueOn ? await readClock(deps, clock).catch(() => undefined) : undefined;
      // The Art. 33 extension of that day, not an Art. 35 period set the same day (also an extend event).
      const index = (clock?.events ?? []).findLastIndex(
        (e) => e.type === "extend" && e.on === step.on_date && e.reason === EXTENSION_REASON,
      );
      const event = index >= 0 ? clock?.events[index] : undefined;
      const ext = index >= 0 ? reading?.steps[index] : undefined;
      values.extension_days = String(
        event?.type === "extend" ? event.days : (/延长 (\d+) 个工作日/.exec(step.public_text)?.[1] ?? ""),
      );
      const newDue = ext?.dueOn ?? clock?.dueOn ?? "";
      // H1: a date counted over a year without a holiday notice is printed as 暂定.
      values.new_due_on = newDue ? formatDueDate(newDue, reading?.provisional ?? clock?.provisional) : "";
      // The internal note reads "批准人：X；reason"; the approver is not the applicant's business.
      const reason = (step.internal_note ?? "")
        .split("；")
        .filter((s) => !s.startsWith("批准人："))
        .join("；")
        .trim();
      values.reasons = reason || FALLBACK_EXTENSION_REASON;
      break;
    }
    case "fee_notice":
      values.review_rights = remediesText("either", reviewBodies(review), "本通知");
      values.fee_text = between(step.public_text, "收费通知：", /。请于/);
      values.fee_deadline = row.fee_deadline ?? "";
      values.payment_method = DEFAULT_PAYMENT_METHOD;
      break;
    case "consultation":
      values.third_party_name = row.consult_party ?? "";
      values.consultation_deadline = row.consult_deadline ?? "";
      break;
    case "reasons_request":
      values.reasons_deadline = /请于 (\d{4}-\d{2}-\d{2}) 前/.exec(step.public_text)?.[1] ?? "";
      break;
    case "delayed_reply":
      values.new_due_on = /答复期限至 (\d{4}-\d{2}-\d{2})/.exec(step.public_text)?.[1] ?? "";
      values.reasons = step.internal_note?.trim() ?? "";
      break;
  }
  return { templateKind: kind, values, letterhead };
}

const unavailable = (kind: ApplicationLetter) =>
  new AppError("letter_not_available", 404, `该申请没有${APPLICATION_LETTER_LABELS[kind]}。`);

/**
 * One letter of an application as a Word or PDF file, on the site's letterhead. For the public status page:
 * call it with "reply" only (the notices went to the applicant already, and the consultation letter is
 * addressed to a third party). Throws 404 letter_not_available when the application has no such letter.
 */
export async function renderApplicationLetter(
  deps: Deps,
  row: Row,
  kind: ApplicationLetter,
  format: LetterFormat,
): Promise<{ filename: string; contentType: string; body: Buffer }> {
  const steps = await repo.stepsOf(deps.db.kysely, row.id, false);
  const { templateKind, values, letterhead } = await letterValuesFor(deps, row, steps, kind);
  const letter = fillTemplate(DEFAULT_LETTER_TEMPLATES[templateKind], values);
  const body =
    format === "pdf" ? await renderLetterPdf(letter, letterhead) : await renderLetterDocx(letter, letterhead);
  return {
    filename: `${row.tracking_code}-${APPLICATION_LETTER_LABELS[kind]}.${format}`,
    contentType: LETTER_CONTENT_TYPES[format],
    body,
  };
}

/** `attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded` (RFC 6266 / RFC 5987). */
export function contentDisposition(filename: string, kind: "attachment" | "inline" = "attachment"): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%]/g, "_");
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
