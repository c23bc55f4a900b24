import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { resolvePublicSite } from "../orgs";
import { publicNumbers } from "./hotline.numbers";
import {
  NumberItem,
  SatisfactionBody,
  TicketBody,
  TicketCreated,
  TicketParams,
  TicketState,
} from "./hotline.schemas";
import { pushTicket, reportSatisfaction, ticketState } from "./hotline.service";

const TAGS = ["hotline"];
const HOTLINE_TOKEN = [{ bearerAuth: [] }];

// The 12345 hotline's integration surface (issue 13 item 7): its account's token pushes tickets and the
// callers' satisfaction and pulls the state and the approved answer back; the register of the county's
// hotline numbers is public.
export function registerHotlineApi(app: AppInstance, deps: Deps): void {
  app.post(
    "/api/v1/hotline/tickets",
    {
      schema: {
        tags: TAGS,
        summary:
          "12345 pushes a ticket (hotline integration token): 201 created as a message of channel hotline, 200 the same ticket again, 409 hotline_ticket_conflict for other content under its number",
        security: HOTLINE_TOKEN,
        body: TicketBody,
        response: { 200: TicketCreated, 201: TicketCreated },
      },
    },
    async (req, reply) => {
      const r = await pushTicket(deps, requireUser(req), req.body);
      return reply
        .status(r.created ? 201 : 200)
        .send({ id: r.id, tracking_code: r.tracking_code, ticket_no: r.ticket_no });
    },
  );

  app.get(
    "/api/v1/hotline/tickets/:ticket_no",
    {
      schema: {
        tags: TAGS,
        summary:
          "A ticket's state for 12345 (hotline integration token): status, due date, handling organisation, the approved answer",
        security: HOTLINE_TOKEN,
        params: TicketParams,
        response: { 200: TicketState },
      },
    },
    async (req) => ticketState(deps, requireUser(req), req.params.ticket_no),
  );

  app.post(
    "/api/v1/hotline/tickets/:ticket_no/satisfaction",
    {
      schema: {
        tags: TAGS,
        summary:
          "The caller's satisfaction from 12345's follow-up call (满意/基本满意/不满意; hotline integration token)",
        security: HOTLINE_TOKEN,
        params: TicketParams,
        body: SatisfactionBody,
        response: { 200: TicketState },
      },
    },
    async (req) => reportSatisfaction(deps, requireUser(req), req.params.ticket_no, req.body),
  );

  app.get(
    "/api/v1/hotline/numbers",
    {
      schema: {
        tags: TAGS,
        summary:
          "The county's hotline numbers: merged into 12345, kept (with the reason) or withdrawn (public)",
        security: [],
        response: { 200: Type.Object({ items: Type.Array(NumberItem) }) },
      },
    },
    async (req) => {
      const site = await resolvePublicSite(deps, req);
      return { items: await publicNumbers(deps, site.id) };
    },
  );
}
