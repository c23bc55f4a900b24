// A later domain's public page at /mn (mongolian.kinds.ts): the approved Mongolian version of its subject in
// traditional script, written vertically in a block that scrolls sideways (app.css `.mn-text`, as items'
// mn-article.tsx), linked to the Chinese page; without one, the Chinese heading marked lang="zh-CN" and the
// notice that there is no Mongolian version yet, never silently. The Chinese page links to the Mongolian one.
import type { Executor } from "../../deps";
import { type Lang, type Translate, translator } from "../../web/i18n";
import { mnKind } from "./mongolian.kinds";
import * as repo from "./mongolian.repo";
import { kindSourceSha } from "./mongolian.subjects";
import type { MnSubjectType } from "./mongolian.tables";

export interface PublicMn {
  title: string;
  summary: string | null;
  /** Sanitised when saved (publishing's rich-text rules), so shown as HTML. */
  bodyHtml: string;
  /** The Chinese has changed since this translation was approved. */
  outdated: boolean;
}

/** The approved Mongolian version of a subject, if it has one. */
export async function publicMnOf(
  db: Executor,
  type: MnSubjectType,
  id: string,
): Promise<PublicMn | undefined> {
  const mn = (await repo.approvedOf(db, type, [id])).get(id);
  if (!mn) return undefined;
  const source = await mnKind(type)?.find(db, id);
  return {
    title: mn.title,
    summary: mn.summary,
    bodyHtml: mn.body_html ?? "",
    outdated: !source || mn.source_sha256 !== kindSourceSha(type, source),
  };
}

/** The page's title in its language: the Mongolian one where approved, else the Chinese. */
export const mnPageTitle = (lang: Lang, mn: PublicMn | undefined, chinese: string) =>
  lang === "mn-Mong" && mn ? mn.title : chinese;

/**
 * The heading of a subject's page (its h1) and, at /mn, its Mongolian text. `path` is the Chinese page's path
 * (without /mn). A page with a heading of its own (a gazette issue's masthead) passes `level` 2: the Chinese
 * title is not repeated and the Mongolian title is a section's heading.
 */
export function MnHeading(p: {
  lang: Lang;
  t: Translate;
  mn?: PublicMn;
  title: string;
  path: string;
  level?: 1 | 2;
}) {
  const { mn, t } = p;
  const own = p.level !== 2;
  if (p.lang === "zh-CN")
    return (
      <>
        {own ? <h1 safe>{p.title}</h1> : ""}
        {mn ? (
          <p class="mn-version-link">
            <a href={`/mn${p.path}`} lang="mn-Mong" hreflang="mn-Mong" safe>
              {translator("mn-Mong")("mn.version_link")}
            </a>
            <span safe>{`（${t("mn.version_link")}）`}</span>
          </p>
        ) : (
          ""
        )}
      </>
    );
  if (!mn)
    return (
      <>
        {own ? (
          <h1 lang="zh-CN" safe>
            {p.title}
          </h1>
        ) : (
          ""
        )}
        <p class="notice mn-missing" role="note" lang="mn-Mong" safe>
          {t("item.no_translation")}
        </p>
      </>
    );
  // Sanitised when saved, so inserted as HTML like the Chinese bodies.
  const safeBodyHtml = mn.bodyHtml;
  return (
    <section class="mn-item" lang="mn-Mong">
      {mn.outdated ? (
        <p class="notice warn mn-outdated" role="note" safe>
          {t("mn.outdated")}
        </p>
      ) : (
        ""
      )}
      <div class="mn-text" tabindex="0" role="region" aria-label={t("mn.text_label")}>
        {own ? (
          <h1 class="item-title" safe>
            {mn.title}
          </h1>
        ) : (
          <h2 class="item-title" safe>
            {mn.title}
          </h2>
        )}
        {mn.summary ? (
          <p class="mn-summary" safe>
            {mn.summary}
          </p>
        ) : (
          ""
        )}
        <div class="item-body">{safeBodyHtml}</div>
      </div>
      <p class="mn-chinese-link">
        <a href={p.path} hreflang="zh-CN">
          <span safe>{t("mn.chinese_link")}</span>
          <span lang="zh-CN" safe>{`（${p.title}）`}</span>
        </a>
      </p>
    </section>
  );
}
