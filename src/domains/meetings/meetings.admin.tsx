// Back office: /admin/meetings (list), /new (a notice prepared as a draft), /{id} (detail: the notice, the edit
// form while a draft, the actions of the step table, the applications to attend with their decisions). Forms
// POST and redirect (303); a refused form re-renders the page with every problem. The layout shows each page's
// title as its heading. Sign-in and CSRF: the back-office hook (web/auth.ts).
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { pageRequest } from "../../platform/paging";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import { recordFormChange, runFormChange } from "../../web/form-problems";
import type { AppInstance } from "../../web/types";
import { addAdminNav, takeFlash } from "../../web/views/admin-layout";
import { ADMIN_PAGER_TEXT, CursorPager, pagerParams } from "../../web/views/cursor-pager";
import { ErrorList } from "../../web/views/error-list";
import type { Choice } from "../../web/views/fields";
import type { CurrentUser } from "../accounts";
import { loadOrgTree, type OrgTree } from "../orgs";
import {
  AttendanceTable,
  inputOfForm,
  MeetingForm,
  StepForms,
  type Values,
  valuesOf,
} from "./meetings.admin-views";
import { decideAttendance, listAttendanceForStaff } from "./meetings.attendance";
import { mayActOnMeeting } from "./meetings.policy";
import { meetingUrl, pageOf, whenOf } from "./meetings.present";
import { agendaOf } from "./meetings.repo";
import { createMeeting, listForStaff, offeredSteps, performStep, updateMeeting } from "./meetings.service";
import { KIND_LABELS, STATUS_LABELS, type StepAction } from "./meetings.steps";

const Params = Type.Object({ id: Type.String({ maxLength: 40 }) });
const FormBody = Type.Record(Type.String({ maxLength: 80 }), Type.String({ maxLength: 50_000 }));

const PER_PAGE = 20;
const adminUrl = (id: string) => `/admin/meetings/${id}`;

/** The organisations the user may organise a meeting for. */
const orgChoices = (user: CurrentUser, tree: OrgTree): Choice[] =>
  tree
    .flatten(user.siteId)
    .filter((e) => mayActOnMeeting(user, "meeting.manage", { site_id: user.siteId, org_id: e.org.id }, tree))
    .map((e) => ({ value: e.org.code, label: e.org.name }));

