// Back office: /admin/normative (the ledger with today's alerts and the Excel export), /admin/normative/{id}
// (one document: its legality review and collective decision, filing, links), /admin/normative/cleanups
// (clean-ups: the form listing every published document with its outcome, each clean-up's page and its
// release), /admin/normative/settings (the site's rules). Forms POST and redirect; a refused form shows the
// page again with every problem. Sign-in and CSRF: the back-office hook (web/auth.ts).
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import type { ErrorDetail } from "../../platform/errors";
import { shanghaiDateOf } from "../../platform/time";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import { runFormChange } from "../../web/form-problems";
import type { AppInstance } from "../../web/types";
import { addAdminNav, takeFlash } from "../../web/views/admin-layout";
import { ErrorList } from "../../web/views/error-list";
import { Field } from "../../web/views/fields";
import { CsrfField } from "../../web/views/layout";
import type { CurrentUser } from "../accounts";
import { loadOrgTree } from "../orgs";
import { ALERT_LABELS, ledgerAlerts } from "./normative.alerts";
import {
  cleanupForStaff,
  createCleanup,
  listCleanupsForStaff,
  OUTCOME_LABELS,
  OUTCOMES,
  releaseCleanup,
} from "./normative.cleanup";
import { authoriseCleanup, authoriseLedger, mayCleanup, mayRecord, mayViewLedger } from "./normative.policy";
import { REGISTER_VALIDITY } from "./normative.present";
import * as repo from "./normative.repo";
import { filedLate } from "./normative.rules";
import {
  entryForStaff,
  linkDocuments,
  recordFiling,
  recordReview,
  saveLedgerSettings,
  settingsOf,
} from "./normative.service";
import { buildLedgerWorkbook } from "./normative.xlsx";

const Params = Type.Object({ id: Type.String({ maxLength: 40 }) });
const FormBody = Type.Record(Type.String({ maxLength: 80 }), Type.String({ maxLength: 10_000 }));
type Values = Record<string, string | undefined>;

const STATUS_TEXT: Record<string, string> = {
  draft: "草稿",
  submitted: "待审查",
  reviewed: "待审签",
  signed: "待发布",
  scheduled: "定时发布",
  published: "已发布",
};

/** The ledger rows the user may see: their organisations' documents. */
async function visibleLedger(deps: Deps, user: CurrentUser) {
  authoriseLedger(user);
  const tree = await loadOrgTree(deps, user.siteId);
  const orgIds = tree
    .flatten(user.siteId)
    .map((x) => x.org.id)
    .filter((id) => mayViewLedger(user, { site_id: user.siteId, org_id: id }, tree));
  const rows = await repo.listLedger(deps.db.kysely, { siteId: user.siteId, publishedOnly: false, orgIds });
  return { rows, orgIds, tree };
}

