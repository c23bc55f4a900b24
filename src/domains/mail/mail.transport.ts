// SMTP delivery with nodemailer. One transport per SMTP URL; the URL (it may hold a password) is never
// logged or stored, and error texts are scrubbed of addresses before they reach the database.
import type { Transporter } from "nodemailer";
import type { Config } from "../../config";

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  attachments: Array<{ filename: string; contentType: string; content: Buffer }>;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

const transports = new Map<string, MailTransport>();

/** The transport of the configured SMTP server, or null when none is configured (mail then waits). */
export function transportFor(config: Pick<Config, "smtpUrl" | "mailFrom">): MailTransport | null {
  if (!config.smtpUrl || !config.mailFrom) return null;
  let t = transports.get(config.smtpUrl);
  if (!t) {
    const url = config.smtpUrl;
    // nodemailer is imported on the first mail, not at every start (bench/startup.ts). Timeouts short enough that
    // a dead server never holds a worker pass for long.
    let mailer: Transporter | undefined;
    const open = async () => {
      const { createTransport } = await import("nodemailer");
      mailer ??= createTransport({
        url,
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 60_000,
      });
      return mailer;
    };
    t = {
      async send(m) {
        const info = await (await open()).sendMail({
          from: m.from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          attachments: m.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: a.content,
          })),
        });
        return { messageId: String(info.messageId ?? "") };
      },
      close: () => mailer?.close(),
    };
    transports.set(config.smtpUrl, t);
  }
  return t;
}

/** Closes every open SMTP transport (on shutdown). */
export function closeTransports(): void {
  for (const t of transports.values()) t.close();
  transports.clear();
}

const EMAIL_LIKE = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g;

/** A storable, address-free description of a delivery error (SMTP answers quote the recipient). */
export function describeSendError(e: unknown): string {
  const err = e as { code?: string; responseCode?: number; response?: string; message?: string };
  const text = (err.response || err.message || String(e)).replace(EMAIL_LIKE, "[收件人]");
  const parts = [err.code, err.responseCode ? String(err.responseCode) : undefined, text].filter(Boolean);
  return parts.join(" ").replace(/\s+/g, " ").slice(0, 500);
}
