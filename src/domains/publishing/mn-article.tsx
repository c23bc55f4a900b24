import type { Translate } from "../../web/i18n";
import { PublicAttachmentList } from "./attachments";
import type { ItemMongolian } from "./mn-port";
import type { ItemPageData } from "./publishing.item-data";

/**
 * An item at /mn/gk/items/…: its approved Mongolian version in traditional script, written vertically (columns
 * left to right) in a block that scrolls sideways when it is wider than the page, never clipped
 * (app.css `.mn-text`); a link to the Chinese text; a note when the Chinese has changed since the translation.
 */
export function MnArticle(p: {
  data: ItemPageData;
  mn: ItemMongolian;
  t: Translate;
  print?: boolean;
  /** The metadata table (publishing.item-view.tsx MetaTable), rendered by the caller. */
  safeMeta: JSX.Element;
}) {
  const { item } = p.data;
  const { mn, t, safeMeta } = p;
  // Sanitised when saved (rich-text.ts rules), so inserted as HTML like the Chinese body.
  const safeBodyHtml = mn.bodyHtml;
  return (
    <article class="item mn-item" lang="mn-Mong">
      {safeMeta}
      {mn.outdated ? (
        <p class="notice warn mn-outdated" role="note" safe>
          {t("mn.outdated")}
        </p>
      ) : (
        ""
      )}
      <div class="mn-text" tabindex="0" role="region" aria-label={t("mn.text_label")}>
        <h1 class="item-title" safe>
          {mn.title}
        </h1>
        {mn.summary ? (
          <p class="mn-summary" safe>
            {mn.summary}
          </p>
        ) : (
          ""
        )}
        {item.status === "withdrawn" ? "" : <div class="item-body">{safeBodyHtml}</div>}
      </div>
      <p class="mn-chinese-link">
        <a href={`/gk/items/${item.id}`} lang="zh-CN" hreflang="zh-CN">
          <span safe>{t("mn.chinese_link")}</span>
          <span safe>{`（${item.title}）`}</span>
        </a>
      </p>
      <PublicAttachmentList item={item} attachments={p.data.attachments} t={t} />
      {p.print ? (
        ""
      ) : (
        <p class="item-tools">
          <a href={`/mn/gk/items/${item.id}/print`} safe>
            {t("item.print")}
          </a>
          {"　"}
          <a href="/mn/gk/list" safe>
            {t("item.back_to_list")}
          </a>
        </p>
      )}
    </article>
  );
}

/**
 * An item's title in a list: at /mn its Mongolian title where there is an approved one, else the Chinese title
 * marked lang="zh-CN" and tagged as having no Mongolian version.
 */
export function ListTitle(p: {
  row: { id: string; title: string };
  mn: ItemMongolian | undefined;
  lang: "zh-CN" | "mn-Mong";
  prefix: string;
  t: Translate;
}) {
  const href = `${p.prefix}/gk/items/${p.row.id}`;
  if (p.lang === "zh-CN")
    return (
      <a href={href} safe>
        {p.row.title}
      </a>
    );
  if (p.mn)
    return (
      <a href={href} lang="mn-Mong" safe>
        {p.mn.title}
      </a>
    );
  return (
    <>
      <a href={href} lang="zh-CN" safe>
        {p.row.title}
      </a>{" "}
      <span class="tag mn-missing-tag" safe>
        {p.t("mn.missing_short")}
      </span>
    </>
  );
}
