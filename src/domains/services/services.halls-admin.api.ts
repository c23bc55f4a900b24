// Editing halls, window units and 一件事 through the API (creating them is in services.api.ts):
// PATCH /api/v1/service-halls/{id}, PATCH /api/v1/service-windows/{id}, PATCH /api/v1/service-bundles/{key}
// (the bundle with its one combined form and the member materials it waives).
import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { bundleJson, bundleNotFound } from "./services.bundles";
import * as hrepo from "./services.halls.repo";
import { updateBundleWithSet, updateHall, updateWindow } from "./services.halls-admin.service";
import { CreateHallBody, CreateWindowBody, IdParams, KeyParams } from "./services.schemas";

const tags = ["services"];

export const BundleBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 100 })),
    life_event: Type.Optional(Type.String({ maxLength: 20 })),
    notice: Type.Optional(Type.String({ maxLength: 5000 })),
    window: Type.Optional(Type.String({ maxLength: 200 })),
    promised_days: Type.Optional(Type.Integer()),
    items: Type.Optional(
      Type.Array(
        Type.Object(
          { item_id: Type.Optional(Type.String({ maxLength: 40 })), parallel: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        { maxItems: 30 },
      ),
    ),
    form_material_id: Type.Optional(
      Type.Union([Type.String({ maxLength: 40 }), Type.Null()], {
        description: "The catalogue material whose blank form is the one application form (一表申请).",
      }),
    ),
    dropped: Type.Optional(
      Type.Array(Type.String({ maxLength: 40 }), {
        maxItems: 60,
        description: "Materials of the member items the bundle does not ask for (shared inside it).",
      }),
    ),
  },
  {
    additionalProperties: false,
    examples: [
      {
        name: "新生儿出生一件事",
        life_event: "birth",
        notice: "孩子出生后，父母一方到综合受理窗口一次提交材料……",
        window: "固阳县政务服务中心一楼综合受理窗口",
        promised_days: 5,
        items: [{ item_id: "01J0ITEMA" }, { item_id: "01J0ITEMB", parallel: true }],
        form_material_id: null,
        dropped: [],
      },
    ],
  },
);

export function registerHallAdminApi(app: AppInstance, deps: Deps): void {
  app.patch(
    "/api/v1/service-halls/:id",
    {
      schema: {
        tags,
        operationId: "patchServiceHall",
        summary: "Edit a hall or station: name, level, address, hours, phone, organisation",
        params: IdParams,
        body: CreateHallBody,
      },
    },
    async (req) => updateHall(deps, requireUser(req), req.params.id, req.body),
  );

  app.patch(
    "/api/v1/service-windows/:id",
    {
      schema: {
        tags,
        operationId: "patchServiceWindow",
        summary: "Edit a window unit: its name, the departments stationed there and the modes it offers",
        params: IdParams,
        body: CreateWindowBody,
      },
    },
    async (req) => updateWindow(deps, requireUser(req), req.params.id, req.body),
  );

  app.patch(
    "/api/v1/service-bundles/:key",
    {
      schema: {
        tags,
        operationId: "patchServiceBundle",
        summary:
          "Edit a 一件事 (the office at the site root): items, parallel marks, notice, window, form, materials",
        description: "The whole bundle is checked again and every problem named; its key stays.",
        params: KeyParams,
        body: BundleBody,
      },
    },
    async (req) => {
      const user = requireUser(req);
      const b = await hrepo.findBundle(deps.db.kysely, user.siteId, req.params.key);
      if (!b) throw bundleNotFound();
      await updateBundleWithSet(deps, user, b.id, req.body);
      return bundleJson(deps, user.siteId, b.key);
    },
  );
}
