import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { presentMnState } from "./mongolian.present";
import { MnActionBody, SaveMnBody } from "./mongolian.schemas";
import { actOnMn, getMnState, saveMnDraft } from "./mongolian.service";
import type { MnSubjectType } from "./mongolian.tables";

const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const MnJson = Type.Object(
  { subject: Type.Object({}, { additionalProperties: true }), outdated: Type.Boolean() },
  { additionalProperties: true },
);

/** Staff API of Mongolian versions: an item's (translation of title, summary, body) and a catalogue node's name. */
export function registerMongolianApi(app: AppInstance, deps: Deps): void {
  registerMnApiOf(app, deps, "item", "/api/v1/items/:id/mn", "an information item or interpretation");
  registerMnApiOf(app, deps, "catalog_node", "/api/v1/catalog/nodes/:id/mn", "a catalogue column's name");
}

/** GET and PUT `path` and POST `path`/actions for one subject type (a later domain's: mongolian.kinds.ts). */
export function registerMnApiOf(
  app: AppInstance,
  deps: Deps,
  type: MnSubjectType,
  path: string,
  what: string,
): void {
  app.get(
    path,
    {
      schema: {
        tags: ["mongolian"],
        summary: `The Mongolian version of ${what}: approved, draft or under review, and whether it is outdated`,
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 200: MnJson },
      },
    },
    async (req) => presentMnState(await getMnState(deps, requireUser(req), type, req.params.id)),
  );
  app.put(
    path,
    {
      schema: {
        tags: ["mongolian"],
        summary: `Write the Mongolian draft of ${what} (as a clerk of its organisation)`,
        security: [{ bearer: [] }],
        params: IdParams,
        body: SaveMnBody,
        response: { 200: MnJson },
      },
    },
    async (req) => presentMnState(await saveMnDraft(deps, requireUser(req), type, req.params.id, req.body)),
  );
  app.post(
    `${path}/actions`,
    {
      schema: {
        tags: ["mongolian"],
        summary: `Move the Mongolian version of ${what} through its review: submit approve reject`,
        security: [{ bearer: [] }],
        params: IdParams,
        body: MnActionBody,
        response: { 200: MnJson },
      },
    },
    async (req) => presentMnState(await actOnMn(deps, requireUser(req), type, req.params.id, req.body)),
  );
}