export function registerMeetingAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: "/admin/meetings", label: "政府会议", action: "meeting.view" });

  app.get(
    "/admin/meetings",
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          page: Type.Optional(Type.String({ maxLength: 6 })),
          cursor: Type.Optional(Type.String({ maxLength: 300 })),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const pageReq = pageRequest({ page: pageOf(req.query.page), cursor: req.query.cursor }, PER_PAGE);
      const { found, total } = await listForStaff(deps, user, pageReq);
      const rows = found.rows;
      return sendAdminPage(
        deps,
        reply,
        { user, title: "政府会议", path: "/admin/meetings", flash: takeFlash(req) },
        <>
          <p>
            <a href="/admin/meetings/new">发布会议预告</a>
          </p>
          {rows.length === 0 ? (
            <p>暂无会议。</p>
          ) : (
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">会议名称</th>
                  <th scope="col">类型</th>
                  <th scope="col">会议时间</th>
                  <th scope="col">状态</th>
                  <th scope="col">列席申请</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <td>
                      <a href={adminUrl(r.id)} safe>
                        {r.title}
                      </a>
                    </td>
                    <td safe>{KIND_LABELS[r.kind]}</td>
                    <td safe>{whenOf(r.starts_at)}</td>
                    <td safe>{STATUS_LABELS[r.status]}</td>
                    <td safe>{`${r.application_count} 份，已同意 ${r.approved_count}/${r.seats}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p class="meta" safe>{`共 ${total.n} 个${total.capped ? "以上" : ""}`}</p>
          <CursorPager
            page={found.page}
            size={PER_PAGE}
            next={found.next}
            prev={found.prev}
            total={total}
            href={(to) =>
              `/admin/meetings${to.page || to.cursor ? `?${new URLSearchParams(pagerParams(to))}` : ""}`
            }
            text={ADMIN_PAGER_TEXT}
          />
        </>,
      );
    },
  );

  const newForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    problems: ErrorDetail[],
    status = 200,
  ) => {
    const user = requireUser(req);
    const tree = await loadOrgTree(deps, user.siteId);
    const orgs = orgChoices(user, tree);
    return sendAdminPage(
      deps,
      reply,
      { user, title: "发布会议预告", path: "/admin/meetings", status },
      <MeetingForm
        action="/admin/meetings/new"
        submit="保存草稿"
        csrf={reply.generateCsrf()}
        values={{ org: tree.get(user.orgId)?.code, ...values }}
        orgs={orgs}
        problems={problems}
      />,
    );
  };

  app.get("/admin/meetings/new", { schema: { hide: true } }, async (req, reply) =>
    newForm(req, reply, {}, []),
  );

  app.post("/admin/meetings/new", { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const user = requireUser(req);
    const v = req.body as Values;
    return runFormChange(
      req,
      reply,
      async () => {
        const row = await createMeeting(deps, user, inputOfForm(v));
        return { flash: "已保存会议预告草稿。", to: adminUrl(row.id) };
      },
      (r) => newForm(req, reply, v, r.problems, r.status),
    );
  });

  const detail = async (
    req: FastifyRequest,
    reply: FastifyReply,
    user: CurrentUser,
    id: string,
    form: { problems: ErrorDetail[]; status?: number; values?: Values } = { problems: [] },
  ) => {
    const { row, items } = await listAttendanceForStaff(deps, user, id);
    const tree = await loadOrgTree(deps, user.siteId);
    const actions: StepAction[] = offeredSteps(user, row, tree);
    const mayManage = mayActOnMeeting(user, "meeting.manage", row, tree);
    const mayDecide =
      mayActOnMeeting(user, "meeting.decide", row, tree) &&
      (row.status === "announced" || row.status === "applications_closed");
    const csrf = reply.generateCsrf();
    const org = tree.get(row.org_id);
    return sendAdminPage(
      deps,
      reply,
      { user, title: row.title, path: "/admin/meetings", status: form.status, flash: takeFlash(req) },
      <>
        {form.problems.length > 0 && form.values?.title === undefined ? (
          <ErrorList problems={form.problems} />
        ) : (
          ""
        )}
        <dl class="meta-table">
          <dt>状态</dt>
          <dd safe>{STATUS_LABELS[row.status]}</dd>
          <dt>会议类型</dt>
          <dd safe>{KIND_LABELS[row.kind]}</dd>
          <dt>组织单位</dt>
          <dd safe>{org?.name ?? ""}</dd>
          <dt>会议时间</dt>
          <dd safe>{whenOf(row.starts_at)}</dd>
          <dt>会议地点</dt>
          <dd safe>{row.place}</dd>
          <dt>列席报名</dt>
          <dd
            safe
          >{`${row.apply_opens_on} 至 ${row.apply_closes_on}；名额 ${row.seats} 个，已收到 ${row.application_count} 份，已同意 ${row.approved_count} 人`}</dd>
          {row.stream_url ? (
            <>
              <dt>网络直播</dt>
              <dd safe>{row.stream_url}</dd>
            </>
          ) : (
            ""
          )}
          {row.cancel_reason ? (
            <>
              <dt>取消原因</dt>
              <dd safe>{row.cancel_reason}</dd>
            </>
          ) : (
            ""
          )}
          {row.announced_at ? (
            <>
              <dt>公开页面</dt>
              <dd>
                <a href={meetingUrl(row.id)} safe>
                  {meetingUrl(row.id)}
                </a>
              </dd>
            </>
          ) : (
            ""
          )}
          <dt>蒙古文版本</dt>
          <dd>
            <a href={`/admin/meetings/${row.id}/mn`}>蒙古文会议公告（起草、审核）</a>
          </dd>
        </dl>
        <section aria-labelledby="agenda-title">
          <h2 id="agenda-title">会议议题</h2>
          <ol>
            {agendaOf(row).map((a) => (
              <li safe>
                {a.topic +
                  (a.item_id ? `（相关信息：${a.item_id}）` : "") +
                  (a.consultation_id ? `（相关征求意见：${a.consultation_id}）` : "")}
              </li>
            ))}
          </ol>
        </section>
        <StepForms
          id={row.id}
          csrf={csrf}
          actions={actions}
          problems={form.values?.title !== undefined ? [] : form.problems}
        />
        {row.minutes ? (
          <section aria-labelledby="minutes-title">
            <h2 id="minutes-title">会议纪要和决定</h2>
            <p class="pre-wrap" safe>
              {row.minutes}
            </p>
            {row.decision_item_id ? (
              <p>
                决定文件：
                <a href={`/admin/items/${row.decision_item_id}`} safe>
                  {row.decision_item_id}
                </a>
              </p>
            ) : (
              ""
            )}
          </section>
        ) : (
          ""
        )}
        {row.announced_at ? (
          <AttendanceTable
            id={row.id}
            csrf={csrf}
            items={items}
            mayDecide={mayDecide}
            problems={form.problems}
          />
        ) : (
          ""
        )}
        {row.status === "draft" && mayManage ? (
          <section aria-labelledby="edit-title">
            <h2 id="edit-title">修改会议信息</h2>
            <MeetingForm
              action={`/admin/meetings/${row.id}/edit`}
              submit="保存修改"
              csrf={csrf}
              values={form.values?.title !== undefined ? form.values : valuesOf(row, org?.code ?? "")}
              orgs={orgChoices(user, tree)}
              problems={form.values?.title !== undefined ? form.problems : []}
            />
          </section>
        ) : (
          ""
        )}
      </>,
    );
  };

  app.get("/admin/meetings/:id", { schema: { hide: true, params: Params } }, async (req, reply) =>
    detail(req, reply, requireUser(req), req.params.id),
  );

  /** Runs a form's change; success: 303 back to the page with a flash; a fixable refusal: the page again. */
  const change = recordFormChange(adminUrl, detail);

  app.post(
    "/admin/meetings/:id/edit",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      change(req, reply, async (user) => {
        await updateMeeting(deps, user, req.params.id, inputOfForm(req.body as Values));
        return "已保存会议信息。";
      }),
  );

  app.post(
    "/admin/meetings/:id/actions",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      change(req, reply, async (user) => {
        const v = req.body as Values;
        const row = await performStep(deps, user, req.params.id, {
          action: (v.action ?? "") as StepAction,
          reason: v.reason,
          minutes: v.minutes,
          decision_item_id: v.decision_item_id,
        });
        return `已办理，当前状态：${STATUS_LABELS[row.status]}。`;
      }),
  );

  app.post(
    "/admin/meetings/:id/attendance/:aid",
    {
      schema: {
        hide: true,
        params: Type.Object({ id: Type.String({ maxLength: 40 }), aid: Type.String({ maxLength: 40 }) }),
        body: FormBody,
      },
    },
    async (req, reply) =>
      change(req, reply, async (user) => {
        const v = req.body as Values;
        const aid = req.params.aid;
        const a = await decideAttendance(deps, user, req.params.id, aid, {
          decision: v.decision ?? "",
          reason: v.reason,
        }).catch((e: unknown) => {
          // The page holds one decision form per application and the meeting's own forms (whose cancel
          // reason is also `reason`): a problem is shown with the fields of the application it concerns.
          if (!(e instanceof AppError) || !e.details.length) throw e;
          const own = (f?: string) => (f === "reason" || f === "decision" ? `${f}-${aid}` : f);
          throw new AppError(
            e.code,
            e.status,
            e.message,
            e.details.map((d) => ({ ...d, field: own(d.field) })),
          );
        });
        return `列席申请 ${a.tracking_code} 已${a.status === "approved" ? "同意" : "不同意"}。`;
      }),
  );
}
