// Back office, on an application's page: the e-mails sent for it (the reply by e-mail), their delivery
// state, and 重新发送 for failed ones. The address is shown masked.
import { formatShanghai } from "../../platform/time";
import { CsrfField } from "../../web/views/layout";
import type { MessageView } from "../mail";

export function MailDelivery(p: { messages: MessageView[]; csrf: string; handles: boolean }) {
  if (p.messages.length === 0) return "";
  return (
    <section aria-labelledby="mail-title">
      <h2 id="mail-title">电子邮件送达</h2>
      <div class="table-scroll" tabindex="0" role="region" aria-label="电子邮件送达">
        <table class="mail-delivery">
          <caption class="visually-hidden">电子邮件送达</caption>
          <thead>
            <tr>
              <th scope="col">邮件</th>
              <th scope="col">收件人</th>
              <th scope="col">状态</th>
              <th scope="col">尝试次数</th>
              <th scope="col">说明</th>
              {p.handles ? <th scope="col">操作</th> : ""}
            </tr>
          </thead>
          <tbody>
            {p.messages.map((m) => (
              <tr data-mail-state={m.state}>
                <td safe>{m.subject}</td>
                <td class="mono" safe>
                  {m.recipient}
                </td>
                <td safe>{m.state_label}</td>
                <td safe>{`${m.attempts} / ${m.max_attempts}`}</td>
                <td safe>
                  {m.sent_at
                    ? `发送于 ${formatShanghai(m.sent_at)}`
                    : [
                        m.last_error ?? "",
                        m.next_attempt_at && m.state === "retrying"
                          ? `下次尝试：${formatShanghai(m.next_attempt_at)}`
                          : "",
                      ]
                        .filter(Boolean)
                        .join("；")}
                </td>
                {p.handles ? (
                  <td>
                    {m.status === "failed" ? (
                      <form method="post" action={`/admin/mail/${m.id}/retry`} class="inline">
                        <CsrfField token={p.csrf} />
                        <button type="submit" class="link-button">
                          重新发送
                        </button>
                      </form>
                    ) : (
                      ""
                    )}
                  </td>
                ) : (
                  ""
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
