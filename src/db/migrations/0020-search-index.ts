import { type Kysely, SqliteAdapter, sql } from "kysely";

// The one search index (issue 12, docs/search.md). search_docs holds each indexed record with what filters,
// ranks and shows it; the tokens live in an engine-specific index: SQLite an FTS5 table keyed by the same
// doc_key (contentless: the text is in search_docs), PostgreSQL a table of tsvector chunks with a GIN index.
// doc_key orders documents newest first (see naturalKey in src/platform/search/doc-tokens.ts).
// search_terms is the county dictionary the office extends (place names, organisations, policy terms).

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable("search_docs")
    .addColumn("doc_key", "bigint", (c) => c.primaryKey())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("org_id", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("doc_number", "text")
    .addColumn("doc_number_key", "text")
    .addColumn("kind", "text")
    .addColumn("catalog_node_ids", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("published_at", "text")
    .addColumn("pub_year", "integer")
    .addColumn("validity", "text")
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("visibility", "text", (c) => c.notNull())
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("indexed_at", "text", (c) => c.notNull())
    .addUniqueConstraint("search_docs_type_id_uq", ["type", "id"])
    .execute();
  await db.schema
    .createIndex("search_docs_site_idx")
    .on("search_docs")
    .columns(["site_id", "type"])
    .execute();
  if (sqlite) {
    // prefix: a one-character query is a prefix of 14 characters (scope + character) or 15 in titles (scope +
    // title mark + character); a prefix index of those lengths answers it without merging every bigram.
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(tokens, content='', contentless_delete=1, tokenize='ascii', prefix='14 15')`.execute(
      db,
    );
    // How many documents hold a token, read from the index (a common two-character word counts in one read).
    await sql`CREATE VIRTUAL TABLE search_fts_vocab USING fts5vocab(search_fts, 'row')`.execute(db);
  } else {
    await db.schema
      .createTable("search_chunks")
      .addColumn("doc_key", "bigint", (c) => c.notNull())
      .addColumn("chunk_no", "integer", (c) => c.notNull())
      .addColumn("tsv", sql`tsvector`, (c) => c.notNull())
      .addPrimaryKeyConstraint("search_chunks_pk", ["doc_key", "chunk_no"])
      .execute();
    await sql`CREATE INDEX search_chunks_tsv_idx ON search_chunks USING gin (tsv)`.execute(db);
  }
  await db.schema
    .createTable("search_terms")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("term", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("search_terms_site_term_uq", ["site_id", "term"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema.dropTable("search_terms").execute();
  if (sqlite) {
    await sql`DROP TABLE search_fts_vocab`.execute(db);
    await sql`DROP TABLE search_fts`.execute(db);
  } else await db.schema.dropTable("search_chunks").execute();
  await db.schema.dropTable("search_docs").execute();
}