export function registerNormativeAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: "/admin/normative", label: "规范性文件台账", action: "normative.view" });

  app.get("/admin/normative", { schema: { hide: true } }, async (req, reply) => {
    const user = requireUser(req);
    const { rows, orgIds, tree } = await visibleLedger(deps, user);
    const today = shanghaiDateOf(deps.clock.now());
    const alerts = await ledgerAlerts(deps, user.siteId, today, orgIds);
    return sendAdminPage(
      deps,
      reply,
      { user, title: "规范性文件台账", path: "/admin/normative", flash: takeFlash(req) },
      <>
        <p>
          <a href="/admin/normative/export.xlsx">导出台账（Excel）</a>
          {mayCleanup(user, tree) ? (
            <>
              {" · "}
              <a href="/admin/normative/cleanups">规范性文件清理</a>
              {" · "}
              <a href="/admin/normative/settings">台账规则</a>
            </>
          ) : (
            ""
          )}
          {" · "}
          <a href="/gk/normative-register">公开的登记册</a>
        </p>
        <section aria-labelledby="alerts-h">
          <h2 id="alerts-h" safe>{`提醒（${alerts.length}）`}</h2>
          {alerts.length === 0 ? (
            <p>今天没有逾期未备案或即将到期的文件。</p>
          ) : (
            <ul class="alerts">
              {alerts.map((a) => (
                <li>
                  <strong class="tag" safe>
                    {ALERT_LABELS[a.kind]}
                  </strong>{" "}
                  <a href={`/admin/normative/${a.item_id}`} safe>
                    {a.title}
                  </a>
                  <span
                    class="meta"
                    safe
                  >{` ${a.registration_number ?? ""} ${a.kind === "filing_late" ? "备案期限" : "有效期至"} ${a.on}`}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <h2>台账</h2>
        {rows.length === 0 ? (
          <p>暂无规范性文件。</p>
        ) : (
          <div class="table-scroll">
            <table class="table">
              <caption class="visually-hidden">规范性文件台账</caption>
              <thead>
                <tr>
                  <th scope="col">登记编号</th>
                  <th scope="col">标题</th>
                  <th scope="col">发文字号</th>
                  <th scope="col">状态</th>
                  <th scope="col">合法性审核</th>
                  <th scope="col">备案</th>
                  <th scope="col">有效性</th>
                  <th scope="col">有效期至</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <td safe>{r.registration_number ?? "未登记"}</td>
                    <td>
                      <a href={`/admin/normative/${r.id}`} safe>
                        {r.title}
                      </a>
                    </td>
                    <td safe>{r.doc_number ?? ""}</td>
                    <td safe>{STATUS_TEXT[r.status] ?? r.status}</td>
                    <td>{r.reviewed_on ? `${r.review_body} ${r.reviewed_on}` : "未审核"}</td>
                    <td safe>
                      {r.filed_on
                        ? `${r.filed_on}${filedLate(r) ? "（逾期）" : ""}`
                        : r.filing_due_on
                          ? `未备案（期限 ${r.filing_due_on}）`
                          : ""}
                    </td>
                    <td safe>{REGISTER_VALIDITY[r.validity] ?? r.validity}</td>
                    <td safe>{r.expires_on ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>,
    );
  });

  app.get("/admin/normative/export.xlsx", { schema: { hide: true } }, async (req, reply) => {
    const user = requireUser(req);
    const { rows } = await visibleLedger(deps, user);
    const today = shanghaiDateOf(deps.clock.now());
    const book = await buildLedgerWorkbook(`规范性文件台账（${today}）`, rows, deps.clock.now());
    return reply
      .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header(
        "content-disposition",
        `attachment; filename="normative-ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(`规范性文件台账-${today}.xlsx`)}`,
      )
      .send(book);
  });

  // Clean-ups and settings come before /:id (static routes win in any case).
  const cleanupsPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    problems: ErrorDetail[],
    status = 200,
  ) => {
    const user = requireUser(req);
    const cleanups = await listCleanupsForStaff(deps, user);
    const rows = (
      await repo.listLedger(deps.db.kysely, { siteId: user.siteId, publishedOnly: true, validity: "valid" })
    ).slice(0, 500);
    return sendAdminPage(
      deps,
      reply,
      { user, title: "规范性文件清理", path: "/admin/normative", status, flash: takeFlash(req) },
      <>
        {cleanups.length ? (
          <ul>
            {cleanups.map((c) => (
              <li>
                <a href={`/admin/normative/cleanups/${c.id}`} safe>
                  {c.title}
                </a>
                <span
                  class="meta"
                  safe
                >{` ${c.status === "draft" ? "未发布" : c.status === "releasing" ? "发布办理中" : "已发布"}`}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>还没有清理记录。</p>
        )}
        <h2>新的清理</h2>
        <ErrorList problems={problems} />
        <form method="post" action="/admin/normative/cleanups" class="stack">
          <CsrfField token={reply.generateCsrf()} />
          <Field
            name="title"
            label="清理结果标题"
            required
            value={
              values.title ?? `关于${shanghaiDateOf(deps.clock.now()).slice(0, 4)}年规范性文件清理结果的公告`
            }
            problems={problems}
          />
          {rows.length === 0 ? (
            <p>没有有效的规范性文件可列入清理。</p>
          ) : (
            <table class="table">
              <caption>列入清理的文件（选择清理结论；不列入的留空）</caption>
              <thead>
                <tr>
                  <th scope="col">文件</th>
                  <th scope="col">清理结论</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr>
                    <td safe>{`${r.title}${r.doc_number ? `（${r.doc_number}）` : ""}`}</td>
                    <td>
                      <Field
                        as="select"
                        id={`outcome-${i}`}
                        name={`outcome.${r.id}`}
                        label={`《${r.title}》的清理结论`}
                        labelHidden
                        blank="不列入"
                        value={values[`outcome.${r.id}`]}
                        choices={OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <button type="submit">保存清理记录</button>
        </form>
      </>,
    );
  };

  app.get("/admin/normative/cleanups", { schema: { hide: true } }, async (req, reply) =>
    cleanupsPage(req, reply, {}, []),
  );

  app.post("/admin/normative/cleanups", { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const user = requireUser(req);
    const v = req.body as Values;
    const entries = Object.entries(v)
      .filter(([k, o]) => k.startsWith("outcome.") && o)
      .map(([k, o]) => ({ item: k.slice("outcome.".length), outcome: o! }));
    return runFormChange(
      req,
      reply,
      async () => {
        const row = await createCleanup(deps, user, { title: v.title ?? "", entries });
        return {
          flash: "已保存清理记录；发布后各文件的有效性同时变更。",
          to: `/admin/normative/cleanups/${row.id}`,
        };
      },
      (r) => cleanupsPage(req, reply, v, r.problems, r.status),
    );
  });

  const cleanupPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    problems: ErrorDetail[] = [],
    status = 200,
  ) => {
    const user = requireUser(req);
    const r = await cleanupForStaff(deps, user, id);
    return sendAdminPage(
      deps,
      reply,
      { user, title: r.cleanup.title, path: "/admin/normative", status, flash: takeFlash(req) },
      <>
        <ErrorList problems={problems} />
        {OUTCOMES.map((o) => {
          const list = r.entries.filter((e) => e.outcome === o);
          return (
            <section>
              <h2 safe>{`${OUTCOME_LABELS[o]}（${list.length}件）`}</h2>
              <ul>
                {list.map((e) => {
                  const item = r.items.get(e.item_id);
                  return (
                    <li>
                      <a href={`/admin/normative/${e.item_id}`} safe>
                        {item?.title ?? e.item_id}
                      </a>
                      <span class="meta" safe>{` ${REGISTER_VALIDITY[item?.validity ?? ""] ?? ""}`}</span>
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
        {r.cleanup.status === "draft" ? (
          <form method="post" action={`/admin/normative/cleanups/${id}/release`}>
            <CsrfField token={reply.generateCsrf()} />
            <p>
              发布清理结果：系统将三张目录生成为“规范性文件”栏目的一条信息草稿，经保密审查、审签后发布；发布之时，所列文件的有效性一并变更。
            </p>
            <button type="submit">生成发布稿</button>
          </form>
        ) : r.list ? (
          <p>
            {"清理结果："}
            <a href={`/admin/items/${r.list.id}`} safe>
              {r.list.title}
            </a>
            <span class="meta" safe>{` ${STATUS_TEXT[r.list.status] ?? r.list.status}`}</span>
          </p>
        ) : (
          ""
        )}
      </>,
    );
  };

  app.get("/admin/normative/cleanups/:id", { schema: { hide: true, params: Params } }, async (req, reply) =>
    cleanupPage(req, reply, req.params.id),
  );

  app.post(
    "/admin/normative/cleanups/:id/release",
    { schema: { hide: true, params: Params } },
    async (req, reply) => {
      const user = requireUser(req);
      return runFormChange(
        req,
        reply,
        async () => {
          const r = await releaseCleanup(deps, user, req.params.id);
          return {
            flash: "已生成清理结果的发布稿，请提交审查、审签后发布。",
            to: `/admin/items/${r.item_id}`,
          };
        },
        (r) => cleanupPage(req, reply, req.params.id, r.problems, r.status),
      );
    },
  );

  const settingsPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    problems: ErrorDetail[],
    status = 200,
  ) => {
    const user = requireUser(req);
    authoriseCleanup(user, await loadOrgTree(deps, user.siteId));
    const s = await settingsOf(deps, user.siteId);
    const val = (k: keyof typeof s) => values[k] ?? String(s[k]);
    return sendAdminPage(
      deps,
      reply,
      { user, title: "台账规则", path: "/admin/normative", status, flash: takeFlash(req) },
      <form method="post" action="/admin/normative/settings" class="stack">
        <CsrfField token={reply.generateCsrf()} />
        <ErrorList problems={problems} />
        <Field
          name="number_pattern"
          label="统一登记编号规则"
          hint="{YYYY} 为登记年份，{NNNN} 为序号（N 的个数为位数），例如 GYXG-{YYYY}-{NNNN}。"
          required
          value={val("number_pattern")}
          problems={problems}
        />
        <Field
          name="validity_years"
          type="number"
          label="有效期（年）"
          required
          value={val("validity_years")}
          problems={problems}
        />
        <Field
          name="provisional_years"
          type="number"
          label="暂行、试行文件的有效期（年）"
          required
          value={val("provisional_years")}
          problems={problems}
        />
        <Field
          name="filing_days"
          type="number"
          label="报送备案期限（发布后天数）"
          required
          value={val("filing_days")}
          problems={problems}
        />
        <Field
          name="alert_months"
          type="number"
          label="到期前提醒（月）"
          required
          value={val("alert_months")}
          problems={problems}
        />
        <button type="submit">保存</button>
      </form>,
    );
  };

  app.get("/admin/normative/settings", { schema: { hide: true } }, async (req, reply) =>
    settingsPage(req, reply, {}, []),
  );

  app.post("/admin/normative/settings", { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const user = requireUser(req);
    const v = req.body as Values;
    return runFormChange(
      req,
      reply,
      async () => {
        await saveLedgerSettings(deps, user, v);
        return { flash: "已保存台账规则。", to: "/admin/normative/settings" };
      },
      (r) => settingsPage(req, reply, v, r.problems, r.status),
    );
  });

  const entryPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: { problems: ErrorDetail[]; values: Values; status?: number; form?: string } = {
      problems: [],
      values: {},
    },
  ) => {
    const user = requireUser(req);
    const { item, entry, links, cleanups, tree } = await entryForStaff(deps, user, id);
    const writable = mayRecord(user, item, tree);
    const csrf = reply.generateCsrf();
    const v = (k: string, fallback: string | null | undefined) => form.values[k] ?? fallback ?? "";
    const problemsOf = (name: string) => (form.form === name ? form.problems : []);
    return sendAdminPage(
      deps,
      reply,
      { user, title: item.title, path: "/admin/normative", status: form.status, flash: takeFlash(req) },
      <>
        <dl class="meta-table">
          <dt>登记编号</dt>
          <dd safe>{entry?.registration_number ?? "未登记"}</dd>
          <dt>发文字号</dt>
          <dd safe>{item.doc_number ?? ""}</dd>
          <dt>信息状态</dt>
          <dd>
            <a href={`/admin/items/${item.id}`} safe>
              {STATUS_TEXT[item.status] ?? item.status}
            </a>
          </dd>
          <dt>有效性</dt>
          <dd
            safe
          >{`${REGISTER_VALIDITY[item.validity] ?? item.validity}${item.validity_on ? `（${item.validity_on}）` : ""}`}</dd>
          <dt>有效期至</dt>
          <dd safe>{entry?.expires_on ?? "发布后计算"}</dd>
          <dt>备案期限</dt>
          <dd safe>{entry?.filing_due_on ?? "发布后计算"}</dd>
          {cleanups.map((c) => (
            <>
              <dt>清理</dt>
              <dd
                safe
              >{`${c.title}：${OUTCOME_LABELS[c.outcome as keyof typeof OUTCOME_LABELS] ?? c.outcome}`}</dd>
            </>
          ))}
          {[
            ...links.out.map((l) => [l.relation === "amends" ? "修改了" : "废止了", l.target_id]),
            ...links.in.map((l) => [l.relation === "amends" ? "被修改" : "被废止", l.item_id]),
          ].map(([label, other]) => (
            <>
              <dt safe>{label}</dt>
              <dd>
                <a href={`/admin/normative/${other}`} safe>
                  {other!}
                </a>
              </dd>
            </>
          ))}
        </dl>
        {writable ? (
          <>
            <h2>合法性审核与集体讨论</h2>
            <p>未经合法性审核的规范性文件不得提交集体讨论，也不能发布；首次保存时统一登记编号。</p>
            <ErrorList problems={problemsOf("review")} />
            <form method="post" action={`/admin/normative/${id}/review`} class="stack">
              <CsrfField token={csrf} />
              <Field
                name="review_body"
                label="合法性审核机构"
                required
                value={v("review_body", entry?.review_body ?? "县司法局")}
                problems={problemsOf("review")}
              />
              <Field
                name="reviewed_on"
                type="date"
                label="审核日期"
                required
                value={v("reviewed_on", entry?.reviewed_on)}
                problems={problemsOf("review")}
              />
              <Field
                name="review_opinion"
                as="textarea"
                label="审核意见"
                required
                value={v("review_opinion", entry?.review_opinion)}
                problems={problemsOf("review")}
              />
              <Field
                name="decision_body"
                label="集体讨论的会议"
                hint="例如：县人民政府第12次常务会议"
                value={v("decision_body", entry?.decision_body)}
                problems={problemsOf("review")}
              />
              <Field
                name="decided_on"
                type="date"
                label="集体讨论日期"
                value={v("decided_on", entry?.decided_on)}
                problems={problemsOf("review")}
              />
              <Field
                name="validity_years"
                type="number"
                label="有效期（年）"
                hint="留空按台账规则：一般 5 年，暂行、试行 2 年。"
                value={v("validity_years", entry?.validity_years?.toString())}
                problems={problemsOf("review")}
              />
              <button type="submit">{entry ? "保存" : "登记并保存审核意见"}</button>
            </form>
            {entry && item.published_on ? (
              <>
                <h2>报送备案</h2>
                <ErrorList problems={problemsOf("filing")} />
                <form method="post" action={`/admin/normative/${id}/filing`} class="stack">
                  <CsrfField token={csrf} />
                  <Field
                    name="filed_on"
                    type="date"
                    label="报送备案日期"
                    required
                    value={v("filed_on", entry.filed_on)}
                    problems={problemsOf("filing")}
                  />
                  <Field
                    name="filed_with"
                    label="备案机关"
                    required
                    value={v("filed_with", entry.filed_with ?? "包头市人民政府")}
                    problems={problemsOf("filing")}
                  />
                  <Field
                    name="filing_number"
                    label="备案号"
                    value={v("filing_number", entry.filing_number)}
                    problems={problemsOf("filing")}
                  />
                  <button type="submit">保存备案</button>
                </form>
              </>
            ) : (
              ""
            )}
            <h2>修改、废止关系</h2>
            <ErrorList problems={problemsOf("link")} />
            <form method="post" action={`/admin/normative/${id}/links`} class="stack">
              <CsrfField token={csrf} />
              <Field
                as="select"
                name="relation"
                label="本文件"
                value={v("relation", "amends")}
                choices={[
                  { value: "amends", label: "修改了" },
                  { value: "repeals", label: "废止了" },
                ]}
                problems={problemsOf("link")}
              />
              <Field
                as="select"
                name="target"
                label="文件"
                blank="请选择"
                value={v("target", "")}
                choices={(await repo.listLedger(deps.db.kysely, { siteId: user.siteId, publishedOnly: true }))
                  .filter((r) => r.id !== item.id)
                  .map((r) => ({ value: r.id, label: r.title }))}
                problems={problemsOf("link")}
              />
              <button type="submit">保存关系</button>
            </form>
          </>
        ) : (
          ""
        )}
      </>,
    );
  };

  app.get("/admin/normative/:id", { schema: { hide: true, params: Params } }, async (req, reply) =>
    entryPage(req, reply, req.params.id),
  );

  const change = (
    name: "review" | "filing" | "links",
    run: (user: CurrentUser, id: string, v: Values) => Promise<unknown>,
    flash: string,
  ) =>
    app.post(
      `/admin/normative/:id/${name}`,
      { schema: { hide: true, params: Params, body: FormBody } },
      async (req, reply) => {
        const user = requireUser(req);
        const v = req.body as Values;
        return runFormChange(
          req,
          reply,
          async () => {
            await run(user, req.params.id, v);
            return { flash, to: `/admin/normative/${req.params.id}` };
          },
          (r) =>
            entryPage(req, reply, req.params.id, {
              problems: r.problems,
              values: v,
              status: r.status,
              form: name === "links" ? "link" : name,
            }),
        );
      },
    );

  change(
    "review",
    (user, id, v) =>
      recordReview(deps, user, id, {
        review_body: v.review_body ?? "",
        reviewed_on: v.reviewed_on ?? "",
        review_opinion: v.review_opinion ?? "",
        decision_body: v.decision_body || undefined,
        decided_on: v.decided_on || undefined,
        validity_years: v.validity_years ? Number(v.validity_years) : undefined,
      }),
    "已保存合法性审核和集体讨论记录。",
  );
  change(
    "filing",
    (user, id, v) =>
      recordFiling(deps, user, id, {
        filed_on: v.filed_on ?? "",
        filed_with: v.filed_with ?? "",
        filing_number: v.filing_number || undefined,
      }),
    "已保存备案记录。",
  );
  change(
    "links",
    (user, id, v) => linkDocuments(deps, user, id, { relation: v.relation ?? "", target: v.target ?? "" }),
    "已保存文件关系。",
  );
}
