// Lists as the API and pages present them: a list's summary, a version with its entries (linked service items
// named and linked to their guides), the history of versions, and the changes between two versions.
import type { Executor } from "../../deps";
import type { OrgTree } from "../orgs";
import {
  LIST_FIELDS,
  LIST_KIND_LABELS,
  type ListChanges,
  type ListEntry,
  parseEntries,
} from "./services.lists.model";
import * as lrepo from "./services.lists.repo";
import { publicListUrl } from "./services.lists.search";
import { LIST_VERSION_STATUS_LABELS } from "./services.lists.steps";
import type { ListKind } from "./services.lists.tables";
import { itemUrl } from "./services.present";

export function listSummary(tree: OrgTree, l: lrepo.ListRow) {
  const org = tree.get(l.org_id);
  return {
    id: l.id,
    org: { code: org?.code ?? "", name: org?.name ?? "" },
    kind: l.kind,
    kind_label: LIST_KIND_LABELS[l.kind],
    version: l.version,
    published_at: l.published_at,
    url: l.version > 0 ? publicListUrl(org?.code ?? "", l.kind) : null,
  };
}

export type LinkedItem = { id: string; impl_code: string; name: string; url: string | null };

/** The service items the entries link to, by id (a draft or cancelled item has no public guide). */
export async function linkedItems(db: Executor, entries: readonly ListEntry[]) {
  const rows = await lrepo.itemsByIds(
    db,
    entries.flatMap((e) => (e.item_id ? [e.item_id] : [])),
  );
  return new Map<string, LinkedItem>(
    rows.map((r) => [
      r.id,
      { id: r.id, impl_code: r.impl_code, name: r.name, url: r.status === "draft" ? null : itemUrl(r.id) },
    ]),
  );
}

export function entryJson(kind: ListKind, e: ListEntry, items: Map<string, LinkedItem>) {
  const out: Record<string, unknown> = {};
  for (const f of LIST_FIELDS[kind]) if (f.key !== "item") out[f.key] = e[f.key];
  out.item = e.item_id
    ? (items.get(e.item_id) ?? { id: e.item_id, impl_code: "", name: "", url: null })
    : null;
  return out;
}

export function versionJson(v: lrepo.ListVersionRow) {
  return {
    number: v.number,
    status: v.status,
    status_label: LIST_VERSION_STATUS_LABELS[v.status],
    decision: v.decision,
    reason: v.reason,
    review_note: v.review_note,
    submitted_at: v.submitted_at,
    published_at: v.status === "published" ? v.decided_at : null,
    entries: parseEntries(v.entries_json).length,
  };
}

/** A list with one of its versions and that version's entries. */
export async function listWithEntries(
  db: Executor,
  tree: OrgTree,
  l: lrepo.ListRow,
  v: lrepo.ListVersionRow,
) {
  const entries = parseEntries(v.entries_json);
  const items = await linkedItems(db, entries);
  return {
    ...listSummary(tree, l),
    shown: versionJson(v),
    entries: entries.map((e) => entryJson(l.kind, e, items)),
  };
}

export function changesJson(kind: ListKind, from: number, to: number, c: ListChanges) {
  const brief = (e: ListEntry) => ({
    code: e.code,
    name: e.name,
    ...(kind === "power" ? { type: e.type } : { category: e.category }),
  });
  return {
    from,
    to,
    added: c.added.map(brief),
    removed: c.removed.map(brief),
    changed: c.changed,
    unchanged: c.unchanged,
  };
}
