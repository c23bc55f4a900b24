import type { Actor, Deps } from "../../deps";
import { sha256Hex } from "../../platform/crypto";
import type { PageRequest } from "../../platform/paging";
import { shanghaiDateOf } from "../../platform/time";
import { recordAudit } from "../audit";
import { canonicalJson, contentSha256V1, publishedFileShas } from "./integrity.canonical";
import * as repo from "./integrity.repo";

// The daily chain (docs/integrity.md): per site, one record per Asia/Shanghai day on which something was
// published. A record lists the day's leaves and its hash covers the previous record's hash, so changing
// any past publication, or any past record, breaks every hash after it.

export const GENESIS_HASH = "0".repeat(64);

const SEAL_MARGIN_MS = 10 * 60_000;

/** One publication of the day: the item, its content hash, its published files' hashes in order. */
export interface Leaf {
  id: string;
  content_sha256: string;
  attachments: string[];
}

/** What a day's hash is computed over: `canonicalJson` of this object (sorted keys, no whitespace). */
export const dayRecordHash = (r: {
  site_id: string;
  day: string;
  prev_hash: string;
  leaves: Leaf[];
}): string =>
  sha256Hex(
    Buffer.from(
      canonicalJson({ day: r.day, leaves: r.leaves, prev_hash: r.prev_hash, site_id: r.site_id, v: 1 }),
    ),
  );

/** The calendar day after `day` (YYYY-MM-DD); plain calendar arithmetic, no working days involved. */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const previousDay = (day: string): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

/** Leaves of items as they are stored: the content hash recorded at publication and the published files. */
async function leavesOf(db: Deps["db"]["kysely"], items: repo.HashedItem[]): Promise<Leaf[]> {
  const files = await repo.publishedFilesOf(
    db,
    items.map((i) => i.id),
  );
  const atts = await repo.attachmentsOf(
    db,
    items.filter((i) => !i.content_sha256).map((i) => i.id),
  );
  return items.map((i) => {
    const recorded = (files.get(i.id) ?? []).map((f) => f.sha256);
    // An item published before 0021 on a database restored without its backfill: hashed as it is now.
    const attachments = i.content_sha256 ? recorded : publishedFileShas(atts.get(i.id) ?? []);
    return {
      id: i.id,
      content_sha256: i.content_sha256 ?? contentSha256V1(i, attachments),
      attachments,
    };
  });
}

export interface SealResult {
  site_id: string;
  days: Array<{ day: string; leaves: number; hash: string }>;
}

/**
 * Seals every finished day (before today in Shanghai) not sealed yet, for each site (or one). Idempotent:
 * a day already sealed is never sealed again, so two servers sealing at once write the same records once.
 */
export async function sealDays(
  deps: Deps,
  actor: Actor,
  opts: { siteId?: string } = {},
): Promise<SealResult[]> {
  const db = deps.db.kysely;
  // A day is sealed ten minutes after it ends, so a publication committing across midnight is never missed.
  const through = previousDay(shanghaiDateOf(new Date(deps.clock.now().getTime() - SEAL_MARGIN_MS)));
  const sites = (await repo.listSiteIds(db)).filter((s) => !opts.siteId || s.id === opts.siteId);
  const results: SealResult[] = [];
  for (const site of sites) {
    const sealed = await db.transaction().execute(async (trx) => {
      const last = await repo.lastDay(trx, site.id);
      const from = last ? nextDay(last.day) : undefined;
      if (from && from > through) return [];
      const items = await repo.listPublishedItems(trx, site.id, { from, to: through });
      const byDay = new Map<string, repo.HashedItem[]>();
      for (const i of items) byDay.set(i.published_on!, [...(byDay.get(i.published_on!) ?? []), i]);
      let prev = last?.hash ?? GENESIS_HASH;
      const out: SealResult["days"] = [];
      for (const day of [...byDay.keys()].sort()) {
        const leaves = await leavesOf(trx, byDay.get(day)!);
        const hash = dayRecordHash({ site_id: site.id, day, prev_hash: prev, leaves });
        const inserted = await repo.insertDay(trx, {
          site_id: site.id,
          day,
          prev_hash: prev,
          leaves: canonicalJson(leaves),
          leaf_count: leaves.length,
          hash,
          sealed_at: deps.clock.now().toISOString(),
        });
        if (!inserted) break; // another process sealed it first: its records stand
        await recordAudit(trx, deps.clock, actor, {
          action: "integrity.seal",
          entityType: "integrity_day",
          entityId: `${site.id}:${day}`,
          siteId: site.id,
          orgId: null,
          businessDate: day,
          summary: { day, leaves: leaves.length, hash },
        });
        out.push({ day, leaves: leaves.length, hash });
        prev = hash;
      }
      return out;
    });
    results.push({ site_id: site.id, days: sealed });
  }
  return results;
}

