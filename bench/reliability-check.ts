// What the reliability bench (bench/reliability.ts) requires of the database after the server was killed, loaded
// and fuzzed: every record answered 2xx is there, and every record is whole — the rows one transaction writes
// together (a record, its first step, its statutory clock, its audit entry, its search document, its 索引号) are
// all there or none is. Each check counts the rows that break it; all must be 0.
import { readFileSync } from "node:fs";
import { sql } from "kysely";
import type { Db } from "../src/db/connect";
import type { RecordLine } from "./reliability-writer";

const RANK: Record<string, number> = { draft: 0, submitted: 1, reviewed: 2, signed: 3, published: 4 };

/** The item steps that write a workflow event and an audit entry together (edits, attachments and validity only audit). */
const WORKFLOW_AUDIT = [
  "create",
  "submit",
  "approve",
  "reject",
  "sign",
  "publish",
  "withdraw",
  "supersede",
  "revise",
]
  .map((a) => `'item.${a}'`)
  .join(", ");

/** Invariants the schema implies, as queries counting the rows that break them. */
const INVARIANTS: Array<[string, string]> = [
  [
    "application without its submit step",
    `SELECT count(*) AS n FROM applications a WHERE NOT EXISTS
       (SELECT 1 FROM application_steps s WHERE s.application_id = a.id AND s.action = 'submit')`,
  ],
  [
    "application without its audit entry",
    `SELECT count(*) AS n FROM applications a WHERE NOT EXISTS
       (SELECT 1 FROM audit_log l WHERE l.entity_type = 'application' AND l.entity_id = a.id AND l.action = 'application.create')`,
  ],
  [
    "received application without its reply clock",
    `SELECT count(*) AS n FROM applications a WHERE a.received_on IS NOT NULL AND NOT EXISTS
       (SELECT 1 FROM statutory_clocks c WHERE c.owner_type = 'application' AND c.owner_id = a.id)`,
  ],
  [
    "application awaiting registration with a clock",
    `SELECT count(*) AS n FROM applications a WHERE a.status = 'submitted' AND (a.received_on IS NOT NULL OR EXISTS
       (SELECT 1 FROM statutory_clocks c WHERE c.owner_type = 'application' AND c.owner_id = a.id))`,
  ],
  [
    "registered online application without its register step or audit entry",
    `SELECT count(*) AS n FROM applications a WHERE a.channel = 'online' AND a.received_on IS NOT NULL AND (
       NOT EXISTS (SELECT 1 FROM application_steps s WHERE s.application_id = a.id AND s.action = 'register')
       OR NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.entity_type = 'application' AND l.entity_id = a.id
                      AND l.action = 'application.register'))`,
  ],
  [
    "message (or error report) without its submit step, reply clock or audit entry",
    `SELECT count(*) AS n FROM messages m WHERE
       NOT EXISTS (SELECT 1 FROM message_steps s WHERE s.message_id = m.id AND s.action = 'submit')
       OR NOT EXISTS (SELECT 1 FROM statutory_clocks c WHERE c.owner_type = 'message' AND c.owner_id = m.id)
       OR NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.entity_type = 'message' AND l.entity_id = m.id)`,
  ],
  [
    "accepted message without its audit entry",
    `SELECT count(*) AS n FROM messages m WHERE m.status = 'accepted' AND NOT EXISTS
       (SELECT 1 FROM audit_log l WHERE l.entity_type = 'message' AND l.entity_id = m.id AND l.action = 'message.accept')`,
  ],
  [
    "item whose workflow events and audit entries differ in number",
    `SELECT count(*) AS n FROM items i WHERE
       (SELECT count(*) FROM item_events e WHERE e.item_id = i.id) <>
       (SELECT count(*) FROM audit_log l WHERE l.entity_type = 'item' AND l.entity_id = i.id AND l.action IN (${WORKFLOW_AUDIT}))`,
  ],
  [
    "item whose status is not its last event's",
    `SELECT count(*) AS n FROM items i WHERE i.status <> COALESCE(
       (SELECT e.to_status FROM item_events e WHERE e.item_id = i.id ORDER BY e.at DESC, e.id DESC LIMIT 1), '')`,
  ],
  [
    "published item without 索引号, date or content hash",
    `SELECT count(*) AS n FROM items WHERE status = 'published' AND
       (index_number IS NULL OR published_at IS NULL OR published_on IS NULL OR content_sha256 IS NULL)`,
  ],
  [
    "published item missing from the search index",
    `SELECT count(*) AS n FROM items i WHERE i.status = 'published' AND NOT EXISTS
       (SELECT 1 FROM search_docs d WHERE d.id = i.id AND d.type IN ('item', 'interpretation'))`,
  ],
  [
    "search document of an item that is not published",
    `SELECT count(*) AS n FROM search_docs d WHERE d.type IN ('item', 'interpretation') AND NOT EXISTS
       (SELECT 1 FROM items i WHERE i.id = d.id AND i.status = 'published')`,
  ],
  [
    "索引号 given twice",
    `SELECT count(*) AS n FROM (SELECT index_number FROM items WHERE index_number IS NOT NULL
       GROUP BY index_number HAVING count(*) > 1) x`,
  ],
  [
    "索引号 counter not equal to the numbers given (a gap or a reuse)",
    `SELECT count(*) AS n FROM index_counters c WHERE c.last_serial <>
       (SELECT count(DISTINCT i.index_number) FROM items i WHERE substr(i.index_number, 1, length(c.prefix)) = c.prefix)`,
  ],
  [
    "step, event or clock without its record",
    `SELECT (SELECT count(*) FROM application_steps s WHERE NOT EXISTS (SELECT 1 FROM applications a WHERE a.id = s.application_id))
          + (SELECT count(*) FROM message_steps s WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = s.message_id))
          + (SELECT count(*) FROM item_events e WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.id = e.item_id))
          + (SELECT count(*) FROM statutory_clocks c WHERE c.owner_type = 'application' AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.id = c.owner_id))
          + (SELECT count(*) FROM statutory_clocks c WHERE c.owner_type = 'message' AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = c.owner_id)) AS n`,
  ],
  [
    "audit log with a gap or a head that is not its last entry",
    `SELECT CASE WHEN (SELECT count(*) FROM audit_log) = COALESCE((SELECT max(seq) FROM audit_log), 0)
                  AND COALESCE((SELECT max(seq) FROM audit_log), 0) = (SELECT last_seq FROM audit_head)
             THEN 0 ELSE 1 END AS n`,
  ],
];

