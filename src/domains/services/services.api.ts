// /api/v1/services (CONTRACT.md "Services"): the public list and the whole implementation-list entry of an
// item with its materials; staff propose items, changes and cancellations and review them with a bearer token.
// Materials (/api/v1/service-materials), halls and windows (/api/v1/service-halls) and 一件事
// (/api/v1/service-bundles) beside them. Error responses are added to every operation by src/web/openapi.ts.
import type { Deps } from "../../deps";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { loadOrgTree, resolvePublicSite } from "../orgs";
import { bundleJson, bundlesOf } from "./services.bundles";
import {
  authoriseSiteReport,
  createBundle,
  createHall,
  createWindow,
  hallsOf,
  modesCheck,
  setModes,
  setWindowModes,
} from "./services.halls";
import { createMaterial, loadMaterialForStaff, reductionReport, updateMaterial } from "./services.materials";
import { itemNotFound } from "./services.policy";
import { itemJson, materialJson, publicList } from "./services.present";
import * as repo from "./services.repo";
import {
  ActionBody,
  CreateBundleBody,
  CreateHallBody,
  CreateItemBody,
  CreateMaterialBody,
  CreateWindowBody,
  EditVersionBody,
  IdParams,
  KeyParams,
  ListJson,
  ListQuery,
  ModeListBody,
  ModesBody,
  ProposeBody,
  UpdateMaterialBody,
} from "./services.schemas";
import {
  createItem,
  editVersion,
  findPublicItem,
  loadForStaff,
  performStep,
  proposeVersion,
} from "./services.service";
import { versionJson } from "./services.versions";

const tags = ["services"];

