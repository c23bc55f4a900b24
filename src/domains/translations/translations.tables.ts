/** A site's own text for one UI string of one language (migration 0040). */
export interface TranslationOverrideTable {
  site_id: string;
  /** zh-CN | mn-Mong */
  lang: string;
  /** A key of the catalog (src/web/i18n/zh-CN.ts). */
  key: string;
  text: string;
  /** The user id of the last change. */
  updated_by: string;
  updated_at: string;
}

export interface TranslationTables {
  translation_overrides: TranslationOverrideTable;
}
