// Public pages: /gk/normative-register (the register of RULES.md §12, phone first: one card per document with
// its 标题, 发文机关, 发文字号, 登记编号, 索引号, 成文日期, 发布日期, 主题分类, 有效性; filters by validity,
// issuing body and year; a GET form without JavaScript), its CSV (UTF-8 with BOM), and the ledger block of a
// normative document's own page (登记编号, 有效性 — 已废止 by which clean-up — and the links both ways).
import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { type ItemPageContext, registerItemPageExtra } from "../../web/item-page-extras";
import { addSectionLink, publicPage } from "../../web/portal";
import type { AppInstance } from "../../web/types";
import { FilterSelect } from "../../web/views/filters";
import { PublicLayout } from "../../web/views/layout";
import { CSV_TYPE, type CsvColumn, toCsv } from "../opendata/csv";
import { loadOrgTree, resolvePublicSite } from "../orgs";
import { findItem, findItemsByIds } from "../publishing";
import { REGISTER_VALIDITY, type RegisterFilter, registerRows } from "./normative.present";
import * as repo from "./normative.repo";
import { normativeText, validityKey } from "./normative.text";

const Query = Type.Object({
  validity: Type.Optional(Type.String({ maxLength: 12 })),
  org: Type.Optional(Type.String({ maxLength: 50 })),
  year: Type.Optional(Type.String({ maxLength: 4 })),
});

const clean = (q: RegisterFilter): RegisterFilter => ({
  validity: q.validity || undefined,
  org: q.org || undefined,
  year: q.year || undefined,
});

const CSV_COLUMNS: ReadonlyArray<CsvColumn<repo.LedgerRow>> = [
  { header: "标题", value: (r) => r.title },
  { header: "发文机关", value: (r) => r.org_name },
  { header: "发文字号", value: (r) => r.doc_number },
  { header: "登记编号", value: (r) => r.registration_number },
  { header: "索引号", value: (r) => r.index_number },
  { header: "成文日期", value: (r) => r.formed_on },
  { header: "发布日期", value: (r) => r.published_on },
  { header: "主题分类", value: (r) => r.topic },
  { header: "有效性", value: (r) => REGISTER_VALIDITY[r.validity] ?? r.validity },
  { header: "有效期至", value: (r) => r.expires_on },
];

export function registerNormativePages(app: AppInstance, deps: Deps): void {
  addSectionLink("gazette", {
    path: "/gk/normative-register",
    label: (lang) => normativeText(lang)("title"),
  });

  publicPage(
    app,
    deps,
    "/gk/normative-register",
    async (c, req) => {
      const x = normativeText(c.lang);
      const q = clean(req.query as RegisterFilter);
      const tree = await loadOrgTree(deps, c.site.id);
      // A filter the register does not know shows every document rather than an error page.
      const known = {
        validity: q.validity && REGISTER_VALIDITY[q.validity] ? q.validity : undefined,
        org: q.org && tree.flatten(c.site.id).some((o) => o.org.code === q.org) ? q.org : undefined,
        year: q.year && /^(19|20)\d{2}$/.test(q.year) ? q.year : undefined,
      };
      const rows = await registerRows(deps, c.site.id, known);
      const qs = new URLSearchParams(Object.entries(known).filter((e): e is [string, string] => !!e[1]));
      const thisYear = Number(new Date().getUTCFullYear());
      return (
        <PublicLayout lang={c.lang} t={c.t} site={c.site} title={x("title")} path={c.path} section="gazette">
          <h1 safe>{x("title")}</h1>
          <p safe>{x("intro")}</p>
          <form
            method="get"
            action={`${c.prefix}/gk/normative-register`}
            class="filters"
            aria-label={x("filters")}
          >
            <FilterSelect
              name="validity"
              label={x("validity")}
              all={x("all")}
              selected={known.validity}
              options={(["valid", "repealed", "expired", "revised"] as const).map((v) => [v, x(v)])}
            />
            <FilterSelect
              name="org"
              label={x("org")}
              all={x("all")}
              selected={known.org}
              options={tree
                .flatten(c.site.id)
                .map(({ org, depth }) => [org.code, `${"　".repeat(depth)}${org.name}`])}
            />
            <FilterSelect
              name="year"
              label={x("year")}
              all={x("all")}
              selected={known.year}
              options={Array.from({ length: thisYear - 2014 }, (_, i) => String(thisYear - i)).map((y) => [
                y,
                y,
              ])}
            />
            <div>
              <button type="submit" safe>
                {x("apply")}
              </button>
            </div>
          </form>
          <p>
            <span class="meta" safe>
              {x("count", { n: rows.length })}
            </span>{" "}
            <a
              href={`/gk/normative-register.csv${qs.size ? `?${qs}` : ""}`}
              download="normative-register.csv"
              safe
            >
              {x("csv")}
            </a>
          </p>
          {rows.length === 0 ? (
            <p safe>{x("none")}</p>
          ) : (
            <ol class="list register">
              {rows.map((r) => (
                <li>
                  <h2 class="register-title">
                    <span class="visually-hidden" safe>{`${x("doc_title")}：`}</span>
                    <a href={`${c.prefix}/gk/items/${r.id}`} safe>
                      {r.title}
                    </a>
                  </h2>
                  <dl class="facts">
                    <dt safe>{x("validity")}</dt>
                    <dd>
                      <strong
                        class={`tag validity-${r.validity}${r.validity === "valid" ? "" : " warn"}`}
                        safe
                      >
                        {x(validityKey(r.validity))}
                      </strong>
                    </dd>
                    <dt safe>{x("org")}</dt>
                    <dd safe>{r.org_name}</dd>
                    <dt safe>{x("doc_number")}</dt>
                    <dd safe>{r.doc_number ?? "—"}</dd>
                    <dt safe>{x("registration_number")}</dt>
                    <dd safe>{r.registration_number ?? "—"}</dd>
                    <dt safe>{x("index_number")}</dt>
                    <dd safe>{r.index_number ?? "—"}</dd>
                    <dt safe>{x("formed_on")}</dt>
                    <dd safe>{r.formed_on}</dd>
                    <dt safe>{x("published_on")}</dt>
                    <dd safe>{r.published_on ?? "—"}</dd>
                    <dt safe>{x("topic")}</dt>
                    <dd safe>{r.topic ?? "—"}</dd>
                    {r.expires_on && r.validity === "valid" ? (
                      <>
                        <dt safe>{x("expires_on")}</dt>
                        <dd safe>{r.expires_on}</dd>
                      </>
                    ) : (
                      ""
                    )}
                  </dl>
                </li>
              ))}
            </ol>
          )}
        </PublicLayout>
      );
    },
    { querystring: Query },
  );

  app.get(
    "/gk/normative-register.csv",
    { schema: { hide: true, querystring: Query } },
    async (req, reply) => {
      const site = await resolvePublicSite(deps, req);
      const rows = await registerRows(deps, site.id, clean(req.query));
      return reply
        .type(CSV_TYPE)
        .header(
          "content-disposition",
          `attachment; filename="normative-register.csv"; filename*=UTF-8''${encodeURIComponent("规范性文件登记册.csv")}`,
        )
        .send(toCsv(CSV_COLUMNS, rows));
    },
  );

  // The ledger's block on a normative document's own page, through the rendering app's dependencies.
  registerItemPageExtra(ledgerBlock);
}

