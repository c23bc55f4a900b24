import type { Kysely } from "kysely";

// Public-opinion response, government new media and 12345 supervision (issue 17, RULES.md §8–§10):
// - opinion_settings: a site's response clocks in hours and its early-warning thresholds;
// - opinion_keywords: the words the office watches for in the county's own streams;
// - opinion_feed_entries: news or social items imported from an RSS or CSV feed (one more stream);
// - opinion_warnings: what a scan raised (a keyword or a burst), its evidence, the draft case it opened;
// - opinion_cases: a case (舆情) with its level, category, first responsible unit, clocks' facts, the response
//   item in 回应关切, the evaluation; opinion_case_events: coordination, follow-ups and every step's note;
// - newmedia_accounts / newmedia_filings / newmedia_posts: the registry, its filings (开设、变更、关停、整合)
//   and posts drafted in gongkai with their review before release (先审后发);
// - hotline_supervisions: supervision notices (督办) to departments on 12345 work, with their outcome.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("opinion_settings")
    .addColumn("site_id", "text", (c) => c.primaryKey().references("sites.id"))
    .addColumn("info_hours", "integer", (c) => c.notNull())
    .addColumn("press_hours", "integer", (c) => c.notNull())
    .addColumn("response_hours", "integer", (c) => c.notNull())
    .addColumn("window_hours", "integer", (c) => c.notNull())
    .addColumn("baseline_days", "integer", (c) => c.notNull())
    .addColumn("burst_ratio", "integer", (c) => c.notNull())
    .addColumn("burst_min", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("opinion_keywords")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("word", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("opinion_keywords_word", ["site_id", "word"])
    .execute();
  await db.schema
    .createTable("opinion_feed_entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("link", "text")
    .addColumn("published_at", "text", (c) => c.notNull())
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("imported_at", "text", (c) => c.notNull())
    .addUniqueConstraint("opinion_feed_entries_fp", ["site_id", "fingerprint"])
    .execute();
  await db.schema
    .createIndex("opinion_feed_entries_at")
    .on("opinion_feed_entries")
    .columns(["site_id", "published_at"])
    .execute();
  await db.schema
    .createTable("opinion_cases")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("warning_id", "text")
    .addColumn("discovered_at", "text", (c) => c.notNull())
    .addColumn("info_released_at", "text")
    .addColumn("press_held_at", "text")
    .addColumn("response_item_id", "text")
    .addColumn("response_published_at", "text")
    .addColumn("effect", "text")
    .addColumn("evaluation", "text")
    .addColumn("evaluated_at", "text")
    .addColumn("dismiss_reason", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("opinion_cases_site")
    .on("opinion_cases")
    .columns(["site_id", "status", "discovered_at"])
    .execute();
  await db.schema
    .createTable("opinion_case_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) => c.notNull().references("opinion_cases.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("party", "text")
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("actor_label", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("opinion_case_events_case")
    .on("opinion_case_events")
    .columns(["case_id", "at"])
    .execute();
  await db.schema
    .createTable("opinion_warnings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("topic", "text", (c) => c.notNull())
    .addColumn("topic_key", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addColumn("baseline", "real", (c) => c.notNull())
    .addColumn("window_hours", "integer", (c) => c.notNull())
    .addColumn("evidence_json", "text", (c) => c.notNull())
    .addColumn("raised_at", "text", (c) => c.notNull())
    .addColumn("case_id", "text")
    .execute();
  await db.schema
    .createIndex("opinion_warnings_site")
    .on("opinion_warnings")
    .columns(["site_id", "raised_at"])
    .execute();
  await db.schema
    .createTable("newmedia_accounts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("platform", "text", (c) => c.notNull())
    .addColumn("account_no", "text", (c) => c.notNull())
    .addColumn("supervisor", "text", (c) => c.notNull())
    .addColumn("operator", "text", (c) => c.notNull())
    .addColumn("contact", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("filing_no", "text")
    .addColumn("filed_on", "text")
    .addColumn("reviewers", "text", (c) => c.notNull())
    .addColumn("last_update_on", "text")
    .addColumn("followers", "integer")
    .addColumn("interaction_ok", "integer", (c) => c.notNull())
    .addColumn("unanswered", "integer", (c) => c.notNull())
    .addColumn("feed_url", "text")
    .addColumn("merged_into", "text")
    .addColumn("decision", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("newmedia_accounts_no", ["site_id", "platform", "account_no"])
    .execute();
  await db.schema
    .createTable("newmedia_filings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("newmedia_accounts.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("filed_on", "text", (c) => c.notNull())
    .addColumn("filing_no", "text")
    .addColumn("notice", "text", (c) => c.notNull())
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("newmedia_posts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("newmedia_accounts.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("findings_json", "text", (c) => c.notNull())
    .addColumn("drafted_by", "text")
    .addColumn("reviewed_by", "text")
    .addColumn("review_note", "text")
    .addColumn("released_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("hotline_supervisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("ticket_no", "text")
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("requirement", "text", (c) => c.notNull())
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("outcome", "text")
    .addColumn("closed_on", "text")
    .addColumn("issued_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "hotline_supervisions",
    "newmedia_posts",
    "newmedia_filings",
    "newmedia_accounts",
    "opinion_warnings",
    "opinion_case_events",
    "opinion_cases",
    "opinion_feed_entries",
    "opinion_keywords",
    "opinion_settings",
  ])
    await db.schema.dropTable(t).execute();
}
