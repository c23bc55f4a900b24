// The outbox's routes: the JSON API (staff) and the back office (mail.admin.tsx).
import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { registerMailAdmin } from "./mail.admin";
import { listOutbox, retryMessage } from "./mail.outbox";
import { MAIL_STATUSES } from "./mail.service";

const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });

const MessageSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  recipient: Type.String({ description: "masked address, e.g. w***@example.com" }),
  subject: Type.String(),
  status: Type.Union(MAIL_STATUSES.map((s) => Type.Literal(s))),
  state: Type.String({ description: "pending, not_configured, retrying, sending, sent or failed" }),
  state_label: Type.String(),
  attempts: Type.Integer(),
  max_attempts: Type.Integer(),
  next_attempt_at: Type.Union([Type.String(), Type.Null()]),
  last_error: Type.Union([Type.String(), Type.Null()]),
  sent_at: Type.Union([Type.String(), Type.Null()]),
  entity_type: Type.Union([Type.String(), Type.Null()]),
  entity_id: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
});

export function registerMailRoutes(app: AppInstance, deps: Deps): void {
  app.get(
    "/api/v1/mail/outbox",
    {
      schema: {
        tags: ["mail"],
        summary: "Outgoing mail, newest first, with delivery state; recipients are masked",
        security: [{ bearer: [] }],
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union(MAIL_STATUSES.map((s) => Type.Literal(s)))),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(MessageSchema) }) },
      },
    },
    async (req) => ({
      items: await listOutbox(deps, requireUser(req), { status: req.query.status, limit: req.query.limit }),
    }),
  );

  app.post(
    "/api/v1/mail/outbox/:id/retry",
    {
      schema: {
        tags: ["mail"],
        summary: "Queue a failed message again with a fresh set of attempts (重新发送)",
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 200: MessageSchema },
      },
    },
    async (req) => retryMessage(deps, requireUser(req), req.params.id),
  );

  registerMailAdmin(app, deps);
}
