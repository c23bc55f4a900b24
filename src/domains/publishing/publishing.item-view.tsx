import { formatShanghai } from "../../platform/time";
import { type Lang, type MessageKey, type Translate, translator } from "../../web/i18n";
import { Doc } from "../../web/views/layout";
import { ItemVerifyBlock } from "../integrity";
import type { Site } from "../orgs";
import { attachmentsArePublic, PublicAttachmentList } from "./attachments";
import { MnArticle } from "./mn-article";
import type { ItemPageData } from "./publishing.item-data";

type Props = { data: ItemPageData; lang: Lang; t: Translate };

const prefixOf = (lang: Lang) => (lang === "mn-Mong" ? "/mn" : "");

/** Notices a reader must see before the text: withdrawn, replaced by a new version, no longer in force. */
export function ItemBanners({ data, lang, t }: Props) {
  const { item } = data;
  const p = prefixOf(lang);
  const out: JSX.Element[] = [];
  if (item.status === "withdrawn") {
    out.push(
      <p class="notice warn" role="note" safe>
        {t("item.withdrawn", {
          date: item.withdrawn_at ? formatShanghai(item.withdrawn_at).slice(0, 10) : "",
          reason: item.withdraw_reason ?? "",
        })}
      </p>,
    );
  }
  if (item.status === "superseded") {
    out.push(
      <p class="notice warn" role="note">
        <span safe>{t("item.superseded")}</span>{" "}
        {data.latest ? (
          <a href={`${p}/gk/items/${data.latest.id}`} safe>
            {t("item.latest")}
          </a>
        ) : (
          ""
        )}
      </p>,
    );
  }
  if (item.validity !== "valid") {
    out.push(
      <p class="notice warn" role="note">
        <span safe>{t(`item.${item.validity}` as MessageKey, { date: item.validity_on ?? "" })}</span>
        {data.replacement ? (
          <>
            {" "}
            <span safe>{t("item.replaced_by")}</span>
            <a href={`${p}/gk/items/${data.replacement.id}`} safe>
              {data.replacement.title}
            </a>
          </>
        ) : (
          ""
        )}
      </p>,
    );
  }
  return <>{out}</>;
}

/** The metadata table of real county portals: 索引号 主题分类 发布机构 成文日期 文号 发布日期 有效性 主题词. */
export function MetaTable({ data, t }: Props) {
  const { item } = data;
  const cell = (label: MessageKey, value: string) => (
    <>
      <th scope="row" safe>
        {t(label)}
      </th>
      <td safe>{value}</td>
    </>
  );
  return (
    <table class="meta-table">
      <caption class="visually-hidden" safe>
        {t("item.meta_caption")}
      </caption>
      <tbody>
        <tr>
          {cell("item.index_number", item.index_number ?? "")}
          {cell("item.topic", item.topic ?? t(`kind.${item.kind}` as MessageKey))}
        </tr>
        <tr>
          {cell("item.publisher", data.orgName)}
          {cell("item.formed_on", item.formed_on)}
        </tr>
        <tr>
          {cell("item.doc_number", item.doc_number ?? "")}
          {cell("item.published_on", item.published_on ?? "")}
        </tr>
        <tr>
          {cell("item.validity", t(`validity.${item.validity}` as MessageKey))}
          {cell("item.keywords", item.keywords ?? "")}
        </tr>
      </tbody>
    </table>
  );
}

export function ItemArticle({ data, lang, t, site, print }: Props & { site: Site; print?: boolean }) {
  const { item } = data;
  const p = prefixOf(lang);
  const mn = lang === "mn-Mong" ? data.mn : undefined;
  const title = mn ? mn.title : item.title;
  // Bodies are sanitised when saved (rich-text.ts), so they are inserted as HTML.
  const safeBodyHtml = item.body_html;
  const withdrawn = item.status === "withdrawn";
  const article = mn ? (
    <MnArticle
      data={data}
      mn={mn}
      t={t}
      print={print}
      safeMeta={<MetaTable data={data} lang="mn-Mong" t={t} />}
    />
  ) : (
    <article class="item" lang={lang === "mn-Mong" ? "zh-CN" : undefined}>
      <MetaTable data={data} lang={lang} t={t} />
      <h1 class="item-title" safe>
        {title}
      </h1>
      {lang === "zh-CN" && data.mn ? (
        <p class="mn-version-link">
          <a href={`/mn/gk/items/${item.id}`} lang="mn-Mong" hreflang="mn-Mong" safe>
            {translator("mn-Mong")("mn.version_link")}
          </a>
          <span safe>{`（${t("mn.version_link")}）`}</span>
        </p>
      ) : (
        ""
      )}
      <p class="meta">
        <span safe>
          {t("page.published_at", { time: item.published_at ? formatShanghai(item.published_at) : "" })}
        </span>
        {item.version > 1 ? <span safe>{`　${t("item.version", { n: item.version })}`}</span> : ""}
      </p>
      {lang === "mn-Mong" ? (
        <p class="notice mn-missing" role="note" lang="mn-Mong" safe>
          {t("item.no_translation")}
        </p>
      ) : (
        ""
      )}
      {withdrawn ? "" : <div class="item-body">{safeBodyHtml}</div>}
      <PublicAttachmentList item={item} attachments={data.attachments} t={t} />
      <ItemVerifyBlock
        contentSha256={item.content_sha256}
        files={attachmentsArePublic(item) ? data.attachments : []}
        prefix={p}
        t={t}
      />
      {data.interpretations.length ? (
        <section class="related" aria-labelledby="related-title">
          <h2 id="related-title" safe>
            {t("item.interpretations")}
          </h2>
          <ul>
            {data.interpretations.map((i) => (
              <li>
                <a href={`${p}/gk/items/${i.id}`} safe>
                  {i.title}
                </a>
                <span
                  class="meta"
                  safe
                >{`（${t(`form.${i.interpretation_form ?? "text"}` as MessageKey)}　${t("item.interpreter", { name: i.interpreter ?? "" })}）`}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ""
      )}
      {data.policy ? (
        <section class="related" aria-labelledby="related-title">
          <h2 id="related-title" safe>
            {t("item.policy")}
          </h2>
          <p>
            <a href={`${p}/gk/items/${data.policy.id}`} safe>
              {data.policy.title}
            </a>
          </p>
          {item.interpreter ? (
            <p class="meta" safe>
              {t("item.interpreter", { name: item.interpreter })}
            </p>
          ) : (
            ""
          )}
        </section>
      ) : (
        ""
      )}
      {print ? (
        ""
      ) : (
        <p class="item-tools">
          <a href={`${p}/gk/items/${item.id}/print`} safe>
            {t("item.print")}
          </a>
          {"　"}
          <a href={`${p}/gk/list`} safe>
            {t("item.back_to_list")}
          </a>
        </p>
      )}
    </article>
  );
  if (!print) return article;
  return (
    <Doc lang={lang} title={`${title} - ${site.name}`} bodyClass="print-view">
      <main id="main" class="wrap">
        <p class="meta" safe>
          {site.name}
        </p>
        <ItemBanners data={data} lang={lang} t={t} />
        {article}
      </main>
    </Doc>
  );
}
