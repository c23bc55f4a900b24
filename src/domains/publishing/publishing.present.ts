import type { Deps } from "../../deps";
import { getOrg } from "../orgs";
import {
  attachmentsArePublic,
  listAttachments,
  listPublicAttachments,
  publicAttachmentUrl,
} from "./attachments";
import { itemMongolian } from "./mn-port";
import * as repo from "./publishing.repo";

type ItemRow = repo.ItemRow;

const PUBLIC_STATUSES = new Set(["published", "withdrawn", "superseded"]);
export const isPublic = (item: Pick<ItemRow, "status">) => PUBLIC_STATUSES.has(item.status);
export const publicUrl = (item: Pick<ItemRow, "id" | "status">, lang: "zh-CN" | "mn-Mong" = "zh-CN") =>
  isPublic(item) ? `${lang === "mn-Mong" ? "/mn" : ""}/gk/items/${item.id}` : null;

export function timelinessOf(item: Pick<ItemRow, "status" | "late">): "late" | "on_time" | "pending" | null {
  if (item.status !== "published" && item.status !== "superseded" && item.status !== "withdrawn") return null;
  return item.late === null ? "pending" : item.late ? "late" : "on_time";
}

/** The JSON form of an item for the API (CONTRACT.md: status, index_number, doc_number, url, links). */
export async function presentItem(deps: Pick<Deps, "db">, item: ItemRow, opts: { staff: boolean }) {
  const db = deps.db.kysely;
  const org = await getOrg(deps, item.org_id);
  const interpretations = ["policy", "normative"].includes(item.kind)
    ? await repo.interpretationsOf(db, item.id)
    : [];
  const visible = opts.staff ? interpretations : interpretations.filter(isPublic);
  const nodes = (await repo.nodesOf(db, [item.id])).get(item.id) ?? [];
  // The approved Mongolian version (src/domains/mongolian), shown once the item is public or to its staff.
  const mn = isPublic(item) || opts.staff ? (await itemMongolian(db, [item])).get(item.id) : undefined;
  // 可核查: the published files (masked where masked) with the SHA-256 of what a download serves.
  const files = attachmentsArePublic(item)
    ? await listPublicAttachments(deps, item.id)
    : opts.staff
      ? await listAttachments(deps, item.id)
      : [];
  return {
    id: item.id,
    kind: item.kind,
    status: item.status,
    title: item.title,
    title_mn: mn?.title ?? item.title_mn,
    org: org ? { id: org.id, code: org.code, name: org.name } : null,
    index_number: item.index_number,
    doc_number: item.doc_number,
    formed_on: item.formed_on,
    published_at: item.published_at,
    published_on: item.published_on,
    scheduled_at: item.scheduled_at,
    validity: item.validity,
    validity_on: item.validity_on,
    replaced_by: item.replaced_by_id,
    version: item.version,
    lineage_id: item.lineage_id,
    supersedes: item.supersedes_id,
    interprets: item.interprets_id,
    interpreter: item.interpreter,
    form: item.interpretation_form,
    interpretations: visible.map((i) => i.id),
    catalog_nodes: nodes,
    summary: item.summary,
    topic: item.topic,
    keywords: item.keywords,
    body: item.body_html,
    content_sha256: item.content_sha256 ?? null,
    attachments: files.map((a) => ({
      id: a.id,
      filename: a.filename,
      mime: a.mime,
      size: a.size,
      sha256: a.sha256,
      url: attachmentsArePublic(item) ? publicAttachmentUrl(a) : null,
    })),
    url: publicUrl(item),
    mn: mn
      ? {
          title: mn.title,
          summary: mn.summary,
          body: mn.bodyHtml,
          outdated: mn.outdated,
          translates_version: mn.sourceVersion,
          revision: mn.revision,
          approved_at: mn.approvedAt,
          url: publicUrl(item, "mn-Mong"),
        }
      : null,
    timeliness: timelinessOf(item),
    late_working_days: item.late_working_days,
    withdraw_reason: item.withdraw_reason,
    ...(opts.staff
      ? { last_note: item.last_note, created_at: item.created_at, updated_at: item.updated_at }
      : {}),
  };
}