export interface Consistency {
  /** Rows breaking each invariant (all 0 when consistent). */
  broken: Record<string, number>;
  totals: Record<string, number>;
}

export async function checkConsistency(db: Db): Promise<Consistency> {
  const broken: Record<string, number> = {};
  for (const [name, query] of INVARIANTS) {
    const r = await sql<{ n: number | string }>`${sql.raw(query)}`.execute(db.kysely);
    const n = Number(r.rows[0]?.n ?? 0);
    if (n !== 0) broken[name] = n;
  }
  if (db.dialect === "sqlite") {
    const integrity = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db.kysely);
    const bad = integrity.rows.filter((r) => r.integrity_check !== "ok").length;
    if (bad) broken["SQLite integrity_check"] = bad;
    const fk = await sql`PRAGMA foreign_key_check`.execute(db.kysely);
    if (fk.rows.length) broken["SQLite foreign_key_check"] = fk.rows.length;
  }
  const totals: Record<string, number> = {};
  for (const t of ["applications", "messages", "items", "audit_log"] as const) {
    const r = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(t)}`.execute(db.kysely);
    totals[t] = Number(r.rows[0]?.n ?? 0);
  }
  const pub = await sql<{
    n: number | string;
  }>`SELECT count(*) AS n FROM items WHERE status = 'published'`.execute(db.kysely);
  totals.published = Number(pub.rows[0]?.n ?? 0);
  return { broken, totals };
}

export interface LostReport {
  answered: number;
  lost: number;
  examples: string[];
}

/** Every record the writer saw answered 2xx, looked up in the database: absent or behind is lost. */
export async function findLost(db: Db, recordsFile: string): Promise<LostReport> {
  let lines: RecordLine[] = [];
  try {
    lines = readFileSync(recordsFile, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as RecordLine);
  } catch {
    // no record file: nothing was answered
  }
  const k = db.kysely;
  const examples: string[] = [];
  let lost = 0;
  const miss = (what: string) => {
    lost++;
    if (examples.length < 20) examples.push(what);
  };
  const chunks = <T>(a: T[], n = 500) =>
    Array.from({ length: Math.ceil(a.length / n) }, (_, i) => a.slice(i * n, i * n + n));

  const appCodes = lines.filter((l) => l.t === "application").map((l) => l.code);
  const appRows = new Map<string, { id: string; status: string; received_on: string | null }>();
  for (const part of chunks(appCodes))
    for (const r of await k
      .selectFrom("applications")
      .select(["id", "tracking_code", "status", "received_on"])
      .where("tracking_code", "in", part)
      .execute())
      appRows.set(r.tracking_code, r);
  for (const code of appCodes) if (!appRows.has(code)) miss(`application ${code}`);
  for (const l of lines)
    if (l.t === "registered") {
      const r = appRows.get(l.code);
      if (!r || r.id !== l.id || r.status === "submitted" || !r.received_on)
        miss(`registration of ${l.code}`);
    }

  const msgIds = lines.filter((l) => l.t === "message").map((l) => l.id);
  const msgRows = new Map<string, { tracking_code: string; status: string }>();
  for (const part of chunks(msgIds))
    for (const r of await k
      .selectFrom("messages")
      .select(["id", "tracking_code", "status"])
      .where("id", "in", part)
      .execute())
      msgRows.set(r.id, r);
  for (const l of lines) {
    if (l.t === "message" && msgRows.get(l.id)?.tracking_code !== l.code) miss(`message ${l.code}`);
    if (l.t === "accepted" && (msgRows.get(l.id)?.status ?? "received") === "received")
      miss(`acceptance of message ${l.id}`);
  }

  // An item's furthest step answered 2xx; the database must show it there (or further).
  const itemReached = new Map<string, string>();
  for (const l of lines)
    if (l.t === "item" && (RANK[l.status] ?? 0) >= (RANK[itemReached.get(l.id) ?? "draft"] ?? 0))
      itemReached.set(l.id, l.status);
  const itemRows = new Map<string, string>();
  for (const part of chunks([...itemReached.keys()]))
    for (const r of await k.selectFrom("items").select(["id", "status"]).where("id", "in", part).execute())
      itemRows.set(r.id, r.status);
  for (const [id, status] of itemReached) {
    const now = itemRows.get(id);
    if (now === undefined) miss(`item ${id}`);
    else if ((RANK[now] ?? -1) < (RANK[status] ?? 0)) miss(`item ${id}: answered ${status}, database ${now}`);
  }
  return { answered: lines.length, lost, examples };
}
