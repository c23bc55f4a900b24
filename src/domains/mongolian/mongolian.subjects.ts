// What a Mongolian version translates (an item's lineage, a catalogue node, or a later domain's subject from
// mongolian.kinds.ts) and the fingerprint of the Chinese it follows, loaded with or without the subject's lock.
import { createHash } from "node:crypto";
import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Deps, Executor } from "../../deps";
import { notFound } from "../../platform/errors";
import { findItem, type ItemRow, lockItem, versionsOf } from "../publishing";
import { type MnKind, type MnSource, mnKind } from "./mongolian.kinds";
import * as repo from "./mongolian.repo";
import type { MnSubjectType } from "./mongolian.tables";

type Trx = Transaction<Database>;

/** What a Mongolian version translates, as loaded (and locked) for a step. */
export interface MnSubject {
  type: MnSubjectType;
  /** The id in the URL: an item version, or a catalogue node. */
  id: string;
  siteId: string;
  orgId: string;
  /** The key the revisions hang on: the item's lineage (all its versions), or the node. */
  subjectId: string;
  /** The Chinese as it stands: its title (or name), version and fingerprint. */
  chineseTitle: string;
  sourceVersion: number | null;
  sourceSha: string;
  /** An item's translation has a body; a catalogue name has none. */
  hasBody: boolean;
  item?: ItemRow;
  /** A later domain's subject: how it is authorised and where it is shown. */
  kind?: MnKind;
  source?: MnSource;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** The fingerprint of the Chinese a translation follows: title, summary and body of an item version. */
export const itemSourceSha = (i: Pick<ItemRow, "title" | "summary" | "body_html">) =>
  sha256(JSON.stringify(["item", i.title, i.summary ?? "", i.body_html]));
export const nodeSourceSha = (n: { name: string }) => sha256(JSON.stringify(["catalog_node", n.name]));
export const kindSourceSha = (type: MnSubjectType, s: Pick<MnSource, "title" | "texts">) =>
  sha256(JSON.stringify([type, s.title, ...s.texts]));

const kindSubject = (kind: MnKind, s: MnSource): MnSubject => ({
  type: kind.type,
  id: s.id,
  siteId: s.siteId,
  orgId: s.orgId,
  subjectId: s.id,
  chineseTitle: s.title,
  sourceVersion: s.version,
  sourceSha: kindSourceSha(kind.type, s),
  hasBody: true,
  kind,
  source: s,
});

/** A later domain's kind, known once its routes are registered. */
function kindOf(type: MnSubjectType): MnKind {
  const kind = mnKind(type);
  if (!kind) throw new Error(`Mongolian subject type ${type} is not registered`);
  return kind;
}

export const itemSubject = (item: ItemRow): MnSubject => ({
  type: "item",
  id: item.id,
  siteId: item.site_id,
  orgId: item.org_id,
  subjectId: item.lineage_id,
  chineseTitle: item.title,
  sourceVersion: item.version,
  sourceSha: itemSourceSha(item),
  hasBody: true,
  item,
});

const nodeSubject = (n: { id: string; site_id: string; org_id: string; name: string }): MnSubject => ({
  type: "catalog_node",
  id: n.id,
  siteId: n.site_id,
  orgId: n.org_id,
  subjectId: n.id,
  chineseTitle: n.name,
  sourceVersion: null,
  sourceSha: nodeSourceSha(n),
  hasBody: false,
});

export const subjectMissing = (type: MnSubjectType) =>
  type === "item"
    ? notFound("信息", "item_not_found")
    : type === "catalog_node"
      ? notFound("目录栏目", "catalog_node_not_found")
      : kindOf(type).missing();

export async function lockSubject(deps: Deps, trx: Trx, type: MnSubjectType, id: string) {
  if (type === "item") {
    const item = await lockItem(trx, deps.db.dialect, id);
    return item && item.status !== "withdrawn" ? itemSubject(item) : undefined;
  }
  if (type !== "catalog_node") {
    const kind = kindOf(type);
    const s = await kind.lock(trx, deps.db.dialect, id);
    return s && kindSubject(kind, s);
  }
  const node = await repo.lockCatalogNode(trx, deps.db.dialect, id);
  return node && !node.archived ? nodeSubject(node) : undefined;
}

export async function findSubject(db: Executor, type: MnSubjectType, id: string) {
  if (type === "item") {
    const item = await findItem(db, id);
    return item ? itemSubject(item) : undefined;
  }
  if (type !== "catalog_node") {
    const kind = kindOf(type);
    const s = await kind.find(db, id);
    return s && kindSubject(kind, s);
  }
  const node = await repo.findCatalogNodeName(db, id);
  return node ? nodeSubject(node) : undefined;
}

/** The version of an item lineage its translation follows now: the newest that is not withdrawn. */
export async function currentItemSubject(db: Executor, lineage: string): Promise<MnSubject | undefined> {
  const versions = (await versionsOf(db, lineage)).filter((v) => v.status !== "withdrawn");
  const latest = versions.sort((a, b) => b.version - a.version)[0];
  return latest ? itemSubject(latest) : undefined;
}
