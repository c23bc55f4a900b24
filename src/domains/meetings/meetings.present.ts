// What a meeting's public page and its JSON show: everything loaded once, so views do no I/O. Counts only:
// the applicants' names and phones are never part of it.
import type { Deps } from "../../deps";
import type { PageRequest } from "../../platform/paging";
import { getOrg } from "../orgs";
import * as repo from "./meetings.repo";
import { acceptsApplications, todayOf } from "./meetings.service";
import { meetingDateOf } from "./meetings.steps";

export const meetingUrl = (id: string, prefix = "") => `${prefix}/hd/meetings/${id}`;
const itemUrl = (id: string) => `/gk/items/${id}`;
const consultationUrl = (id: string) => `/hd/consultations/${id}`;

export interface Link {
  id: string;
  title: string;
  url: string;
}

const countsOf = (r: repo.MeetingRow) => ({
  seats: r.seats,
  applications: r.application_count,
  approved: r.approved_count,
});

/** Loads what the public page (and the public JSON) of an announced meeting shows. */
export async function loadPublicView(deps: Deps, row: repo.MeetingRow) {
  const db = deps.db.kysely;
  const today = todayOf(deps);
  const org = await getOrg(deps, row.org_id);
  const agenda: Array<{ topic: string; item: Link | null; consultation: Link | null }> = [];
  for (const e of repo.agendaOf(row)) {
    const item = e.item_id ? await repo.findItemForLink(db, e.item_id) : undefined;
    const c = e.consultation_id ? await repo.findConsultationForLink(db, e.consultation_id) : undefined;
    agenda.push({
      topic: e.topic,
      item:
        item && item.status === "published"
          ? { id: item.id, title: item.title, url: itemUrl(item.id) }
          : null,
      consultation:
        c && c.status !== "draft" && c.status !== "submitted"
          ? { id: c.id, title: c.title, url: consultationUrl(c.id) }
          : null,
    });
  }
  const decisionItem = row.decision_item_id
    ? await repo.findItemForLink(db, row.decision_item_id)
    : undefined;
  const minutesOut = row.status === "minutes_published";
  // The stream from the meeting's day on (live, then the recording), never for a cancelled meeting.
  const streamShown = Boolean(row.stream_url) && row.status !== "cancelled" && meetingDateOf(row) <= today;
  return {
    row,
    today,
    org: { code: org?.code ?? "", name: org?.name ?? "" },
    agenda,
    accepting: acceptsApplications(row, today),
    notOpenYet: row.status === "announced" && today < row.apply_opens_on,
    streamUrl: streamShown ? row.stream_url : null,
    /** The meeting has a stream that opens on its day. */
    streamLater: Boolean(row.stream_url) && !streamShown && row.status !== "cancelled",
    counts: countsOf(row),
    minutes: minutesOut ? row.minutes : null,
    decision:
      minutesOut && decisionItem && decisionItem.status === "published"
        ? { id: decisionItem.id, title: decisionItem.title, url: itemUrl(decisionItem.id) }
        : null,
  };
}

export type PublicView = Awaited<ReturnType<typeof loadPublicView>>;

export function publicJson(v: PublicView) {
  return {
    id: v.row.id,
    title: v.row.title,
    kind: v.row.kind,
    status: v.row.status,
    org: v.org,
    starts_at: v.row.starts_at,
    place: v.row.place,
    agenda: v.agenda,
    apply_opens_on: v.row.apply_opens_on,
    apply_closes_on: v.row.apply_closes_on,
    accepting_applications: v.accepting,
    counts: v.counts,
    stream_url: v.streamUrl,
    cancel_reason: v.row.cancel_reason,
    minutes: v.minutes,
    minutes_published_at: v.minutes ? v.row.minutes_published_at : null,
    decision: v.decision,
    url: meetingUrl(v.row.id),
  };
}

/** The list entries of the public list and API: announced meetings, latest date first. */
export async function publicList(deps: Deps, siteId: string, page: number, perPage = 20) {
  const { rows, total } = await repo.listMeetings(
    deps.db.kysely,
    { siteId, announcedOnly: true },
    { limit: perPage, offset: (page - 1) * perPage },
  );
  return { total, page, perPage, items: await listEntries(deps, rows) };
}

/** The public page's list: a page by number or cursor (src/platform/paging.ts) and the capped total. */
export async function publicPageOf(deps: Deps, siteId: string, req: PageRequest) {
  const filter = { siteId, announcedOnly: true };
  const [found, total] = await Promise.all([
    repo.pageMeetings(deps.db.kysely, filter, req),
    repo.countMeetingsCapped(deps.db.kysely, filter),
  ]);
  return { found, total, items: await listEntries(deps, found.rows) };
}

async function listEntries(deps: Deps, rows: repo.MeetingRow[]) {
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
    kind: r.kind,
    status: r.status,
    org: orgs.get(r.org_id)!,
    starts_at: r.starts_at,
    place: r.place,
    accepting_applications: acceptsApplications(r, today),
    counts: countsOf(r),
    url: meetingUrl(r.id),
  }));
}

/** What staff get back from a create, an edit or a step: the row as it now stands. */
export const staffJson = (r: repo.MeetingRow) => ({
  id: r.id,
  status: r.status,
  title: r.title,
  kind: r.kind,
  org_id: r.org_id,
  starts_at: r.starts_at,
  place: r.place,
  agenda: repo.agendaOf(r),
  apply_opens_on: r.apply_opens_on,
  apply_closes_on: r.apply_closes_on,
  seats: r.seats,
  stream_url: r.stream_url,
  cancel_reason: r.cancel_reason,
  minutes: r.minutes,
  decision_item_id: r.decision_item_id,
  counts: countsOf(r),
  url: `/admin/meetings/${r.id}`,
});

/** `page` query text → a page number from 1 (anything else: 1). */
export const pageOf = (raw: string | undefined) => {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
};

/** "2026-12-28T09:00" → "2026-12-28 09:00". */
export const whenOf = (startsAt: string) => startsAt.replace("T", " ");
