import type { FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { notFound } from "../../platform/errors";
import { defineCatalog, type Lang } from "../../web/i18n";
import { type PortalContext, publicPage } from "../../web/portal";
import type { AppInstance } from "../../web/types";
import { PublicLayout } from "../../web/views/layout";
import { ExportLinks } from "../opendata/opendata.links";
import { loadOrgTree } from "../orgs";
import { listCatalogOrgs, listCatalogTree } from "./catalog.service";
import { nest, type StoredStandardRow, type TreeBranch, updateRuleLabel } from "./catalog.tree";
import { catalogMnNames } from "./mn-names-port";

// Public pages of the disclosure catalogue, in Chinese and under /mn. Node names are Chinese data; the
// page's own words are here rather than in the shared catalogs (Mongolian to be reviewed with the rest).
const LABELS = {
  "zh-CN": {
    title: "主动公开基本目录",
    intro:
      "各机构按照《中华人民共和国政府信息公开条例》和基层政务公开标准目录编制的主动公开基本目录。点击栏目名称查看该栏目下公开的信息。",
    orgs: "编制目录的机构",
    columns: "{n} 个节点",
    orgTitle: "{org}主动公开基本目录",
    back: "返回目录列表",
    empty: "暂无已编制目录的机构。",
    update: "更新要求",
    standard: "{area}标准目录",
  },
  "mn-Mong": {
    title: "ᠢᠯᠡ ᠪᠣᠯᠭᠠᠬᠤ ᠦᠨᠳᠦᠰᠦᠨ ᠭᠠᠷᠴᠠᠭ",
    orgs: "ᠪᠠᠶᠢᠭᠤᠯᠤᠮᠵᠢ",
    back: "ᠭᠠᠷᠴᠠᠭ ᠲᠤ ᠪᠤᠴᠠᠬᠤ",
    intro:
      "ᠪᠠᠶᠢᠭᠤᠯᠤᠮᠵᠢ ᠪᠦᠷᠢ 《ᠪᠦᠭᠦᠳᠡ ᠨᠠᠶᠢᠷᠠᠮᠳᠠᠬᠤ ᠳᠤᠮᠳᠠᠳᠤ ᠠᠷᠠᠳ ᠤᠯᠤᠰ ᠤᠨ ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠮᠡᠳᠡᠭᠡ ᠶᠢ ᠢᠯᠡ ᠪᠣᠯᠭᠠᠬᠤ ᠳᠦᠷᠢᠮ》 ᠪᠠ ᠳᠣᠣᠷᠠ ᠳᠡᠰ ᠦᠨ ᠵᠠᠰᠠᠭ ᠤᠨ ᠠᠵᠢᠯ ᠢᠯᠡ ᠪᠣᠯᠭᠠᠬᠤ ᠵᠢᠱᠢᠭ ᠭᠠᠷᠴᠠᠭ ᠤᠨ ᠳᠠᠭᠠᠤ ᠵᠣᠬᠢᠶᠠᠭᠰᠠᠨ ᠢᠴᠢᠭᠡᠪᠡᠷ ᠢᠯᠡ ᠪᠣᠯᠭᠠᠬᠤ ᠦᠨᠳᠦᠰᠦᠨ ᠭᠠᠷᠴᠠᠭ᠃ ᠪᠦᠯᠦᠭ ᠦᠨ ᠨᠡᠷ᠎ᠡ ᠶᠢ ᠳᠠᠷᠤᠪᠠᠯ ᠲᠤᠰ ᠪᠦᠯᠦᠭ ᠲᠦ ᠢᠯᠡ ᠪᠣᠯᠭᠠᠭᠰᠠᠨ ᠮᠡᠳᠡᠭᠡ ᠶᠢ ᠦᠵᠡᠨ᠎ᠡ᠃",
    columns: "{n} ᠵᠠᠩᠭᠢᠯᠠᠭ᠎ᠠ",
    orgTitle: "{org} ᠤᠨ ᠢᠴᠢᠭᠡᠪᠡᠷ ᠢᠯᠡ ᠪᠣᠯᠭᠠᠬᠤ ᠦᠨᠳᠦᠰᠦᠨ ᠭᠠᠷᠴᠠᠭ",
    empty: "ᠭᠠᠷᠴᠠᠭ ᠵᠣᠬᠢᠶᠠᠭᠰᠠᠨ ᠪᠠᠶᠢᠭᠤᠯᠤᠮᠵᠢ ᠣᠳᠣᠬᠠᠨ ᠳᠤ ᠦᠭᠡᠢ᠃",
    update: "ᠰᠢᠨᠡᠴᠢᠯᠡᠬᠦ ᠱᠠᠭᠠᠷᠳᠠᠯᠭ᠎ᠠ",
    standard: "{area} ᠵᠢᠱᠢᠭ ᠭᠠᠷᠴᠠᠭ",
  },
} satisfies { "zh-CN": Record<string, string>; "mn-Mong": Partial<Record<string, string>> };

type LabelKey = keyof (typeof LABELS)["zh-CN"];

// Registered with the shared catalogs (src/web/i18n defineCatalog): overrides apply; a missing Mongolian text
// is shown in Chinese and marked.
const labels = defineCatalog<LabelKey>("catalog", LABELS["zh-CN"], LABELS["mn-Mong"]);
const label = (lang: Lang, key: LabelKey, params: Record<string, string | number> = {}) =>
  labels(lang)(key, params);

/** The nine headers of a standard catalogue; 公开事项 spans its two levels. */
const STANDARD_HEADERS = [
  "公开内容（要素）",
  "公开依据",
  "公开时限",
  "公开主体",
  "公开渠道和载体",
  "公开对象",
  "公开方式",
  "公开层级",
];

const listHref = (c: PortalContext, id: string) => `${c.prefix}/gk/list?node=${encodeURIComponent(id)}`;

function StandardTable(p: {
  c: PortalContext;
  area: string;
  rows: Array<{ id: string; s: StoredStandardRow }>;
}) {
  const caption = label(p.c.lang, "standard", { area: p.area });
  return (
    <div class="table-scroll" tabindex="0" role="region" aria-label={caption}>
      <table class="standard-table">
        <caption safe>{caption}</caption>
        <thead>
          <tr>
            <th scope="colgroup" colspan="2">
              公开事项
            </th>
            {STANDARD_HEADERS.map((h) => (
              <th scope="col" rowspan="2" safe>
                {h}
              </th>
            ))}
          </tr>
          <tr>
            <th scope="col">一级事项</th>
            <th scope="col">二级事项</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map(({ id, s }) => (
            <tr>
              <td safe>{s.item_l1}</td>
              <th scope="row">
                <a href={listHref(p.c, id)} safe>
                  {s.item_l2}
                </a>
              </th>
              <td safe>{s.content}</td>
              <td safe>{s.basis}</td>
              <td safe>{s.time_limit}</td>
              <td safe>{s.subject}</td>
              <td safe>{s.channels}</td>
              <td safe>{s.audience}</td>
              <td safe>{s.mode}</td>
              <td safe>{s.level}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A node's name at /mn: its approved Mongolian name, else the Chinese marked lang="zh-CN" and tagged. */
function MnNodeName(p: { c: PortalContext; name: string; mn: string | undefined }) {
  if (p.mn)
    return (
      <span lang="mn-Mong" safe>
        {p.mn}
      </span>
    );
  return (
    <>
      <span lang="zh-CN" safe>
        {p.name}
      </span>{" "}
      <span class="tag mn-missing-tag" safe>
        {p.c.t("mn.missing_short")}
      </span>
    </>
  );
}

function PublicBranch(p: { c: PortalContext; branch: TreeBranch; mn: Map<string, string> }) {
  const n = p.branch.node;
  const kids = p.branch.children;
  const standardRows = kids.filter((k) => k.node.standard && k.node.kind === "column");
  const others = kids.filter((k) => !standardRows.includes(k));
  return (
    <li>
      {p.c.lang === "mn-Mong" ? (
        n.kind === "column" ? (
          <a href={listHref(p.c, n.id)}>
            <MnNodeName c={p.c} name={n.name} mn={p.mn.get(n.id)} />
          </a>
        ) : (
          <strong>
            <MnNodeName c={p.c} name={n.name} mn={p.mn.get(n.id)} />
          </strong>
        )
      ) : n.kind === "column" ? (
        <a href={listHref(p.c, n.id)} safe>
          {n.name}
        </a>
      ) : (
        <strong safe>{n.name}</strong>
      )}{" "}
      {n.kind === "column" ? (
        <span
          class="meta"
          safe
        >{`（${label(p.c.lang, "update")}：${updateRuleLabel(n.update_rule, n.update_days)}）`}</span>
      ) : (
        ""
      )}
      {standardRows.length ? (
        <StandardTable
          c={p.c}
          area={n.name}
          rows={standardRows.map((k) => ({ id: k.node.id, s: k.node.standard! }))}
        />
      ) : (
        ""
      )}
      {others.length ? (
        <ul>
          {others.map((b) => (
            <PublicBranch c={p.c} branch={b} mn={p.mn} />
          ))}
        </ul>
      ) : (
        ""
      )}
    </li>
  );
}

/** Catalogue pages are kept rendered; catalogue, organisation and publishing changes clear them at once. */
const CACHE = { cacheTtlMs: 60_000 };

export function registerCatalogPages(app: AppInstance, deps: Deps): void {
  const index = async (c: PortalContext) => {
    const orgs = await listCatalogOrgs(deps, c.site.id);
    const title = label(c.lang, "title");
    return (
      <PublicLayout lang={c.lang} t={c.t} site={c.site} title={title} path={c.path} section="disclosure">
        <h1 safe>{title}</h1>
        <p safe>{label(c.lang, "intro")}</p>
        <ExportLinks t={c.t} path="/gk/catalog" />
        <h2 safe>{label(c.lang, "orgs")}</h2>
        {orgs.length ? (
          <ul class="org-tree">
            {orgs.map(({ org, depth, nodes }) => (
              <li class={`depth-${Math.min(depth, 3)}`}>
                <a href={`${c.prefix}/gk/catalog/${encodeURIComponent(org.code)}`} safe>
                  {org.name}
                </a>{" "}
                <span class="meta" safe>{`（${label(c.lang, "columns", { n: nodes })}）`}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p safe>{label(c.lang, "empty")}</p>
        )}
      </PublicLayout>
    );
  };
  publicPage(app, deps, "/gk/catalog", index, CACHE);

  const orgCatalog = async (c: PortalContext, req: FastifyRequest) => {
    const code = (req.params as { orgCode?: string }).orgCode ?? "";
    const tree = await loadOrgTree(deps, c.site.id);
    const org = tree.flatten(c.site.id).find((x) => x.org.code === code)?.org;
    if (!org) throw notFound(`机构 ${code} `, "org_not_found");
    const nodes = await listCatalogTree(deps, org.id);
    if (nodes.length === 0) throw notFound(`${org.name}的公开目录`, "catalog_not_found");
    const title = label(c.lang, "orgTitle", { org: org.name });
    // Approved Mongolian names of the columns (src/domains/mongolian), at /mn only.
    const mn =
      c.lang === "mn-Mong"
        ? await catalogMnNames(
            deps.db.kysely,
            nodes.map((x) => x.id),
          )
        : new Map();
    return (
      <PublicLayout lang={c.lang} t={c.t} site={c.site} title={title} path={c.path} section="disclosure">
        <p>
          <a href={`${c.prefix}/gk/catalog`} safe>
            {label(c.lang, "back")}
          </a>
        </p>
        <h1 safe>{title}</h1>
        <nav aria-label={title} class="catalog-tree">
          <ul>
            {nest(nodes).map((b) => (
              <PublicBranch c={c} branch={b} mn={mn} />
            ))}
          </ul>
        </nav>
      </PublicLayout>
    );
  };
  publicPage(app, deps, "/gk/catalog/:orgCode", orgCatalog, CACHE);
}
