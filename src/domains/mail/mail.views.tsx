// The cells a message's row shows wherever it is listed: the outbox (/admin/mail) and an application's page.
import { formatShanghai } from "../../platform/time";
import { CsrfField } from "../../web/views/layout";
import type { MessageView } from "./mail.outbox";

/** 发送于…, or why it has not gone and when it is tried next. */
export function deliveryNote(m: MessageView, opts: { showNotConfigured: boolean }): string {
  if (m.sent_at) return `发送于 ${formatShanghai(m.sent_at)}`;
  return [
    m.state === "not_configured" && !opts.showNotConfigured ? "" : (m.last_error ?? ""),
    m.next_attempt_at && m.state === "retrying" ? `下次尝试：${formatShanghai(m.next_attempt_at)}` : "",
  ]
    .filter(Boolean)
    .join("；");
}

/** 重新发送, for a failed message only. */
export function RetryForm(p: { message: MessageView; csrf: string }) {
  if (p.message.status !== "failed") return "";
  return (
    <form method="post" action={`/admin/mail/${p.message.id}/retry`} class="inline">
      <CsrfField token={p.csrf} />
      <button type="submit" class="link-button">
        重新发送
      </button>
    </form>
  );
}
