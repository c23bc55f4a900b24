import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface TestSmtp {
  url: string;
  /** Every message accepted, parsed. */
  received: ParsedMail[];
  /** Every RCPT TO address offered, accepted or not. */
  rcpt: string[];
  /**
   * When set, awaited after a message's data arrived and before the server answers it: a test can hold a
   * delivery in flight (a slow server) and do something meanwhile.
   */
  beforeAccept: ((recipients: string[]) => Promise<void>) | null;
  close(): Promise<void>;
}

/**
 * A real SMTP server on an ephemeral port of 127.0.0.1, without TLS or AUTH. Recipients whose address
 * starts with `bounce` are refused at RCPT with 550, as a mailbox that does not exist.
 */
export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  const rcpt: string[] = [];
  const handle = { beforeAccept: null } as Pick<TestSmtp, "beforeAccept">;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, cb) {
      rcpt.push(address.address);
      if (address.address.startsWith("bounce")) {
        const err = Object.assign(
          new Error(`<${address.address}>: Recipient address rejected: no such user`),
          {
            responseCode: 550,
          },
        );
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then(async (m) => {
          await handle.beforeAccept?.(session.envelope.rcptTo.map((a) => a.address));
          return m;
        })
        .then(
          (m) => {
            received.push(m);
            cb();
          },
          (e: Error) => cb(e),
        );
    },
  });
  await new Promise<void>((res) => server.listen(0, "127.0.0.1", () => res()));
  const port = (server.server.address() as AddressInfo).port;
  return Object.assign(handle, {
    url: `smtp://127.0.0.1:${port}`,
    received,
    rcpt,
    close: () => new Promise<void>((res) => server.close(() => res())),
  });
}

/** The addresses a parsed message was sent to. */
export const recipientsOf = (m: ParsedMail): string[] =>
  ([] as Array<{ value: Array<{ address?: string }> }>)
    .concat((m.to as never) ?? [])
    .flatMap((a) => a.value.map((v) => v.address ?? ""));
