// Back office 发信箱 (/admin/mail): every outgoing message with its delivery state (未配置邮件服务 when no
// SMTP server is set), filtered by status, with 重新发送 for failed ones. Recipients are masked.
import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { formatShanghai } from "../../platform/time";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { addAdminNav, Flash, takeFlash } from "../../web/views/admin-layout";
import { listOutbox, type MessageView, retryMessage, STATUS_LABELS } from "./mail.outbox";
import { isMailConfigured, MAIL_STATUSES, NOT_CONFIGURED } from "./mail.service";
import type { MailStatus } from "./mail.tables";
import { deliveryNote, RetryForm } from "./mail.views";

const KIND_LABELS: Record<string, string> = {
  application_reply: "申请答复",
  handler_reminder: "待办提醒",
  message_reminder: "留言待办提醒",
  consultation_report_reminder: "征求意见反馈报告提醒",
  integrity_alert: "防篡改告警",
};

function OutboxTable(p: { items: MessageView[]; csrf: string }) {
  if (p.items.length === 0) return <p>没有邮件。</p>;
  return (
    <div class="table-scroll" tabindex="0" role="region" aria-label="发信箱">
      <table class="mail-outbox">
        <caption class="visually-hidden">发信箱</caption>
        <thead>
          <tr>
            <th scope="col">生成时间</th>
            <th scope="col">类别</th>
            <th scope="col">邮件</th>
            <th scope="col">收件人</th>
            <th scope="col">状态</th>
            <th scope="col">尝试次数</th>
            <th scope="col">说明</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {p.items.map((m) => (
            <tr data-mail-state={m.state}>
              <td class="mono" safe>
                {formatShanghai(m.created_at)}
              </td>
              <td safe>{KIND_LABELS[m.kind] ?? m.kind}</td>
              <td>
                {m.entity_type === "application" && m.entity_id ? (
                  <a href={`/admin/applications/${encodeURIComponent(m.entity_id)}`} safe>
                    {m.subject}
                  </a>
                ) : (
                  <span safe>{m.subject}</span>
                )}
              </td>
              <td class="mono" safe>
                {m.recipient}
              </td>
              <td safe>{m.state_label}</td>
              <td safe>{`${m.attempts} / ${m.max_attempts}`}</td>
              <td safe>{deliveryNote(m, { showNotConfigured: false })}</td>
              <td>
                <RetryForm message={m} csrf={p.csrf} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function registerMailAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: "/admin/mail", label: "发信箱", action: "application.handle" });

  app.get(
    "/admin/mail",
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          status: Type.Optional(Type.Union(MAIL_STATUSES.map((s) => Type.Literal(s)))),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const status = req.query.status as MailStatus | undefined;
      const items = await listOutbox(deps, user, { status, limit: 200 });
      const tab = (s: MailStatus | undefined, label: string) => (
        <li>
          <a
            href={s ? `/admin/mail?status=${s}` : "/admin/mail"}
            aria-current={s === status ? "page" : undefined}
            safe
          >
            {label}
          </a>
        </li>
      );
      return sendAdminPage(
        deps,
        reply,
        { user, title: "发信箱", path: "/admin/mail" },
        <>
          <Flash text={takeFlash(req)} />
          {isMailConfigured(deps) ? (
            ""
          ) : (
            <p class="notice warn" role="status">
              {NOT_CONFIGURED}
            </p>
          )}
          <nav aria-label="按状态筛选" class="tabs">
            <ul>
              {tab(undefined, "全部")}
              {MAIL_STATUSES.map((s) => tab(s, STATUS_LABELS[s]))}
            </ul>
          </nav>
          <OutboxTable items={items} csrf={reply.generateCsrf()} />
        </>,
      );
    },
  );

  app.post(
    "/admin/mail/:id/retry",
    {
      schema: {
        hide: true,
        params: Type.Object({ id: Type.String({ maxLength: 40 }) }),
        body: Type.Object({ _csrf: Type.Optional(Type.String()) }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const view = await retryMessage(deps, user, req.params.id);
      req.session.set("flash", `已重新排队发送：${view.subject}`);
      const back =
        view.entity_type === "application" && view.entity_id
          ? `/admin/applications/${encodeURIComponent(view.entity_id)}`
          : "/admin/mail";
      return reply.redirect(back, 303);
    },
  );
}
