// The back office of messages (互动交流): the list (status, type, organisation, overdue; paged), the office's
// entry form for calls, letters and visits, the detail page with the steps the table offers this user, and the
// error-report statistics. Every form posts to a service function and redirects (303); the back-office hook
// checks the login and the CSRF token; interaction.policy.ts decides what each user sees (404 otherwise).

import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { pageRequest } from "../../platform/paging";
import { shanghaiDateOf } from "../../platform/time";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import { lengthProblems } from "../../web/form-limits";
import type { AppInstance } from "../../web/types";
import { addAdminNav, takeFlash } from "../../web/views/admin-layout";
import { ADMIN_PAGER_TEXT, CursorPager, pagerParams } from "../../web/views/cursor-pager";
import { type CurrentUser, canAny } from "../accounts";
import { loadOrgTree } from "../orgs";
import { ALL_TYPES, CHANNELS, MessageActionBody, STAFF_ACTIONS, STATUSES } from "./interaction.schemas";
import { registerMessageStats } from "./messages.admin-stats";
import {
  ActionForms,
  ClockBlock,
  type FormValues,
  type ListFilters,
  listQuery,
  MessageFacts,
  MessageFilters,
  MessageTable,
  MessageTexts,
  OfficeEntryForm,
  StepList,
} from "./messages.admin-views";
import { createMessage } from "./messages.service";
import { getMessageForStaff, PAGE_SIZE, pageMessagesForStaff, transferTargets } from "./messages.staff";
import { registerMessageStatisticsPages } from "./messages.statistics.pages";
import { messageInputOf, problemsOf } from "./messages.views";
import { actOnMessage } from "./messages.workflow";

const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const ListQueryString = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 40 })),
  status: Type.Optional(Type.String({ maxLength: 20 })),
  type: Type.Optional(Type.String({ maxLength: 20 })),
  org: Type.Optional(Type.String({ maxLength: 50 })),
  overdue: Type.Optional(Type.String({ maxLength: 1 })),
  channel: Type.Optional(Type.String({ maxLength: 20 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
  cursor: Type.Optional(Type.String({ maxLength: 300 })),
});
// Generous: each field's own limit is the API's, named on the form with the text kept.
const FormBody = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 50_000 }));

/** The form's strings, without the CSRF token. */
const formValues = (body: Record<string, unknown>): FormValues => {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") out[k] = v;
  return out;
};

/** Sees the messages pages at all: the office, the inspectors, and departments' clerks. */
export const seesMessages = (user: CurrentUser) =>
  canAny(user, "message.view") || canAny(user, "message.manage") || canAny(user, "message.handle");

/** A step's form as the workflow's input: empty fields absent. */
function actionInput(v: FormValues) {
  const out: Record<string, string> = { action: v.action ?? "" };
  for (const f of ["reason", "duplicate_of", "org", "body", "note"] as const) {
    const x = v[f]?.trim();
    if (x) out[f] = x;
  }
  return out;
}

const ACTION_FIELDS = new Set(["reason", "duplicate_of", "org", "body", "note"]);
const ACTION_LABELS = { reason: "理由", duplicate_of: "重复留言的查询码", body: "答复内容", note: "备注" };