async function ledgerBlock({ itemId, lang, prefix, deps }: ItemPageContext): Promise<string> {
  const item = await findItem(deps.db.kysely, itemId);
  if (item?.kind !== "normative") return "";
  const x = normativeText(lang);
  const db = deps.db.kysely;
  const [entry, links, cleanups] = await Promise.all([
    repo.findEntry(db, itemId),
    repo.linksOf(db, itemId),
    repo.cleanupsListing(db, itemId),
  ]);
  const others = new Map(
    (await findItemsByIds(db, [...links.out.map((l) => l.target_id), ...links.in.map((l) => l.item_id)])).map(
      (i) => [i.id, i],
    ),
  );
  const by = cleanups.find((c) => c.outcome === item.validity);
  const link = (id: string) => {
    const o = others.get(id);
    return o?.status === "published" ? (
      <a href={`${prefix}/gk/items/${id}`} safe>
        {o.title}
      </a>
    ) : (
      ""
    );
  };
  const group = (key: "amends" | "amended_by" | "repeals" | "repealed_by", ids: string[]) =>
    ids.length ? (
      <>
        <dt safe>{x(key)}</dt>
        <dd>
          <ul>
            {ids.map((id) => (
              <li>{link(id)}</li>
            ))}
          </ul>
        </dd>
      </>
    ) : (
      ""
    );
  return (
    <section class="normative-ledger" aria-labelledby="normative-ledger-h">
      <h2 id="normative-ledger-h" safe>
        {x("block_title")}
      </h2>
      <dl class="facts">
        <dt safe>{x("registration_number")}</dt>
        <dd safe>{entry?.registration_number ?? "—"}</dd>
        <dt safe>{x("validity")}</dt>
        <dd>
          <strong class={`tag validity-${item.validity}${item.validity === "valid" ? "" : " warn"}`} safe>
            {x(validityKey(item.validity))}
          </strong>
          {by ? " " : ""}
          {by?.list_item_id ? (
            <a href={`${prefix}/gk/items/${by.list_item_id}`} safe>
              {x("cleanup", { title: by.title })}
            </a>
          ) : (
            ""
          )}
          {item.validity_on ? <span class="meta" safe>{` ${item.validity_on}`}</span> : ""}
        </dd>
        {entry?.expires_on && item.validity === "valid" ? (
          <>
            <dt safe>{x("expires_on")}</dt>
            <dd safe>{entry.expires_on}</dd>
          </>
        ) : (
          ""
        )}
        {group(
          "amends",
          links.out.filter((l) => l.relation === "amends").map((l) => l.target_id),
        )}
        {group(
          "repeals",
          links.out.filter((l) => l.relation === "repeals").map((l) => l.target_id),
        )}
        {group(
          "amended_by",
          links.in.filter((l) => l.relation === "amends").map((l) => l.item_id),
        )}
        {group(
          "repealed_by",
          links.in.filter((l) => l.relation === "repeals").map((l) => l.item_id),
        )}
      </dl>
      <p>
        <a href={`${prefix}/gk/normative-register`} safe>
          {x("register_link")}
        </a>
      </p>
    </section>
  );
}
