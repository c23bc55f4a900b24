// The titles of a later domain's list rows at /mn (issue 18 part 1): each row's approved Mongolian title where it
// has one, marked lang="mn-Mong", else its Chinese title marked lang="zh-CN", never silently. One query per
// list page (the approved revisions of the page's subject ids), shared by every domain's list.
import { escapeHtml } from "@kitajs/html";
import type { Executor } from "../../deps";
import type { Lang } from "../../web/i18n";
import type { MnSubjectType } from "./mongolian.tables";

/** The approved Mongolian titles of these subjects (by subject id), in one query. */
export async function approvedMnTitles(
  db: Executor,
  type: MnSubjectType,
  subjectIds: readonly string[],
): Promise<Map<string, string>> {
  const ids = [...new Set(subjectIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("mn_versions")
    .select(["subject_id", "title"])
    .where("subject_type", "=", type)
    .where("subject_id", "in", ids)
    .where("status", "=", "approved")
    .execute();
  return new Map(rows.map((r) => [r.subject_id, r.title]));
}

/** The approved Mongolian titles a list page shows: none in Chinese (no query), else one query. */
export const mnTitlesFor = (db: Executor, lang: Lang, type: MnSubjectType, subjectIds: readonly string[]) =>
  lang === "mn-Mong" ? approvedMnTitles(db, type, subjectIds) : Promise.resolve(new Map<string, string>());

/**
 * A list row's title: in Chinese as it is (escaped, no wrapper); at /mn the approved Mongolian title marked
 * lang="mn-Mong", else the Chinese marked lang="zh-CN" (class `mn-untranslated`). A row whose title the page
 * already gives in its own language (`localised`: a gazette issue's 年第N期, a list's kind) shows it as it is.
 */
export function MnRowTitle(p: {
  lang: Lang;
  titles: ReadonlyMap<string, string>;
  id: string;
  title: string;
  localised?: boolean;
}) {
  const mn = p.lang === "mn-Mong" ? p.titles.get(p.id) : undefined;
  if (mn)
    return (
      <span lang="mn-Mong" safe>
        {mn}
      </span>
    );
  if (p.lang !== "mn-Mong" || p.localised) return escapeHtml(p.title);
  return (
    <span lang="zh-CN" class="mn-untranslated" safe>
      {p.title}
    </span>
  );
}