export type DifferenceKind =
  | "chain_link_broken"
  | "record_altered"
  | "content_changed"
  | "files_changed"
  | "hash_changed"
  | "item_missing"
  | "item_unsealed"
  | "hash_missing";

export interface Difference {
  kind: DifferenceKind;
  site_id: string;
  day: string | null;
  item_id: string | null;
  /** What a person reads (Chinese). */
  message: string;
}

const BATCH = 500;

/**
 * Recomputes each site's chain and compares the live content of every published item with it (防篡改).
 * Withdrawal and supersession change only the status, which the hash does not cover: they are no difference.
 */
export async function checkIntegrity(deps: Deps, opts: { siteId?: string } = {}): Promise<Difference[]> {
  const db = deps.db.kysely;
  const diffs: Difference[] = [];
  const sites = (await repo.listSiteIds(db)).filter((s) => !opts.siteId || s.id === opts.siteId);
  for (const site of sites) {
    const add = (kind: DifferenceKind, day: string | null, itemId: string | null, message: string) =>
      diffs.push({ kind, site_id: site.id, day, item_id: itemId, message });
    const days = await repo.listDays(db, site.id, {});
    const sealed = new Map<string, { day: string; leaf: Leaf }>();
    let prev = GENESIS_HASH;
    for (const d of days) {
      if (d.prev_hash !== prev)
        add("chain_link_broken", d.day, null, `${d.day} 的记录所载前一日哈希与前一条记录不符，链条断开。`);
      let leaves: Leaf[] = [];
      try {
        leaves = JSON.parse(d.leaves) as Leaf[];
      } catch {
        add("record_altered", d.day, null, `${d.day} 的记录内容无法解析，已被改动。`);
      }
      const again = dayRecordHash({ site_id: site.id, day: d.day, prev_hash: d.prev_hash, leaves });
      if (again !== d.hash || canonicalJson(leaves) !== d.leaves)
        add("record_altered", d.day, null, `${d.day} 的记录与其哈希不符，记录已被改动。`);
      for (const leaf of leaves) sealed.set(leaf.id, { day: d.day, leaf });
      prev = d.hash;
    }
    const lastSealed = days.at(-1)?.day;

    for (let req: PageRequest | undefined = { size: BATCH, page: 1 }; req; ) {
      const batch = await repo.pagePublishedItems(db, site.id, req);
      req = batch.next && { size: BATCH, page: batch.next.page, cursor: batch.next };
      const items = batch.rows;
      const ids = items.map((i) => i.id);
      const [atts, files] = await Promise.all([repo.attachmentsOf(db, ids), repo.publishedFilesOf(db, ids)]);
      for (const item of items) {
        const liveFiles = publishedFileShas(atts.get(item.id) ?? []);
        const live = contentSha256V1(item, liveFiles);
        const recordedFiles = (files.get(item.id) ?? []).map((f) => f.sha256);
        const label = `“${item.title}”（${item.id}）`;
        const seal = sealed.get(item.id);
        sealed.delete(item.id);
        const expected = seal?.leaf.content_sha256 ?? item.content_sha256;
        const expectedFiles = seal?.leaf.attachments ?? recordedFiles;
        const day = seal?.day ?? item.published_on;
        if (!expected) {
          add("hash_missing", day, item.id, `${label} 已发布但没有内容哈希。`);
          continue;
        }
        if (canonicalJson(liveFiles) !== canonicalJson(expectedFiles))
          add("files_changed", day, item.id, `${label} 的附件与发布时不一致（被替换、增加或删除）。`);
        else if (live !== expected)
          add("content_changed", day, item.id, `${label} 的内容与发布时的哈希不符，已被改动。`);
        if (seal && item.content_sha256 !== seal.leaf.content_sha256)
          add("hash_changed", day, item.id, `${label} 记录的内容哈希与 ${seal.day} 的链上记录不符。`);
        if (!seal && lastSealed && item.published_on && item.published_on <= lastSealed)
          add("item_unsealed", item.published_on, item.id, `${label} 的发布日期已封存，但不在当日记录中。`);
      }
    }
    for (const [id, s] of sealed)
      add(
        "item_missing",
        s.day,
        id,
        `${s.day} 记录中的信息（${id}）已不在已发布信息中（被删除或改回草稿）。`,
      );
  }
  return diffs;
}
