// A version of a service item as staff read it, and what changed from the version before (the history).
import { diffLines } from "../../platform/text-diff";
import { type ItemContent, type MaterialLink, parseJson } from "./services.model";
import type { VersionRow } from "./services.repo";
import { CHANGE_LABELS, VERSION_STATUS_LABELS } from "./services.steps";

export function versionJson(v: VersionRow) {
  return {
    id: v.id,
    number: v.number,
    change: v.change_kind,
    change_label: CHANGE_LABELS[v.change_kind],
    status: v.status,
    status_label: VERSION_STATUS_LABELS[v.status],
    decision: v.decision,
    reason: v.reason,
    review_note: v.review_note,
    submitted_at: v.submitted_at,
    decided_at: v.decided_at,
    content: parseJson<Partial<ItemContent>>(v.content_json, {}),
    materials: parseJson<MaterialLink[]>(v.materials_json, []),
  };
}

/** The entry as lines "field: value" so two versions can be compared line by line. */
export function contentLines(v: VersionRow): string {
  const c = parseJson<Record<string, unknown>>(v.content_json, {});
  const lines = Object.entries(c).map(
    ([k, val]) => `${k}: ${typeof val === "string" ? val : JSON.stringify(val)}`,
  );
  lines.push(`materials: ${v.materials_json}`);
  return lines.join("\n");
}

export const diffVersions = (older: VersionRow, newer: VersionRow) =>
  diffLines(contentLines(older), contentLines(newer));
