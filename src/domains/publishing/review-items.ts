import type { ReviewItems } from "../review";
import { listAttachmentRows, setMasked } from "./attachments/attachments.repo";
import { invalidateItemPages } from "./page-cache";
import { loadItemFor } from "./publishing.policy";
import { findItem, updateItem } from "./publishing.repo";
import { htmlToText } from "./rich-text";

/**
 * Publishing's items as review sees them (the port of src/domains/review/review.port.ts): review scans and
 * masks items through this, under the item policy, so it never imports publishing.
 */
export const reviewItems: ReviewItems = {
  find: findItem,
  load: async (deps, user, action, id) => (await loadItemFor(deps, user, action, id)).item,
  attachments: listAttachmentRows,
  async saveMaskedText(trx, itemId, masked, now) {
    await updateItem(trx, itemId, {
      title: masked.title,
      body_html: masked.bodyHtml,
      body_text: htmlToText(masked.bodyHtml),
      updated_at: now,
    });
  },
  saveMaskedAttachment: setMasked,
  changed: invalidateItemPages,
};