export function registerMessageAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: "/admin/messages", label: "互动交流", action: "message.view", when: seesMessages });
  const today = () => shanghaiDateOf(deps.clock.now());

  app.get("/admin/messages", { schema: { hide: true, querystring: ListQueryString } }, async (req, reply) => {
    const user = requireUser(req);
    const q = req.query;
    const f: ListFilters = {
      code: q.code?.trim() || undefined,
      status: (STATUSES as readonly string[]).includes(q.status ?? "") ? q.status : undefined,
      type: (ALL_TYPES as readonly string[]).includes(q.type ?? "") ? q.type : undefined,
      org: q.org || undefined,
      overdue: q.overdue === "1" ? "1" : undefined,
      channel: (CHANNELS as readonly string[]).includes(q.channel ?? "") ? q.channel : undefined,
    };
    const pageReq = pageRequest(q, PAGE_SIZE);
    const list = await pageMessagesForStaff(
      deps,
      user,
      {
        trackingCode: f.code,
        status: f.status,
        type: f.type,
        org: f.org,
        overdue: f.overdue === "1",
        channel: f.channel,
      },
      pageReq,
    );
    const tree = await loadOrgTree(deps, user.siteId);
    const orgs = tree.flatten(user.siteId).map(({ org }) => ({ code: org.code, name: org.name }));
    const office = canAny(user, "message.manage");
    return sendAdminPage(
      deps,
      reply,
      { user, title: "互动交流", path: "/admin/messages", flash: takeFlash(req) },
      <>
        {office ? (
          <p class="actions">
            <a class="button" href="/admin/messages/new">
              登记来电、来信或来访留言
            </a>{" "}
            <a href="/admin/messages/stats">网站纠错统计</a>
          </p>
        ) : (
          ""
        )}
        <p>
          <a href="/admin/messages/statistics">互动交流统计</a>
        </p>
        <MessageFilters f={f} orgs={orgs} />
        <p class="meta" safe>{`共 ${list.total.n} 条${list.total.capped ? "以上" : ""}`}</p>
        <MessageTable items={list.rows} />
        <CursorPager
          page={list.page}
          size={PAGE_SIZE}
          next={list.next}
          prev={list.prev}
          total={list.total}
          href={(to) => {
            const base = listQuery(f);
            const more = new URLSearchParams(pagerParams(to)).toString();
            return `/admin/messages${base}${more ? `${base ? "&" : "?"}${more}` : ""}`;
          }}
          text={ADMIN_PAGER_TEXT}
        />
      </>,
    );
  });

  const entryPage = (
    user: CurrentUser,
    reply: FastifyReply,
    values: FormValues,
    problems: ErrorDetail[],
    status = 200,
  ) =>
    sendAdminPage(
      deps,
      reply,
      { user, title: "登记留言", path: "/admin/messages", status },
      <OfficeEntryForm csrf={reply.generateCsrf()} today={today()} values={values} problems={problems} />,
    );

  app.get("/admin/messages/new", { schema: { hide: true } }, async (req, reply) => {
    const user = requireUser(req);
    if (!canAny(user, "message.manage"))
      throw new AppError("role_not_allowed", 403, "只有政务公开办工作人员可以登记来电、来信和来访留言。");
    return entryPage(user, reply, {}, []);
  });

  app.post("/admin/messages/new", { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const user = requireUser(req);
    const v = formValues(req.body);
    try {
      const made = await createMessage(
        deps,
        {
          ...messageInputOf(v),
          channel: (v.channel || undefined) as never,
          on: v.on?.trim() || undefined,
        },
        { user },
      );
      req.session.set(
        "flash",
        `已登记留言。查询码：${made.tracking_code}，查询密码：${made.secret}。密码只显示这一次，请告知留言人（可凭查询码和密码在网上查询办理进度和答复）。`,
      );
      return reply.redirect(`/admin/messages/${made.id}`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 403) throw e;
      return entryPage(user, reply, v, problemsOf(e), e.status);
    }
  });

  const detail = async (
    req: FastifyRequest,
    reply: FastifyReply,
    user: CurrentUser,
    id: string,
    submitted?: { action: string; values: FormValues; problems: ErrorDetail[] },
    status = 200,
  ) => {
    const m = await getMessageForStaff(deps, user, id);
    const targets = m.actions.includes("transfer") ? await transferTargets(deps, user) : [];
    return sendAdminPage(
      deps,
      reply,
      { user, title: `留言 ${m.tracking_code}`, path: "/admin/messages", status, flash: takeFlash(req) },
      <>
        <p>
          <a href="/admin/messages">返回留言列表</a>
        </p>
        <MessageFacts m={m} />
        <MessageTexts m={m} />
        <ActionForms
          m={m}
          csrf={reply.generateCsrf()}
          today={today()}
          targets={targets}
          submitted={submitted}
        />
        <ClockBlock m={m} />
        <StepList m={m} />
      </>,
    );
  };

  app.get("/admin/messages/:id", { schema: { hide: true, params: IdParams } }, async (req, reply) =>
    detail(req, reply, requireUser(req), req.params.id),
  );

  app.post(
    "/admin/messages/:id/actions",
    { schema: { hide: true, params: IdParams, body: FormBody } },
    async (req, reply) => {
      const user = requireUser(req);
      const id = req.params.id;
      const v = formValues(req.body);
      const action = (STAFF_ACTIONS as readonly string[]).includes(v.action ?? "") ? v.action! : "";
      try {
        if (!action)
          throw new AppError("validation_failed", 400, "请选择操作。", [
            { field: "action", code: "invalid_action", message: "请选择要执行的操作。" },
          ]);
        // The API's limits (MessageActionBody), named on the form with the text kept.
        const long = lengthProblems(MessageActionBody, v, ACTION_LABELS);
        if (long.length) throw new AppError("validation_failed", 400, "未能办理，请修改。", long);
        await actOnMessage(deps, user, id, actionInput(v) as never);
        req.session.set("flash", "已办理。");
        return reply.redirect(`/admin/messages/${id}`, 303);
      } catch (e) {
        // 404 (a row the user may not see) and 403 go to the error page; other refusals re-render the form.
        if (!(e instanceof AppError) || e.status >= 500 || e.status === 404 || e.status === 403) throw e;
        const problems = problemsOf(e).map((d) => ({
          ...d,
          field: d.field && ACTION_FIELDS.has(d.field) ? `${action}-${d.field}` : `${action}-submit`,
        }));
        return detail(req, reply, user, id, { action, values: v, problems }, e.status);
      }
    },
  );

  registerMessageStats(app, deps);
  registerMessageStatisticsPages(app, deps);
}
