// Reply delivery by e-mail (答复书以电子邮件送达): when an application that chose `email` delivery is
// replied to, the reply letter (PDF) and the released documents' de-identified text are rendered and
// stored (encrypted) before the reply's transaction, and the message is queued inside it, with a public
// step saying so; when the transaction fails, the caller discards what was stored. The mail worker sends it; when it is sent (or finally fails) another public step tells the
// applicant on the status page. The address itself never appears in steps, audit entries or logs.
import type { Actor, Deps, Executor } from "../../deps";
import { systemActor } from "../../deps";
import { decryptField } from "../../platform/crypto";
import { shanghaiDateOf } from "../../platform/time";
import {
  discardAttachments,
  enqueueMail,
  isSingleAddress,
  registerMailHooks,
  type StoredAttachment,
  storeAttachment,
} from "../mail";
import { letterheadFor, renderApplicationLetter } from "./applications.letters";
import type { ApplicationRow } from "./applications.repo";
import { insertStepRow } from "./applications.service";
import * as documents from "./documents/documents.repo";
import { maskedCopyOf, RELEASING_OUTCOMES } from "./documents/documents.service";
import { isReplyOutcome, OUTCOME_LABELS } from "./letters/letter.index";

export const REPLY_MAIL_KIND = "application_reply";

export const REPLY_MAIL_TEXT = {
  queued: "答复书将通过电子邮件发送至申请时预留的电子邮箱。",
  sent: "答复书已通过电子邮件发送至申请时预留的电子邮箱，请注意查收（也可在本页下载）。",
  failed: "答复书电子邮件未能成功发送，请在本页下载答复书；我们将核实邮箱后重新发送。",
} as const;

export interface PreparedReplyMail {
  siteId: string;
  to: string;
  subject: string;
  text: string;
  attachments: StoredAttachment[];
  /** Deletes the stored attachments: call it when the reply's transaction fails (nothing was queued). Never throws. */
  discard(): Promise<void>;
}

const outcomeLabel = (outcome: string | null) =>
  outcome ? ((OUTCOME_LABELS as Record<string, string>)[outcome] ?? outcome) : "";

/**
 * Renders and stores what the reply e-mail carries. `replied` is the application as it will be after the
 * reply (status replied, outcome, replied_on). Null when the applicant did not choose e-mail or gave none.
 * Call before the reply's transaction: it reads the database and renders a PDF. If that transaction
 * fails, call `discard()`.
 */
export async function prepareReplyMail(
  deps: Deps,
  replied: ApplicationRow,
): Promise<PreparedReplyMail | null> {
  if (replied.delivery !== "email" || !replied.email_enc) return null;
  const to = decryptField(deps.config.secretKey, replied.email_enc);
  const attachments: StoredAttachment[] = [];
  try {
    return await composeReplyMail(deps, replied, to, attachments);
  } catch (e) {
    await discardQuietly(deps, replied.id, attachments);
    throw e;
  }
}

/** Deletes stored attachments; a failure is logged, never thrown (it must not hide the error being handled). */
async function discardQuietly(deps: Deps, applicationId: string, attachments: StoredAttachment[]) {
  await discardAttachments(deps, attachments).catch((err) =>
    deps.logger.error({ err, applicationId }, "could not delete the reply e-mail's stored attachments"),
  );
}

async function composeReplyMail(
  deps: Deps,
  replied: ApplicationRow,
  to: string,
  attachments: StoredAttachment[],
): Promise<PreparedReplyMail> {
  if (replied.outcome && isReplyOutcome(replied.outcome)) {
    const letter = await renderApplicationLetter(deps, replied, "reply", "pdf");
    attachments.push(
      await storeAttachment(deps, {
        filename: letter.filename,
        contentType: letter.contentType,
        content: letter.body,
      }),
    );
  }
  let released = 0;
  if (replied.outcome && RELEASING_OUTCOMES.includes(replied.outcome)) {
    const db = deps.db.kysely;
    for (const meta of await documents.listDocumentMeta(db, replied.id)) {
      const doc = await documents.findDocument(db, replied.id, meta.id);
      // The same masked file the applicant downloads: a Word, Excel or PDF file stays one (issue 11).
      const file = doc ? await maskedCopyOf(deps, doc) : null;
      if (!file) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of file.open()) chunks.push(Buffer.from(chunk as Uint8Array));
      released++;
      attachments.push(
        await storeAttachment(deps, {
          filename: file.filename,
          contentType: file.mime,
          content: Buffer.concat(chunks),
        }),
      );
    }
  }
  const { orgName } = await letterheadFor(deps, replied);
  const lines = [
    `${replied.applicant_name}：`,
    "",
    `您向本机关提出的政府信息公开申请（查询码 ${replied.tracking_code}${
      replied.received_on ? `，收到申请日期 ${replied.received_on}` : ""
    }）已于 ${replied.replied_on ?? ""} 作出答复，答复结果：${outcomeLabel(replied.outcome)}。`,
    "",
    attachments.length && replied.outcome && isReplyOutcome(replied.outcome)
      ? "《政府信息公开申请答复书》见附件（PDF）。"
      : "",
    released ? `本机关提供的政府信息共 ${released} 份，已作去标识化处理，见附件文本文件。` : "",
    "您也可以凭查询码和查询密码，在本网站“申请办理进度查询”页面查看办理过程、下载答复书。",
    "",
    orgName,
    "（本邮件由系统自动发送，请勿直接回复。）",
  ];
  return {
    siteId: replied.site_id,
    to,
    subject: `政府信息公开申请答复（查询码 ${replied.tracking_code}）`,
    text: lines.filter((l, i, all) => l !== "" || all[i - 1] !== "").join("\n"),
    attachments,
    discard: () => discardQuietly(deps, replied.id, attachments),
  };
}

/**
 * Queues the prepared reply e-mail inside the reply's transaction, with a public step. An address that is
 * not exactly one plain address is never sent (the message is stored as failed): the step then says so.
 */
export async function enqueueReplyMail(
  deps: Deps,
  trx: Executor,
  actor: Actor,
  applicationId: string,
  mail: PreparedReplyMail,
  on: string,
): Promise<void> {
  await enqueueMail(deps, trx, actor, {
    kind: REPLY_MAIL_KIND,
    siteId: mail.siteId,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    attachments: mail.attachments,
    entity: { type: "application", id: applicationId },
  });
  const deliverable = isSingleAddress(mail.to.trim());
  await insertStepRow(deps, trx, applicationId, {
    on,
    action: deliverable ? "email_queued" : "email_failed",
    actor,
    publicText: deliverable ? REPLY_MAIL_TEXT.queued : REPLY_MAIL_TEXT.failed,
  });
}

const stepOnDelivery =
  (action: "email_sent" | "email_failed", text: string) =>
  async (deps: Deps, trx: Executor, row: { entity_type: string | null; entity_id: string | null }) => {
    if (row.entity_type !== "application" || !row.entity_id) return;
    await insertStepRow(deps, trx, row.entity_id, {
      on: shanghaiDateOf(deps.clock.now()),
      action,
      actor: systemActor("邮件发送"),
      publicText: text,
    });
  };

registerMailHooks(REPLY_MAIL_KIND, {
  sent: stepOnDelivery("email_sent", REPLY_MAIL_TEXT.sent),
  failed: stepOnDelivery("email_failed", REPLY_MAIL_TEXT.failed),
});
