// The account page's 提醒邮箱 section: each account's work e-mail for reminders, editable by those who
// manage the account. POST /admin/users/:id/email.
import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { sendAdminPage } from "../../web/admin-page";
import { authorize, requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import { loadOrgTree, type OrgTree } from "../orgs";
import { setUserEmail } from "./accounts.email";
import { can } from "./accounts.policy";
import { actorOf, type CurrentUser, getUserRow } from "./accounts.service";

/** The id of an account's e-mail field (the error summary links to it). */
const emailFieldId = (id: string) => `email-${id}`;

function EmailForm(p: {
  id: string;
  username: string;
  value: string;
  csrf: string;
  problems?: readonly ErrorDetail[];
}) {
  const field = emailFieldId(p.id);
  return (
    <form method="post" action={`/admin/users/${p.id}/email`} class="inline">
      <CsrfField token={p.csrf} />
      <Field
        id={field}
        name="email"
        field={field}
        type="email"
        label={`${p.username} 的提醒邮箱`}
        labelHidden
        value={p.value}
        autocomplete="off"
        maxlength={254}
        problems={p.problems}
      />{" "}
      <button type="submit" class="link-button">
        保存
      </button>
    </form>
  );
}

export function UserEmails(p: {
  rows: Array<{ id: string; username: string; name: string; org_id: string }>;
  emails: Map<string, string>;
  tree: OrgTree;
  viewer: CurrentUser;
  csrf: string;
}) {
  return (
    <section aria-labelledby="user-email-title">
      <h2 id="user-email-title">提醒邮箱</h2>
      <p class="hint">
        依申请公开事项临近或超过期限时，系统每个工作日上午向承办人（未分办的向政务公开办人员）发送待办提醒邮件。留空则不发送。
      </p>
      <div class="table-scroll" tabindex="0" role="region" aria-label="提醒邮箱">
        <table>
          <caption class="visually-hidden">提醒邮箱</caption>
          <thead>
            <tr>
              <th scope="col">用户名</th>
              <th scope="col">姓名</th>
              <th scope="col">提醒邮箱</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((u) => (
              <tr>
                <td class="mono" safe>
                  {u.username}
                </td>
                <td safe>{u.name}</td>
                <td>
                  {can(p.viewer, "user.manage", u.org_id, p.tree) ? (
                    <EmailForm
                      id={u.id}
                      username={u.username}
                      value={p.emails.get(u.id) ?? ""}
                      csrf={p.csrf}
                    />
                  ) : (
                    <span safe>{p.emails.get(u.id) ?? "未填写"}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function registerUserEmailAdmin(app: AppInstance, deps: Deps): void {
  app.post(
    "/admin/users/:id/email",
    {
      schema: {
        hide: true,
        params: Type.Object({ id: Type.String({ maxLength: 40 }) }),
        body: Type.Object({ email: Type.String({ maxLength: 300 }), _csrf: Type.Optional(Type.String()) }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const target = await getUserRow(deps, req.params.id);
      if (!target) throw new AppError("user_not_found", 404, "用户不存在。");
      authorize(user, "user.manage", target.org_id, await loadOrgTree(deps, user.siteId));
      try {
        const email = await setUserEmail(deps, actorOf(user), target.id, req.body.email);
        req.session.set(
          "flash",
          email ? `已保存 ${target.username} 的提醒邮箱。` : `已清除 ${target.username} 的提醒邮箱。`,
        );
        return reply.redirect("/admin/users", 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status !== 400) throw e;
        // The form's one field is the e-mail: every problem is its own.
        const problems = (e.details.length ? e.details : [{ code: e.code, message: e.message }]).map((d) => ({
          ...d,
          field: emailFieldId(target.id),
        }));
        return sendAdminPage(
          deps,
          reply,
          { user, title: "提醒邮箱", path: "/admin/users", status: 400 },
          <>
            <ErrorSummary title={e.message} problems={problems} />
            <p>
              <a href="/admin/users">返回账户管理</a>
            </p>
            <EmailForm
              id={target.id}
              username={target.username}
              value={req.body.email}
              csrf={reply.generateCsrf()}
              problems={problems}
            />
          </>,
        );
      }
    },
  );
}