export function registerServiceApi(app: AppInstance, deps: Deps): void {
  app.get(
    "/api/v1/services",
    {
      schema: {
        tags,
        operationId: "listServices",
        summary:
          "Service items in force (政务服务事项), filtered by words, organisation, type, life event, level",
        security: [],
        querystring: ListQuery,
        response: { 200: ListJson },
      },
    },
    async (req) => {
      const site = await resolvePublicSite(deps, req);
      const r = await publicList(deps, site.id, req.query);
      return { total: r.total, page: r.page, items: r.items };
    },
  );

  app.get(
    "/api/v1/services/statistics",
    {
      schema: {
        tags,
        operationId: "getServiceStatistics",
        summary: "Online-service statistics: items in force, fully online, zero-visit and one-visit",
        security: [],
      },
    },
    async (req) => {
      const site = await resolvePublicSite(deps, req);
      return repo.onlineStatistics(deps.db.kysely, site.id);
    },
  );

  app.get(
    "/api/v1/services/:id",
    {
      schema: {
        tags,
        operationId: "getService",
        summary: "The whole implementation-list entry of an item in force (or cancelled), with its materials",
        description:
          "A draft answers 404. `licensing` marks 行政许可 items (counted by table 二 of the annual report). Materials are as the catalogue defines them now.",
        security: [],
        params: IdParams,
      },
    },
    async (req) => {
      const site = await resolvePublicSite(deps, req);
      const row = await findPublicItem(deps.db.kysely, site.id, req.params.id);
      if (!row) throw itemNotFound();
      return itemJson(deps, row);
    },
  );

  app.post(
    "/api/v1/services",
    {
      schema: {
        tags,
        operationId: "postService",
        summary: "Propose a new item (version 1, to be submitted for review)",
        description: "Every problem is named at once (400). Not public until a reviewer approves it.",
        body: CreateItemBody,
      },
    },
    async (req, reply) => {
      const r = await createItem(deps, requireUser(req), req.body);
      return reply
        .status(201)
        .send({ id: r.item.id, status: r.item.status, version: versionJson(r.version) });
    },
  );

  app.patch(
    "/api/v1/services/:id/draft",
    {
      schema: {
        tags,
        operationId: "patchServiceDraft",
        summary: "Edit the version being edited (any fields; the whole entry is checked again)",
        description: "409 version_not_editable once submitted or when no version is open.",
        params: IdParams,
        body: EditVersionBody,
      },
    },
    async (req) => versionJson(await editVersion(deps, requireUser(req), req.params.id, req.body)),
  );

  app.post(
    "/api/v1/services/:id/versions",
    {
      schema: {
        tags,
        operationId: "postServiceVersion",
        summary: "Propose a change (变更) or the cancellation (取消) of an item in force: a new version",
        description: "A cancellation needs `reason`. 409 version_open while another version is open.",
        params: IdParams,
        body: ProposeBody,
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(versionJson(await proposeVersion(deps, requireUser(req), req.params.id, req.body))),
  );

  app.get(
    "/api/v1/services/:id/versions",
    {
      schema: {
        tags,
        operationId: "listServiceVersions",
        summary: "Every version of an item (its history), newest first, with decisions and reviews (staff)",
        params: IdParams,
      },
    },
    async (req) => {
      const { item } = await loadForStaff(deps, requireUser(req), req.params.id);
      const versions = await repo.listVersions(deps.db.kysely, item.id);
      return { id: item.id, status: item.status, version: item.version, items: versions.map(versionJson) };
    },
  );

  app.post(
    "/api/v1/services/:id/actions",
    {
      schema: {
        tags,
        operationId: "postServiceAction",
        summary: "Review step on the open version: submit, approve (applies it), reject (back to editing)",
        description:
          "submit needs the version's decision; approve and reject are refused (409 step_refused) to the person who submitted; reject needs `note`.",
        params: IdParams,
        body: ActionBody,
      },
    },
    async (req) => {
      const r = await performStep(deps, requireUser(req), req.params.id, req.body);
      return { id: r.item.id, status: r.item.status, version: versionJson(r.version) };
    },
  );

  app.get(
    "/api/v1/service-materials",
    {
      schema: {
        tags,
        operationId: "listServiceMaterials",
        summary: "The materials catalogue of the site, each with the number of items in force asking for it",
        security: [],
      },
    },
    async (req) => {
      const site = await resolvePublicSite(deps, req);
      const [materials, use, tree] = await Promise.all([
        repo.listMaterials(deps.db.kysely, site.id),
        repo.materialUse(deps.db.kysely, site.id),
        loadOrgTree(deps, site.id),
      ]);
      return { items: materials.map((m) => ({ ...materialJson(tree, m), items: use.get(m.id) ?? 0 })) };
    },
  );

  app.get(
    "/api/v1/service-materials/report",
    {
      schema: {
        tags,
        operationId: "getServiceMaterialReport",
        summary:
          "The 减材料 report: materials asked for by many items, and those a department already issues",
        description: "`min` (default 3): how many items make a material 'demanded by many'.",
        querystring: { type: "object", properties: { min: { type: "string", maxLength: 3 } } },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const tree = await authoriseSiteReport(deps, user, "减材料分析");
      const min = Number((req.query as { min?: string }).min ?? 3);
      const r = await reductionReport(deps, user.siteId, Number.isInteger(min) && min >= 1 ? min : 3);
      const present = (e: (typeof r.demanded)[number]) => ({
        ...materialJson(tree, e.material),
        items: e.items,
      });
      return { demanded: r.demanded.map(present), issued: r.issued.map(present) };
    },
  );

  app.post(
    "/api/v1/service-materials",
    {
      schema: {
        tags,
        operationId: "postServiceMaterial",
        summary: "Define a material in the catalogue (once; items refer to it)",
        body: CreateMaterialBody,
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const row = await createMaterial(deps, user, req.body);
      return reply.status(201).send(materialJson(await loadOrgTree(deps, user.siteId), row));
    },
  );

  app.patch(
    "/api/v1/service-materials/:id",
    {
      schema: {
        tags,
        operationId: "patchServiceMaterial",
        summary: "Edit a material: every guide asking for it shows the change at once",
        params: IdParams,
        body: UpdateMaterialBody,
      },
    },
    async (req) => {
      const user = requireUser(req);
      await loadMaterialForStaff(deps, user, req.params.id);
      const r = await updateMaterial(deps, user, req.params.id, req.body);
      return {
        ...materialJson(await loadOrgTree(deps, user.siteId), r.material),
        items: r.items.map((i) => ({ id: i.id, name: i.name, url: `/fw/items/${i.id}` })),
      };
    },
  );

  app.get(
    "/api/v1/service-halls",
    {
      schema: {
        tags,
        operationId: "listServiceHalls",
        summary: "Halls, their window units, the departments stationed there and the modes each offers",
        security: [],
      },
    },
    async (req) => {
      const site = await resolvePublicSite(deps, req);
      const r = await hallsOf(deps, site.id);
      return {
        modes: r.modes.map((m) => ({ key: m.key, name: m.name, special: m.special === 1 })),
        items: r.halls.map((h) => ({
          id: h.hall.id,
          name: h.hall.name,
          level: h.hall.level,
          address: h.hall.address,
          hours: h.hall.hours,
          phone: h.hall.phone,
          windows: h.windows.map((w) => ({
            id: w.window.id,
            name: w.window.name,
            orgs: w.orgs,
            modes: w.modes,
            special_modes: w.special,
          })),
        })),
      };
    },
  );

  app.get(
    "/api/v1/service-halls/check",
    {
      schema: {
        tags,
        operationId: "getServiceHallCheck",
        summary: "The modes check: every window unit offering fewer than 8 special service modes (staff)",
      },
    },
    async (req) => {
      const user = requireUser(req);
      await authoriseSiteReport(deps, user, "便民服务模式检查");
      const flagged = await modesCheck(deps, user.siteId);
      return {
        minimum: 8,
        items: flagged.map((f) => ({
          hall: f.hall.name,
          window_id: f.window.id,
          window: f.window.name,
          special_modes: f.special,
          missing: f.missing,
        })),
      };
    },
  );

  app.post(
    "/api/v1/service-halls",
    {
      schema: {
        tags,
        operationId: "postServiceHall",
        summary: "Add a hall or station",
        body: CreateHallBody,
      },
    },
    async (req, reply) => reply.status(201).send(await createHall(deps, requireUser(req), req.body)),
  );

  app.post(
    "/api/v1/service-halls/:id/windows",
    {
      schema: {
        tags,
        operationId: "postServiceHallWindow",
        summary: "Add a window unit to a hall, with its departments and modes",
        params: IdParams,
        body: CreateWindowBody,
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createWindow(deps, requireUser(req), req.params.id, req.body)),
  );

  app.put(
    "/api/v1/service-windows/:id/modes",
    {
      schema: {
        tags,
        operationId: "putServiceWindowModes",
        summary: "Set the convenience service modes a window unit offers",
        params: IdParams,
        body: ModesBody,
      },
    },
    async (req) => setWindowModes(deps, requireUser(req), req.params.id, req.body.modes),
  );

  app.put(
    "/api/v1/service-modes",
    {
      schema: {
        tags,
        operationId: "putServiceModes",
        summary: "Replace the site's list of convenience service modes (the office at the site root)",
        description: "Every mode a window still offers must stay in the list (mode_in_use).",
        body: ModeListBody,
      },
    },
    async (req) => ({ modes: await setModes(deps, requireUser(req), req.body.modes) }),
  );

  app.get(
    "/api/v1/service-bundles",
    {
      schema: {
        tags,
        operationId: "listServiceBundles",
        summary: "一件事 bundles: items across departments with one notice, one form, one window",
        security: [],
      },
    },
    async (req) => {
      const site = await resolvePublicSite(deps, req);
      return { items: await bundlesOf(deps, site.id) };
    },
  );

  app.get(
    "/api/v1/service-bundles/:key",
    {
      schema: {
        tags,
        operationId: "getServiceBundle",
        summary:
          "The combined guide of a 一件事: its items (parallel approval marked) and one set of materials",
        security: [],
        params: KeyParams,
      },
    },
    async (req) => {
      const site = await resolvePublicSite(deps, req);
      return bundleJson(deps, site.id, req.params.key);
    },
  );

  app.post(
    "/api/v1/service-bundles",
    {
      schema: {
        tags,
        operationId: "postServiceBundle",
        summary: "Arrange a 一件事 of items in force (the office at the site root)",
        body: CreateBundleBody,
      },
    },
    async (req, reply) => reply.status(201).send(await createBundle(deps, requireUser(req), req.body)),
  );
}
