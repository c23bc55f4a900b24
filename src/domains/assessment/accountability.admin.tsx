// Back-office pages of the accountability records (问责): /admin/accountability (the list), the new-record form
// (prefilled from a score's "登记问责" link), a record's page with its cases and the rectification form.
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { shanghaiDateOf } from "../../platform/time";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import { runFormChange } from "../../web/form-problems";
import type { AppInstance } from "../../web/types";
import { addAdminNav, takeFlash } from "../../web/views/admin-layout";
import { Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import { type CurrentUser, can, canAny } from "../accounts";
import { loadOrgTree } from "../orgs";
import {
  ACCOUNTABILITY_KIND_LABELS,
  ACCOUNTABILITY_KINDS,
  type AccountabilityView,
  createAccountability,
  getAccountability,
  listAccountabilityForUser,
  recordRectification,
} from "./accountability.service";
import { presentSubject } from "./accountability.subjects";

const FormBody = Type.Record(Type.String({ maxLength: 80 }), Type.String({ maxLength: 20_000 }));
const Params = Type.Object({ id: Type.String({ maxLength: 60 }) });
const ListQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal(""), Type.Literal("open"), Type.Literal("rectified")])),
});
const NewQuery = Type.Object({
  org: Type.Optional(Type.String({ maxLength: 60 })),
  subject: Type.Optional(Type.String({ maxLength: 200 })),
});
type Values = Record<string, string | undefined>;
const ADMIN = "/admin/accountability";
const recordUrl = (id: string) => `${ADMIN}/${encodeURIComponent(id)}`;

/** "type:id" per line → subjects; a line without a colon is left for validation to name. */
export function subjectsOfText(text: string): Array<{ type: string; id: string }> {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const at = l.indexOf(":");
      return at < 0 ? { type: "", id: l } : { type: l.slice(0, at).trim(), id: l.slice(at + 1).trim() };
    });
}

