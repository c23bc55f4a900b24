// Back office of the site search: staff search over drafts and published items (/admin/search, scoped like
// the item list), the county dictionary (/admin/search/dictionary) with the index's health and a rebuild
// button, and the health panel on the dashboard.
import type { FastifyReply } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import { addDashboardPanel } from "../../web/dashboard";
import type { AppInstance } from "../../web/types";
import { addAdminNav, takeFlash } from "../../web/views/admin-layout";
import { Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import { actorOf, type CurrentUser, canAny } from "../accounts";
import { recordAudit } from "../audit";
import { KIND_LABELS } from "../publishing";
import {
  addDictionaryTerms,
  authoriseSearchAdmin,
  listDictionary,
  removeDictionaryTerm,
  TERM_KIND_LABELS,
  TERM_KINDS,
} from "./search.dictionary";
import type { SearchTerm } from "./search.engine";
import { type IndexHealth, indexHealth, recentIndexHealth, reindexSite } from "./search.maintenance";
import { runSearch, type SearchView } from "./search.service";
import { TYPE_LABELS } from "./sources";

const DICT = "/admin/search/dictionary";

const STATUS_LABELS: Record<string, string> = {
  draft: "草稿",
  submitted: "待审查",
  reviewed: "待审签",
  signed: "待发布",
  scheduled: "定时发布",
};

function refused(e: unknown): ErrorDetail[] {
  if (!(e instanceof AppError) || e.status >= 500 || e.status === 403) throw e;
  return e.details.length ? e.details : [{ code: e.code, message: e.message }];
}

const adminUrl = (h: Pick<SearchView["hits"][number], "type" | "id" | "url">) =>
  h.type === "item" || h.type === "interpretation" ? `/admin/items/${h.id}` : h.url;

function StaffSearchPage(p: {
  q: string;
  view?: SearchView;
  problems: ErrorDetail[];
  page: (n: number) => string;
}) {
  const v = p.view;
  // The query's problems name the field `q`; on this page it is #admin-search-q.
  const problems = p.problems.map((x) => (x.field === "q" ? { ...x, field: "admin-search-q" } : x));
  // A count stopped at its cap: the pages known so far, and one more.
  const pages = !v
    ? 1
    : v.total_exact
      ? Math.max(1, Math.ceil(v.total / v.per_page))
      : Math.floor(v.total / v.per_page) + 1;
  return (
    <div class="stack">
      <form method="get" action="/admin/search" role="search" class="stack" aria-label="信息检索">
        <div class="search-row">
          <Field
            id="admin-search-q"
            name="q"
            field="admin-search-q"
            type="search"
            label="关键词、标题或文号（草稿和已发布的信息，限您有权查看的单位）"
            value={p.q}
            maxlength={100}
            problems={problems}
          />
          <button type="submit" class="button">
            搜索
          </button>
        </div>
      </form>
      <ErrorSummary title="搜索条件有误：" problems={problems} />
      {v ? (
        <section aria-labelledby="admin-search-results">
          <h2 id="admin-search-results" safe>
            {v.total_exact ? `找到 ${v.total} 条` : `找到 ${v.total} 条以上`}
          </h2>
          {v.total === 0 && v.suggestion ? (
            <p>
              您是不是要找：
              <a href={`/admin/search?q=${encodeURIComponent(v.suggestion)}`} safe>
                {v.suggestion}
              </a>
            </p>
          ) : (
            ""
          )}
          <ol class="search-hits" start={String((v.page - 1) * v.per_page + 1)}>
            {v.hits.map(({ safeTitleHtml, safeSnippetHtml, ...h }) => (
              <li>
                <h3>
                  <a href={adminUrl(h)}>{safeTitleHtml}</a>
                </h3>
                <p class="meta" safe>
                  {[
                    h.status ? (STATUS_LABELS[h.status] ?? h.status) : "已发布",
                    h.kind
                      ? (KIND_LABELS[h.kind as keyof typeof KIND_LABELS] ?? TYPE_LABELS[h.type])
                      : TYPE_LABELS[h.type],
                    h.org?.name ?? "",
                    h.doc_number ?? "",
                    h.published_at?.slice(0, 10) ?? "",
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
                {safeSnippetHtml ? <p class="snippet">{safeSnippetHtml}</p> : ""}
              </li>
            ))}
          </ol>
          {pages > 1 ? (
            <nav class="pager" aria-label="分页">
              {v.page > 1 ? (
                <a href={p.page(v.page - 1)} rel="prev">
                  上一页
                </a>
              ) : (
                ""
              )}
              <span safe>{v.total_exact ? `第 ${v.page} 页，共 ${pages} 页` : `第 ${v.page} 页`}</span>
              {v.page < pages ? (
                <a href={p.page(v.page + 1)} rel="next">
                  下一页
                </a>
              ) : (
                ""
              )}
            </nav>
          ) : (
            ""
          )}
        </section>
      ) : (
        ""
      )}
    </div>
  );
}

function HealthSection(p: { health: IndexHealth; csrf: string }) {
  const h = p.health;
  return (
    <section aria-labelledby="index-health" id="health">
      <h2 id="index-health">搜索索引状况</h2>
      <ul>
        <li safe>{`应收录 ${h.expected} 条，索引中 ${h.indexed} 条。`}</li>
        <li safe>{`已公开但搜索不到：${h.missing} 条`}</li>
        <li safe>{`过期条目（已撤回、已被新版本替换、已停用或内容已变）：${h.stale} 条`}</li>
      </ul>
      <form method="post" action="/admin/search/reindex">
        <CsrfField token={p.csrf} />
        <button type="submit" class="button">
          重建本站点搜索索引
        </button>
      </form>
    </section>
  );
}

function DictionaryPage(p: {
  terms: SearchTerm[];
  health: IndexHealth;
  csrf: string;
  problems: ErrorDetail[];
  values: { terms: string; kind: string; note: string };
}) {
  // The form's fields are #dict-terms, #dict-kind, #dict-note: problems name them so.
  const problems = p.problems.map((x) => (x.field ? { ...x, field: `dict-${x.field.split(/[.[]/)[0]}` } : x));
  const bind = (name: string) => ({ name, id: `dict-${name}`, field: `dict-${name}`, problems });
  return (
    <div class="stack">
      <p>
        县域词典收录本县地名、机构名称和政策用语，使搜索把“乡村振兴”“西斗铺镇”等词作为整体切分。词典只影响对搜索词的切分：修改后立即生效，无需重建索引。
      </p>
      <ErrorSummary title="词语未添加，请修改以下问题：" problems={problems} />
      <form method="post" action={DICT} class="stack">
        <CsrfField token={p.csrf} />
        <Field
          {...bind("terms")}
          as="textarea"
          label="添加词语（每行一个，每个 2 到 20 个字，只含文字和数字）"
          rows={6}
          value={p.values.terms}
        />
        <Field
          {...bind("kind")}
          as="select"
          label="类别"
          value={p.values.kind}
          choices={TERM_KINDS.map((k) => ({ value: k, label: TERM_KIND_LABELS[k] }))}
        />
        <Field {...bind("note")} label="备注（可选）" maxlength={200} value={p.values.note} />
        <div>
          <button type="submit" class="button">
            添加
          </button>
        </div>
      </form>
      <section aria-labelledby="dict-list">
        <h2 id="dict-list" safe>{`词典中的词语（${p.terms.length} 个）`}</h2>
        {p.terms.length === 0 ? (
          <p>词典中还没有本县的词语。</p>
        ) : (
          <div class="table-scroll">
            <table>
              <caption class="visually-hidden">县域词典</caption>
              <thead>
                <tr>
                  <th scope="col">词语</th>
                  <th scope="col">类别</th>
                  <th scope="col">备注</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                {p.terms.map((t) => (
                  <tr>
                    <td class="term" safe>
                      {t.term}
                    </td>
                    <td safe>{TERM_KIND_LABELS[t.kind as keyof typeof TERM_KIND_LABELS] ?? t.kind}</td>
                    <td safe>{t.note ?? ""}</td>
                    <td>
                      <form method="post" action={`${DICT}/remove`} class="inline">
                        <CsrfField token={p.csrf} />
                        <input type="hidden" name="id" value={t.id} />
                        <button type="submit" class="link" aria-label={`删除“${t.term}”`}>
                          删除
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <HealthSection health={p.health} csrf={p.csrf} />
    </div>
  );
}

export function registerSearchAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: "/admin/search", label: "信息检索", action: "item.view" });
  addAdminNav({ href: DICT, label: "搜索词典与索引", action: "org.manage" });
  addDashboardPanel({
    id: "search-health",
    title: "搜索索引",
    action: "org.manage",
    async load(d, user) {
      const h = await recentIndexHealth(d, user.siteId);
      return {
        count: h.missing + h.stale,
        href: `${DICT}#health`,
        lines: [
          { text: `已公开但搜索不到：${h.missing} 条`, href: `${DICT}#health` },
          { text: `过期条目：${h.stale} 条`, href: `${DICT}#health` },
          ...(h.missing + h.stale > 0 ? [{ text: "重建索引", href: `${DICT}#health` }] : []),
        ],
      };
    },
  });

  app.get("/admin/search", { schema: { hide: true } }, async (req, reply) => {
    const user = requireUser(req);
    if (!canAny(user, "item.view")) throw new AppError("role_not_allowed", 403, "您的角色不能查看信息。");
    const raw = (req.query ?? {}) as Record<string, unknown>;
    const q = typeof raw.q === "string" ? raw.q.trim() : "";
    let view: SearchView | undefined;
    let problems: ErrorDetail[] = [];
    if (q) {
      try {
        view = await runSearch(deps, user.siteId, { q, page: raw.page, scope: "staff" }, user);
      } catch (e) {
        problems = refused(e);
        reply.status(400);
      }
    }
    const page = (n: number) => `/admin/search?q=${encodeURIComponent(q)}${n > 1 ? `&page=${n}` : ""}`;
    return sendAdminPage(
      deps,
      reply,
      { user, title: "信息检索", path: "/admin/search", status: reply.statusCode },
      <StaffSearchPage q={q} view={view} problems={problems} page={page} />,
    );
  });

  const dictionaryPage = async (
    reply: FastifyReply,
    user: CurrentUser,
    extra: {
      problems?: ErrorDetail[];
      values?: { terms: string; kind: string; note: string };
      flash?: string;
      status?: number;
    } = {},
  ) => {
    const [terms, health] = await Promise.all([listDictionary(deps, user), indexHealth(deps, user.siteId)]);
    return sendAdminPage(
      deps,
      reply,
      { user, title: "搜索词典与索引", path: DICT, status: extra.status, flash: extra.flash },
      <DictionaryPage
        terms={terms}
        health={health}
        csrf={reply.generateCsrf()}
        problems={extra.problems ?? []}
        values={extra.values ?? { terms: "", kind: "place", note: "" }}
      />,
    );
  };

  app.get(DICT, { schema: { hide: true } }, async (req, reply) =>
    dictionaryPage(reply, requireUser(req), { flash: takeFlash(req) }),
  );

  app.post(DICT, { schema: { hide: true } }, async (req, reply) => {
    const user = requireUser(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = {
      terms: String(body.terms ?? ""),
      kind: String(body.kind ?? ""),
      note: String(body.note ?? ""),
    };
    try {
      const r = await addDictionaryTerms(deps, user, values);
      req.session.set(
        "flash",
        r.added.length
          ? `已添加 ${r.added.length} 个词语${r.skipped.length ? `（${r.skipped.length} 个已在词典中）` : ""}。新词立即用于切分搜索词。`
          : "这些词语已在词典中，没有新增。",
      );
      return reply.redirect(DICT, 303);
    } catch (e) {
      return dictionaryPage(reply, user, { problems: refused(e), values, status: 400 });
    }
  });

  app.post(`${DICT}/remove`, { schema: { hide: true } }, async (req, reply) => {
    const user = requireUser(req);
    const id = String((req.body as Record<string, unknown> | undefined)?.id ?? "");
    let term: string;
    try {
      term = await removeDictionaryTerm(deps, user, id);
    } catch (e) {
      return dictionaryPage(reply, user, { problems: refused(e), status: 404 });
    }
    req.session.set("flash", `已删除“${term}”，立即生效。`);
    return reply.redirect(DICT, 303);
  });

  app.post("/admin/search/reindex", { schema: { hide: true } }, async (req, reply) => {
    const user = requireUser(req);
    await authoriseSearchAdmin(deps, user);
    const r = await reindexSite(deps, user.siteId);
    await deps.db.kysely.transaction().execute((trx) =>
      recordAudit(trx, deps.clock, actorOf(user), {
        action: "search.reindex",
        entityType: "search_index",
        entityId: user.siteId,
        orgId: null,
        siteId: user.siteId,
        summary: { indexed: r.indexed, removed: r.removed, by_source: r.bySource },
      }),
    );
    req.session.set("flash", `搜索索引已重建：收录 ${r.indexed} 条，清除过期条目 ${r.removed} 条。`);
    return reply.redirect(`${DICT}#health`, 303);
  });
}
