// What of a meeting the site search finds: an announced one by its title, agenda and place; its minutes or
// decisions once published; the reason once cancelled. Written in the transaction of each step.
import type { Deps, Executor } from "../../deps";
import { getSearchIndex } from "../../platform/search";
import type { SearchDoc } from "../../platform/search/search.types";
import { syncMnInIndex } from "../mongolian";
import * as repo from "./meetings.repo";
import { KIND_LABELS } from "./meetings.steps";

export const MEETING_DOC_TYPE = "meeting";

export function meetingSearchDoc(row: repo.MeetingRow): SearchDoc {
  const minuted = row.status === "minutes_published";
  return {
    type: MEETING_DOC_TYPE,
    id: row.id,
    siteId: row.site_id,
    orgId: row.org_id,
    title: row.title,
    body: [
      KIND_LABELS[row.kind],
      row.place,
      ...repo.agendaOf(row).map((a) => a.topic),
      minuted ? (row.minutes ?? "") : "",
      row.cancel_reason ?? "",
    ]
      .filter(Boolean)
      .join("\n"),
    docNumber: null,
    kind: minuted ? "minutes" : "meeting",
    catalogNodeIds: [],
    publishedAt: minuted ? row.minutes_published_at : row.announced_at,
    validity: null,
    url: `/hd/meetings/${row.id}`,
    visibility: "public",
  };
}

/** Writes (announced and after) or removes (a draft) one meeting, inside the step's transaction. */
export async function syncMeetingInIndex(
  deps: Pick<Deps, "db" | "clock">,
  trx: Executor,
  row: repo.MeetingRow,
): Promise<void> {
  const index = getSearchIndex(deps.db, deps.clock);
  if (row.announced_at) await index.upsertDocs(trx, [meetingSearchDoc(row)]);
  else await index.removeDocs(trx, [{ type: MEETING_DOC_TYPE, id: row.id }]);
  // Its approved Mongolian version is found while the meeting is public (src/domains/mongolian).
  await syncMnInIndex(deps, trx, "meeting", [row.id]);
}

/** Every announced meeting of a site, in pages (reindex and the health check). */
export async function* meetingDocsOfSite(
  db: Executor,
  siteId: string,
  size = 200,
): AsyncIterable<SearchDoc[]> {
  for (let offset = 0; ; offset += size) {
    const { rows } = await repo.listMeetings(db, { siteId, announcedOnly: true }, { limit: size, offset });
    if (rows.length) yield rows.map(meetingSearchDoc);
    if (rows.length < size) return;
  }
}

export async function countAnnouncedMeetings(db: Executor, siteId: string): Promise<number> {
  return (await repo.listMeetings(db, { siteId, announcedOnly: true }, { limit: 1, offset: 0 })).total;
}
