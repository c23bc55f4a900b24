// What other domains may use: the outbox (enqueue inside a transaction), delivery, hooks and views.
export { retryDelayMs } from "./mail.backoff";
export {
  DELIVERY_STATE_LABELS,
  type DeliveryState,
  listOutbox,
  type MessageView,
  messagesOf,
  retryMessage,
} from "./mail.outbox";
export { registerMailRoutes } from "./mail.routes";
export {
  BAD_RECIPIENT,
  discardAttachments,
  enqueueMail,
  isMailConfigured,
  isSingleAddress,
  type MailHooks,
  NOT_CONFIGURED,
  registerMailHooks,
  type SendResult,
  type StoredAttachment,
  sendDueMail,
  storeAttachment,
} from "./mail.service";
export { closeTransports } from "./mail.transport";
export { deliveryNote, RetryForm } from "./mail.views";
