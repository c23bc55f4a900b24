// What the manifest records about a database, read with whatever handle sees the snapshot: the backup file
// itself (SQLite), the transaction whose snapshot pg_dump shares (PostgreSQL), or the restored database.
// Raw SQL only for the catalogue look-ups, each behind the dialect; both are exercised by backup.db.test.ts.
import { type Kysely, sql } from "kysely";
import type { Dialect } from "../../db/connect";

// biome-ignore lint/suspicious/noExplicitAny: the catalogue is read whatever tables the schema has
type AnyDb = Kysely<any>;

/** Every table of the database: SQLite's own `sqlite_*` tables aside; on PostgreSQL outside the system schemas. */
export async function listTables(db: AnyDb, dialect: Dialect): Promise<string[]> {
  if (dialect === "sqlite") {
    const r = await sql<{ name: string }>`
      SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
      ORDER BY name`.execute(db);
    return r.rows.map((x) => x.name);
  }
  const r = await sql<{ schema: string; name: string }>`
    SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
    WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
    ORDER BY table_schema, table_name`.execute(db);
  return r.rows.map((x) => (x.schema === "public" ? x.name : `${x.schema}.${x.name}`));
}

export async function countRows(db: AnyDb, table: string): Promise<number> {
  const r = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

export async function countAll(db: AnyDb, dialect: Dialect): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await listTables(db, dialect)) out[t] = await countRows(db, t);
  return out;
}

/** Relations a restore would have to replace: tables, views, sequences (PostgreSQL), in drop order. */
export async function listRelations(
  db: AnyDb,
  dialect: Dialect,
): Promise<Array<{ kind: "table" | "view" | "sequence"; name: string }>> {
  if (dialect === "sqlite")
    return (await listTables(db, dialect)).map((name) => ({ kind: "table" as const, name }));
  const r = await sql<{ schema: string; name: string; relkind: string }>`
    SELECT n.nspname AS schema, c.relname AS name, c.relkind AS relkind
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
    ORDER BY n.nspname, c.relname`.execute(db);
  const kind = (k: string) =>
    (k === "v" || k === "m" ? "view" : k === "S" ? "sequence" : "table") as "table" | "view" | "sequence";
  return r.rows.map((x) => ({ kind: kind(x.relkind), name: `${x.schema}.${x.name}` }));
}

export async function appliedMigrations(db: AnyDb, tables: string[]): Promise<string[]> {
  if (!tables.includes("kysely_migration")) return [];
  const r = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
  return r.rows.map((x) => x.name);
}

export async function auditHeadOf(
  db: AnyDb,
  tables: string[],
): Promise<{ last_seq: number; last_hash: string; chain_id: string } | undefined> {
  if (!tables.includes("audit_head")) return undefined;
  const r = await sql<{ last_seq: number | string; last_hash: string; chain_id: string }>`
    SELECT last_seq, last_hash, chain_id FROM audit_head WHERE id = 1`.execute(db);
  const row = r.rows[0];
  return row && { last_seq: Number(row.last_seq), last_hash: row.last_hash, chain_id: row.chain_id };
}

export async function engineVersion(db: AnyDb, dialect: Dialect): Promise<string> {
  if (dialect === "sqlite") {
    const r = await sql<{ v: string }>`SELECT sqlite_version() AS v`.execute(db);
    return r.rows[0]?.v ?? "";
  }
  const r = await sql<{ v: string }>`SHOW server_version`.execute(db);
  return String(Object.values(r.rows[0] ?? {})[0] ?? "");
}
