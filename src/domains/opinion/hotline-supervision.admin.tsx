// Back office: /admin/hotline/supervision — the 12345 figures by department for a period, the supervision
// notices (督办) with their outcome, the form to issue one and, per open notice, the form to close it.
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { addDays } from "../../platform/calendar";
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
import { loadOrgTree } from "../orgs";
import {
  closeSupervision,
  hotlineFigures,
  issueSupervision,
  OUTCOME_LABELS,
  OUTCOMES,
  SUPERVISION_STATUS_LABELS,
} from "./hotline-supervision.service";
import { mayAct } from "./opinion.policy";

const PATH = "/admin/hotline/supervision";
const FormBody = Type.Record(Type.String({ maxLength: 80 }), Type.String({ maxLength: 10_000 }));
const Params = Type.Object({ id: Type.String({ maxLength: 40 }) });
const Query = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 10 })),
  to: Type.Optional(Type.String({ maxLength: 10 })),
});
type Values = Record<string, string | undefined>;
const rate = (r: number | null) => (r === null ? "—" : `${r}%`);

export function registerSupervisionAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: PATH, label: "12345热线督办", action: "supervision.view" });

  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    q: { from?: string; to?: string },
    form: { problems?: ErrorDetail[]; values?: Values; status?: number; closing?: string } = {},
  ) => {
    const user = requireUser(req);
    const tree = await loadOrgTree(deps, user.siteId);
    const r = await hotlineFigures(deps, user, q);
    const csrf = reply.generateCsrf();
    const problems = form.problems ?? [];
    const issuable = tree
      .flatten(user.siteId)
      .filter((e) => mayAct(user, "supervision.manage", { site_id: user.siteId, org_id: e.org.id }, tree));
    const today = shanghaiDateOf(deps.clock.now());
    return sendAdminPage(
      deps,
      reply,
      { user, title: "12345热线督办", path: PATH, status: form.status, flash: takeFlash(req) },
      <>
        <form method="get" action={PATH} class="inline">
          <Field name="from" type="date" label="开始日期" value={r.period.from} />
          <Field name="to" type="date" label="结束日期" value={r.period.to} />
          <button type="submit">统计</button>
        </form>
        <table class="table">
          <caption safe>{`12345热线工单办理情况（${r.period.from} 至 ${r.period.to}）`}</caption>
          <thead>
            <tr>
              <th scope="col">承办单位</th>
              <th scope="col">派单</th>
              <th scope="col">已办结</th>
              <th scope="col">按时办结率</th>
              <th scope="col">超期未办</th>
              <th scope="col">回访</th>
              <th scope="col">满意率</th>
              <th scope="col">督办（办理中/合计）</th>
            </tr>
          </thead>
          <tbody>
            {r.items.length ? (
              r.items.map((f) => (
                <tr>
                  <th scope="row" safe>
                    {f.org_name}
                  </th>
                  <td safe>{String(f.dispatched)}</td>
                  <td safe>{String(f.answered)}</td>
                  <td safe>{rate(f.on_time_rate)}</td>
                  <td safe>{String(f.overdue_open)}</td>
                  <td safe>{String(f.callback)}</td>
                  <td safe>{rate(f.satisfaction_rate)}</td>
                  <td safe>{`${f.supervisions_open}/${f.supervisions_total}`}</td>
                </tr>
              ))
            ) : (
              <tr>
                <td colspan="8">本期间没有12345工单。</td>
              </tr>
            )}
          </tbody>
        </table>
        <section aria-labelledby="notices-title">
          <h2 id="notices-title">督办通知</h2>
          {r.notices.length ? (
            <ul class="notices">
              {r.notices.map((n) => (
                <li>
                  <p>
                    <strong safe>{n.subject}</strong>
                    <span
                      safe
                    >{`（${tree.get(n.org_id)?.name ?? ""}，${n.ticket_no ? `工单 ${n.ticket_no}，` : ""}期限 ${n.due_on}，${SUPERVISION_STATUS_LABELS[n.status] ?? n.status}${n.status === "open" && n.due_on < today ? "，已超期" : ""}）`}</span>
                  </p>
                  <p class="pre-wrap" safe>
                    {n.requirement}
                  </p>
                  {n.outcome ? <p safe>{`督办结果（${n.closed_on}）：${n.outcome}`}</p> : ""}
                  {n.status === "open" && mayAct(user, "supervision.manage", n, tree) ? (
                    <form method="post" action={`${PATH}/${n.id}/close`} class="stack">
                      <CsrfField token={csrf} />
                      <Field
                        name="outcome"
                        id={`outcome-${n.id}`}
                        as="select"
                        label="督办结果"
                        choices={OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))}
                        problems={form.closing === n.id ? problems : []}
                      />
                      <Field
                        name="text"
                        id={`text-${n.id}`}
                        as="textarea"
                        rows={2}
                        label="办理情况"
                        problems={form.closing === n.id ? problems : []}
                      />
                      <button type="submit">办结督办</button>
                    </form>
                  ) : (
                    ""
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p>暂无督办通知。</p>
          )}
        </section>
        {issuable.length ? (
          <form method="post" action={PATH} class="stack">
            <h2>发出督办通知</h2>
            <ErrorList problems={form.closing ? [] : problems} />
            <CsrfField token={csrf} />
            <Field
              name="org"
              as="select"
              label="被督办单位"
              choices={issuable.map((e) => ({ value: e.org.code, label: e.org.name }))}
              value={form.values?.org}
              problems={problems}
            />
            <Field
              name="ticket_no"
              label="12345工单编号（选填）"
              value={form.values?.ticket_no}
              problems={problems}
            />
            <Field name="subject" label="督办事项" value={form.values?.subject} problems={problems} />
            <Field
              name="requirement"
              as="textarea"
              rows={3}
              label="督办要求"
              value={form.values?.requirement}
              problems={problems}
            />
            <Field
              name="due_on"
              type="date"
              label="办结期限"
              value={form.values?.due_on ?? addDays(today, 5)}
              problems={problems}
            />
            <button type="submit">发出督办</button>
          </form>
        ) : (
          ""
        )}
      </>,
    );
  };

  app.get(PATH, { schema: { hide: true, querystring: Query } }, async (req, reply) =>
    page(req, reply, req.query),
  );
  app.post(PATH, { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const v = req.body as Values;
    return runFormChange(
      req,
      reply,
      async () => {
        await issueSupervision(deps, requireUser(req), v);
        return { flash: "已发出督办通知。", to: PATH };
      },
      (r) => page(req, reply, {}, { problems: r.problems, values: v, status: r.status }),
    );
  });
  app.post(
    `${PATH}/:id/close`,
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) => {
      const v = req.body as Values;
      return runFormChange(
        req,
        reply,
        async () => {
          await closeSupervision(deps, requireUser(req), req.params.id, v);
          return { flash: "已办结督办通知。", to: PATH };
        },
        (r) => page(req, reply, {}, { problems: r.problems, status: r.status, closing: req.params.id }),
      );
    },
  );
}
