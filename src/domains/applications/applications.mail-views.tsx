// Back office, on an application's page: the e-mails sent for it (the reply by e-mail), their delivery
// state, and 重新发送 for failed ones. The address is shown masked.
import { deliveryNote, type MessageView, RetryForm } from "../mail";

/** Shown to handlers only (the recipient is theirs to see, masked). */
export function MailDelivery(p: { messages: MessageView[]; csrf: string }) {
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
              <th scope="col">操作</th>
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
                <td safe>{deliveryNote(m, { showNotConfigured: true })}</td>
                <td>
                  <RetryForm message={m} csrf={p.csrf} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
