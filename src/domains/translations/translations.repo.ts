import type { Executor } from "../../deps";
import type { TranslationOverrideTable } from "./translations.tables";

export type OverrideRow = TranslationOverrideTable;

const COLUMNS = ["site_id", "lang", "key", "text", "updated_by", "updated_at"] as const;

export const listOverrideRows = (db: Executor, siteId: string) =>
  db.selectFrom("translation_overrides").select(COLUMNS).where("site_id", "=", siteId).execute();

export const findOverrideRow = (db: Executor, siteId: string, lang: string, key: string) =>
  db
    .selectFrom("translation_overrides")
    .select(COLUMNS)
    .where("site_id", "=", siteId)
    .where("lang", "=", lang)
    .where("key", "=", key)
    .executeTakeFirst();

/** Inserts or replaces the site's text for one key (the primary key is site, language and key). */
export const upsertOverrideRow = (db: Executor, row: OverrideRow) =>
  db
    .insertInto("translation_overrides")
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(["site_id", "lang", "key"])
        .doUpdateSet({ text: row.text, updated_by: row.updated_by, updated_at: row.updated_at }),
    )
    .execute();

export const deleteOverrideRow = (db: Executor, siteId: string, lang: string, key: string) =>
  db
    .deleteFrom("translation_overrides")
    .where("site_id", "=", siteId)
    .where("lang", "=", lang)
    .where("key", "=", key)
    .executeTakeFirst();
