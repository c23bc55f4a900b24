import type { MnVersionRow } from "./mongolian.repo";
import { MN_STATUS_LABELS } from "./mongolian.schemas";
import type { MnState } from "./mongolian.service";
import type { MnStatus } from "./mongolian.tables";

const presentVersion = (v: MnVersionRow, currentSha: string) => ({
  id: v.id,
  revision: v.revision,
  status: v.status,
  status_label: MN_STATUS_LABELS[v.status as MnStatus] ?? v.status,
  title: v.title,
  summary: v.summary,
  body: v.body_html,
  translates: { id: v.source_id, version: v.source_version },
  /** The Chinese has changed since this revision was saved. */
  source_changed: v.source_sha256 !== currentSha,
  note: v.last_note,
  created_by: v.created_by,
  updated_by: v.updated_by,
  submitted_by: v.submitted_by,
  approved_by: v.approved_by,
  approved_at: v.approved_at,
  updated_at: v.updated_at,
});

/** The JSON of GET/PUT /api/v1/items/{id}/mn (and the catalogue node's). */
export function presentMnState(state: MnState) {
  const sha = state.subject.sourceSha;
  return {
    subject: {
      type: state.subject.type,
      id: state.subject.id,
      title: state.subject.chineseTitle,
      version: state.subject.sourceVersion,
    },
    approved: state.approved ? presentVersion(state.approved, sha) : null,
    outdated: state.outdated,
    draft: state.open ? presentVersion(state.open, sha) : null,
    revisions: state.revisions.map((r) => ({
      id: r.id,
      revision: r.revision,
      status: r.status,
      translates_version: r.source_version,
      updated_at: r.updated_at,
    })),
  };
}