function RecordsTable(p: { items: AccountabilityView[] }) {
  if (p.items.length === 0) return <p>没有问责记录。</p>;
  return (
    <table>
      <caption>问责记录（按决定日期，新的在前）</caption>
      <thead>
        <tr>
          <th scope="col">决定日期</th>
          <th scope="col">单位</th>
          <th scope="col">方式</th>
          <th scope="col">整改期限</th>
          <th scope="col">整改情况</th>
        </tr>
      </thead>
      <tbody>
        {p.items.map((r) => (
          <tr>
            <td>
              <a href={recordUrl(r.id)} safe>
                {r.decided_on}
              </a>
            </td>
            <td safe>{r.org_name}</td>
            <td safe>{r.kind_label}</td>
            <td safe>{r.rectify_by ?? "—"}</td>
            <td>{r.overdue ? <strong>逾期未整改</strong> : <span safe>{r.status_label}</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function registerAccountabilityAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: ADMIN, label: "问责记录", action: "accountability.view" });

  app.get(ADMIN, { schema: { hide: true, querystring: ListQuery } }, async (req, reply) => {
    const user = requireUser(req);
    const status = req.query.status || undefined;
    const items = await listAccountabilityForUser(deps, user, { status });
    return sendAdminPage(
      deps,
      reply,
      { user, title: "问责记录", path: ADMIN, flash: takeFlash(req) },
      <>
        {canAny(user, "accountability.record") ? (
          <p>
            <a href={`${ADMIN}/new`}>登记问责（通报批评、约谈整改）</a>
          </p>
        ) : (
          ""
        )}
        <form method="get" action={ADMIN} class="filters">
          <Field
            as="select"
            name="status"
            label="整改情况"
            value={status ?? ""}
            choices={[
              { value: "", label: "全部" },
              { value: "open", label: "整改中" },
              { value: "rectified", label: "已整改" },
            ]}
          />
          <button type="submit">筛选</button>
        </form>
        <RecordsTable items={items} />
      </>,
    );
  });

  const newForm = async (
    reply: FastifyReply,
    user: CurrentUser,
    values: Values,
    problems: ErrorDetail[],
    status?: number,
  ) => {
    const tree = await loadOrgTree(deps, user.siteId);
    const orgs = tree
      .flatten(user.siteId)
      .map(({ org }) => org)
      .filter((o) => o.kind !== "government" && can(user, "accountability.record", o.id, tree));
    const subjects = subjectsOfText(values.subjects ?? "").filter((s) => s.type);
    return sendAdminPage(
      deps,
      reply,
      { user, title: "登记问责", path: ADMIN, status },
      <form method="post" action={ADMIN} class="stack" novalidate>
        <CsrfField token={reply.generateCsrf()} />
        {problems.length ? <ErrorSummary title="问责记录未保存，请修改：" problems={problems} /> : ""}
        <Field
          as="select"
          name="org"
          label="被问责单位"
          required
          blank="（请选择）"
          value={values.org}
          choices={orgs.map((o) => ({ value: o.code, label: o.name }))}
          problems={problems}
        />
        <Field
          as="radios"
          name="kind"
          label="问责方式"
          required
          value={values.kind}
          choices={ACCOUNTABILITY_KINDS.map((k) => ({ value: k, label: ACCOUNTABILITY_KIND_LABELS[k] }))}
          problems={problems}
        />
        <Field
          as="textarea"
          name="reason"
          label="问责事由"
          required
          rows={5}
          value={values.reason}
          problems={problems}
        />
        <Field
          type="date"
          name="decided_on"
          label="决定日期"
          required
          value={values.decided_on ?? shanghaiDateOf(deps.clock.now())}
          problems={problems}
        />
        <Field
          type="date"
          name="rectify_by"
          label="整改期限"
          hint="约谈整改必填。"
          value={values.rectify_by}
          problems={problems}
        />
        <Field
          as="textarea"
          name="subjects"
          label="关联案件"
          hint="每行一个，格式为“类型:编号”，如 application:编号、message:编号、item:编号、assessment_score:考核得分编号。"
          rows={4}
          value={values.subjects}
          problems={problems}
          field="subjects"
        />
        {subjects.length ? (
          <ul aria-label="所填案件的页面">
            {subjects.map((s) => {
              const v = presentSubject(s);
              return (
                <li>
                  {v.url ? (
                    <a href={v.url} safe>{`${v.label}：${v.id}`}</a>
                  ) : (
                    <span safe>{`${v.label}：${v.id}`}</span>
                  )}
                </li>
              );
            })}
          </ul>
        ) : (
          ""
        )}
        <button type="submit">保存问责记录</button>
      </form>,
    );
  };

  app.get(`${ADMIN}/new`, { schema: { hide: true, querystring: NewQuery } }, async (req, reply) => {
    const user = requireUser(req);
    if (!canAny(user, "accountability.record"))
      throw new AppError("role_not_allowed", 403, "只有督查室可以登记问责和整改情况。");
    return newForm(reply, user, { org: req.query.org, subjects: req.query.subject }, []);
  });

  app.post(ADMIN, { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const user = requireUser(req);
    const v = (req.body ?? {}) as Values;
    return runFormChange(
      req,
      reply,
      async () => {
        const rec = await createAccountability(deps, user, {
          org: v.org ?? "",
          kind: v.kind ?? "",
          reason: v.reason ?? "",
          decided_on: v.decided_on ?? "",
          rectify_by: v.rectify_by || null,
          subjects: subjectsOfText(v.subjects ?? ""),
        });
        return { flash: `已登记${rec.kind_label}。`, to: recordUrl(rec.id) };
      },
      (r) => newForm(reply, user, v, r.problems, r.status),
    );
  });

  const detail = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: { problems: ErrorDetail[]; status?: number; values?: Values } = { problems: [] },
  ) => {
    const user = requireUser(req);
    const r = await getAccountability(deps, user, id);
    const tree = await loadOrgTree(deps, user.siteId);
    const mayRecord = can(user, "accountability.record", r.org_id, tree);
    return sendAdminPage(
      deps,
      reply,
      {
        user,
        title: `${r.kind_label}：${r.org_name}`,
        path: ADMIN,
        status: form.status,
        flash: takeFlash(req),
      },
      <>
        <p>
          <a href={ADMIN}>返回问责记录</a>
        </p>
        <dl class="meta-table">
          <dt>被问责单位</dt>
          <dd safe>{r.org_name}</dd>
          <dt>问责方式</dt>
          <dd safe>{r.kind_label}</dd>
          <dt>决定日期</dt>
          <dd safe>{r.decided_on}</dd>
          <dt>问责事由</dt>
          <dd safe>{r.reason}</dd>
          <dt>整改期限</dt>
          <dd safe>{r.rectify_by ?? "—"}</dd>
          <dt>整改情况</dt>
          <dd>
            {r.overdue ? <strong>逾期未整改</strong> : <span safe>{r.status_label}</span>}
            {r.rectification ? <p safe>{`${r.rectified_on}：${r.rectification}`}</p> : ""}
          </dd>
          <dt>登记人</dt>
          <dd safe>{r.created_by_label}</dd>
        </dl>
        <section aria-labelledby="h-subjects">
          <h2 id="h-subjects">关联案件</h2>
          {r.subjects.length ? (
            <ul>
              {r.subjects.map((s) => (
                <li>
                  {s.url ? (
                    <a href={s.url} safe>{`${s.label}：${s.id}`}</a>
                  ) : (
                    <span safe>{`${s.label}：${s.id}`}</span>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p>无。</p>
          )}
        </section>
        {mayRecord && r.status === "open" ? (
          <section aria-labelledby="h-rectify">
            <h2 id="h-rectify">登记整改情况</h2>
            <form method="post" action={`${recordUrl(r.id)}/rectify`} class="stack" novalidate>
              <CsrfField token={reply.generateCsrf()} />
              {form.problems.length ? <ErrorSummary title="整改情况未保存：" problems={form.problems} /> : ""}
              <Field
                as="textarea"
                name="outcome"
                label="整改情况"
                required
                rows={5}
                value={form.values?.outcome}
                problems={form.problems}
              />
              <Field
                type="date"
                name="rectified_on"
                label="整改完成日期"
                required
                value={form.values?.rectified_on ?? shanghaiDateOf(deps.clock.now())}
                problems={form.problems}
              />
              <button type="submit">保存整改情况</button>
            </form>
          </section>
        ) : (
          ""
        )}
      </>,
    );
  };

  app.get(`${ADMIN}/:id`, { schema: { hide: true, params: Params } }, (req, reply) =>
    detail(req, reply, req.params.id),
  );

  app.post(
    `${ADMIN}/:id/rectify`,
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) => {
      const v = (req.body ?? {}) as Values;
      return runFormChange(
        req,
        reply,
        async () => {
          await recordRectification(deps, requireUser(req), req.params.id, {
            outcome: v.outcome ?? "",
            rectified_on: v.rectified_on ?? "",
          });
          return { flash: "已登记整改情况。", to: recordUrl(req.params.id) };
        },
        (r) => detail(req, reply, req.params.id, { ...r, values: v }),
      );
    },
  );
}
