// What a consultation page and its JSON show: everything loaded once, so views do no I/O.
import type { Deps } from "../../deps";
import { diffDays } from "../../platform/calendar";
import type { PageRequest } from "../../platform/paging";
import { getOrg } from "../orgs";
import { groupByDecision } from "./consultation.comments";
import * as repo from "./consultation.repo";
import { acceptsComments, effectiveStatus, periodDays, todayOf } from "./consultation.service";
import type { CommentDecision } from "./consultation.tables";

export const consultationUrl = (id: string, prefix = "") => `${prefix}/hd/consultations/${id}`;
export const documentUrl = (d: Pick<repo.DocumentRow, "id" | "consultation_id">, prefix = "") =>
  `${prefix}/hd/consultations/${d.consultation_id}/documents/${d.id}`;

/** Loads what the public page (and the public JSON) of a published consultation shows. */
export async function loadPublicView(deps: Deps, row: repo.ConsultationRow) {
  const db = deps.db.kysely;
  const [org, documents, comments, finalItem] = await Promise.all([
    getOrg(deps, row.org_id),
    repo.listDocuments(db, row.id),
    repo.listComments(db, row.id, "approved"),
    row.final_item_id ? repo.findItemForLink(db, row.final_item_id) : Promise.resolve(undefined),
  ]);
  const today = todayOf(deps);
  const reported = row.status === "reported";
  return {
    row,
    org: { code: org?.code ?? "", name: org?.name ?? "" },
    today,
    days: periodDays(row.start_on, row.end_on),
    /** Days left after today (0 on the last day), or null once the period is over. */
    daysLeft: acceptsComments(row, today) ? diffDays(today, row.end_on) : null,
    accepting: acceptsComments(row, today),
    notStarted: row.status === "open" && today < row.start_on,
    documents,
    comments: comments.map((c) => ({
      number: c.number,
      name: c.public_name,
      text: c.public_text ?? "",
      created_at: c.created_at,
      decision: reported ? c.decision : null,
      decision_reason: reported ? c.decision_reason : null,
    })),
    report:
      reported && row.report_summary
        ? {
            summary: row.report_summary,
            published_at: row.reported_at!,
            counts: Object.fromEntries(
              groupByDecision(comments).map((g) => [g.decision, g.comments.length]),
            ) as Record<CommentDecision, number>,
          }
        : null,
    finalPolicy:
      finalItem && finalItem.status === "published"
        ? { id: finalItem.id, title: finalItem.title, url: `/gk/items/${finalItem.id}` }
        : null,
  };
}

export type PublicView = Awaited<ReturnType<typeof loadPublicView>>;

export function publicJson(v: PublicView) {
  return {
    id: v.row.id,
    title: v.row.title,
    status: effectiveStatus(v.row, v.today),
    org: v.org,
    major: v.row.major === 1,
    start_on: v.row.start_on,
    end_on: v.row.end_on,
    days: v.days,
    short_reason: v.row.short_reason,
    accepting_comments: v.accepting,
    close_note: v.row.close_note,
    draft_html: v.row.draft_html,
    documents: v.documents.map((d) => ({
      id: d.id,
      filename: d.filename,
      size: d.size,
      url: documentUrl(d),
    })),
    comments: v.comments,
    report: v.report,
    final_policy: v.finalPolicy,
    url: consultationUrl(v.row.id),
  };
}

/** The list entries of the public list and API. */
export async function publicList(deps: Deps, siteId: string, page: number, perPage = 20) {
  const { rows, total } = await repo.listConsultations(
    deps.db.kysely,
    { siteId, statuses: repo.PUBLIC_STATUSES },
    { limit: perPage, offset: (page - 1) * perPage },
  );
  return { total, page, perPage, items: await listEntries(deps, rows) };
}

/** The public page's list: a page by number or cursor (src/platform/paging.ts) and the capped total. */
export async function publicPageOf(deps: Deps, siteId: string, req: PageRequest) {
  const filter = { siteId, statuses: repo.PUBLIC_STATUSES };
  const [found, total] = await Promise.all([
    repo.pageConsultations(deps.db.kysely, filter, req),
    repo.countConsultationsCapped(deps.db.kysely, filter),
  ]);
  return { found, total, items: await listEntries(deps, found.rows) };
}

async function listEntries(deps: Deps, rows: repo.ConsultationRow[]) {
  const today = todayOf(deps);
  const orgs = new Map<string, { code: string; name: string }>();
  for (const r of rows)
    if (!orgs.has(r.org_id)) {
      const o = await getOrg(deps, r.org_id);
      orgs.set(r.org_id, { code: o?.code ?? "", name: o?.name ?? "" });
    }
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: effectiveStatus(r, today),
    org: orgs.get(r.org_id)!,
    start_on: r.start_on,
    end_on: r.end_on,
    accepting_comments: acceptsComments(r, today),
    url: consultationUrl(r.id),
  }));
}

/** `page` query text → a page number from 1 (anything else: 1). */
export const pageOf = (raw: string | undefined) => {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
};
