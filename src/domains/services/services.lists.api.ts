// /api/v1/services/lists: the departments' 权责清单 and 公共服务事项清单 (beyond CONTRACT.md; README "Power and
// public-service lists"). Public: the published lists, a list's version in force (or an older published one),
// its history and the changes between two published versions. Staff (bearer token): start a list, edit its
// draft (the whole list, or one entry at a time), start a new version, and the review steps.
import type { Deps } from "../../deps";
import { AppError, badRequest } from "../../platform/errors";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { loadOrgTree, resolvePublicSite } from "../orgs";
import { isListKind } from "./services.lists.model";
import { listNotFound } from "./services.lists.policy";
import { changesJson, listSummary, listWithEntries, versionJson } from "./services.lists.present";
import * as lrepo from "./services.lists.repo";
import {
  ChangesQuery,
  CreateListBody,
  DraftBody,
  Entry,
  EntryParams,
  ListActionBody,
  ListIdParams,
  ListsQuery,
  NewVersionBody,
  PatchEntryBody,
  VersionQuery,
} from "./services.lists.schemas";
import {
  addEntry,
  changesBetween,
  createList,
  editDraft,
  loadListForStaff,
  performListStep,
  removeEntry,
  startVersion,
  updateEntry,
} from "./services.lists.service";

const tags = ["services"];

export const versionNotFound = () =>
  new AppError("list_version_not_found", 404, "清单没有这个已发布的版本。");

/** A version number from the query: absent → `fallback`; not a whole number → 400 naming the field. */
export function versionParam(field: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 100_000)
    throw badRequest([{ field, code: "invalid_version", message: "版本号应为整数。" }]);
  return n;
}

/** A published list of the site (404 for a draft-only list or another site's). */
export async function loadPublicList(deps: Deps, siteId: string, id: string) {
  const list = await lrepo.findList(deps.db.kysely, id);
  if (!list || list.site_id !== siteId || list.version === 0) throw listNotFound();
  return list;
}

/** A published version of a list (0: the empty list before the first). */
export async function publishedVersion(deps: Deps, list: lrepo.ListRow, n: number) {
  const v = await lrepo.findVersion(deps.db.kysely, list.id, n);
  if (v?.status !== "published") throw versionNotFound();
  return v;
}

/** The changes between two published versions, `from` defaulting to the one before `to`. */
export async function publicChanges(deps: Deps, list: lrepo.ListRow, q: { from?: string; to?: string }) {
  const to = versionParam("to", q.to, list.version);
  const from = versionParam("from", q.from, Math.max(0, to - 1));
  const newer = await publishedVersion(deps, list, to);
  const older = from === 0 ? undefined : await publishedVersion(deps, list, from);
  return { from, to, changes: await changesBetween(deps.db.kysely, list, older, newer) };
}

export function registerServiceListApi(app: AppInstance, deps: Deps): void {
  app.get(
    "/api/v1/services/lists",
    {
      schema: {
        tags,
        operationId: "listServiceLists",
        summary: "The departments' published 权责清单 and 公共服务事项清单, filtered by department and kind",
        description: "An unknown department code or kind matches nothing.",
        security: [],
        querystring: ListsQuery,
      },
    },
    async (req) => {
      const site = await resolvePublicSite(deps, req);
      const tree = await loadOrgTree(deps, site.id);
      const { org, kind } = req.query;
      const orgIds = org
        ? tree
            .flatten(site.id)
            .filter((e) => e.org.code === org)
            .map((e) => e.org.id)
        : undefined;
      if (kind && !isListKind(kind)) return { items: [] };
      const rows = await lrepo.listLists(deps.db.kysely, {
        siteId: site.id,
        published: true,
        ...(orgIds ? { orgIds } : {}),
        ...(kind && isListKind(kind) ? { kind } : {}),
      });
      return { items: rows.map((r) => listSummary(tree, r)) };
    },
  );

  app.get(
    "/api/v1/services/lists/:id",
    {
      schema: {
        tags,
        operationId: "getServiceList",
        summary: "A published list with the entries of its version in force (or of `version`)",
        description:
          "Each entry links to its service item (`item`: id, implementation code, name, guide URL) when it has one. A list never published answers 404.",
        security: [],
        params: ListIdParams,
        querystring: VersionQuery,
      },
    },
    async (req) => {
      const site = await resolvePublicSite(deps, req);
      const list = await loadPublicList(deps, site.id, req.params.id);
      const n = versionParam("version", req.query.version, list.version);
      const v = await publishedVersion(deps, list, n);
      return listWithEntries(deps.db.kysely, await loadOrgTree(deps, site.id), list, v);
    },
  );

  app.get(
    "/api/v1/services/lists/:id/versions",
    {
      schema: {
        tags,
        operationId: "listServiceListVersions",
        summary: "The published versions of a list (its history), newest first, with their decisions",
        security: [],
        params: ListIdParams,
      },
    },
    async (req) => {
      const site = await resolvePublicSite(deps, req);
      const list = await loadPublicList(deps, site.id, req.params.id);
      const versions = await lrepo.listVersions(deps.db.kysely, list.id, ["published"]);
      return { id: list.id, version: list.version, items: versions.map(versionJson) };
    },
  );

  app.get(
    "/api/v1/services/lists/:id/changes",
    {
      schema: {
        tags,
        operationId: "getServiceListChanges",
        summary:
          "What changed between two published versions: entries added, removed, and changed field by field",
        description: "`from=0` compares with the empty list (everything added).",
        security: [],
        params: ListIdParams,
        querystring: ChangesQuery,
      },
    },
    async (req) => {
      const site = await resolvePublicSite(deps, req);
      const list = await loadPublicList(deps, site.id, req.params.id);
      const c = await publicChanges(deps, list, req.query);
      return { id: list.id, ...changesJson(list.kind, c.from, c.to, c.changes) };
    },
  );

  app.post(
    "/api/v1/services/lists",
    {
      schema: {
        tags,
        operationId: "postServiceList",
        summary: "Start a department's list of a kind: its draft version 1 (entries optional)",
        description: "409 service_list_exists when the department already has a list of that kind.",
        body: CreateListBody,
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const r = await createList(deps, user, req.body);
      return reply.status(201).send({
        ...listSummary(await loadOrgTree(deps, user.siteId), r.list),
        draft: versionJson(r.version),
      });
    },
  );

  const draftAnswer = async (
    user: ReturnType<typeof requireUser>,
    listId: string,
    v?: lrepo.ListVersionRow,
  ) => {
    const { list, tree } = await loadListForStaff(deps, user, listId);
    const open = v ?? (await lrepo.findOpenVersion(deps.db.kysely, list.id));
    if (!open)
      throw new AppError("list_version_not_editable", 409, "该清单没有正在编辑的版本，请先编制新版本。");
    const current = list.version ? await lrepo.findVersion(deps.db.kysely, list.id, list.version) : undefined;
    const changes = await changesBetween(deps.db.kysely, list, current, open);
    return {
      ...(await listWithEntries(deps.db.kysely, tree, list, open)),
      changes: changesJson(list.kind, current?.number ?? 0, open.number, changes),
    };
  };

  app.get(
    "/api/v1/services/lists/:id/draft",
    {
      schema: {
        tags,
        operationId: "getServiceListDraft",
        summary:
          "The version being edited or reviewed, with its entries and its changes from the version in force",
        params: ListIdParams,
      },
    },
    async (req) => draftAnswer(requireUser(req), req.params.id),
  );

  app.put(
    "/api/v1/services/lists/:id/draft",
    {
      schema: {
        tags,
        operationId: "putServiceListDraft",
        summary: "Replace the draft's entries (the whole list) and/or its decision and reason",
        description: "Every problem is named at once (400, fields `entries[i].name`…). 409 once submitted.",
        params: ListIdParams,
        body: DraftBody,
      },
    },
    async (req) => {
      const user = requireUser(req);
      return draftAnswer(user, req.params.id, await editDraft(deps, user, req.params.id, req.body));
    },
  );

  app.post(
    "/api/v1/services/lists/:id/entries",
    {
      schema: {
        tags,
        operationId: "postServiceListEntry",
        summary: "Add an entry to the draft",
        params: ListIdParams,
        body: Entry,
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const v = await addEntry(deps, user, req.params.id, req.body);
      return reply.status(201).send(await draftAnswer(user, req.params.id, v));
    },
  );

  app.patch(
    "/api/v1/services/lists/:id/entries/:code",
    {
      schema: {
        tags,
        operationId: "patchServiceListEntry",
        summary: "Change an entry of the draft (the given fields; its code may change too)",
        params: EntryParams,
        body: PatchEntryBody,
      },
    },
    async (req) => {
      const user = requireUser(req);
      const v = await updateEntry(deps, user, req.params.id, req.params.code, req.body);
      return draftAnswer(user, req.params.id, v);
    },
  );

  app.delete(
    "/api/v1/services/lists/:id/entries/:code",
    {
      schema: {
        tags,
        operationId: "deleteServiceListEntry",
        summary: "Remove an entry from the draft",
        params: EntryParams,
      },
    },
    async (req) => {
      const user = requireUser(req);
      const v = await removeEntry(deps, user, req.params.id, req.params.code);
      return draftAnswer(user, req.params.id, v);
    },
  );

  app.post(
    "/api/v1/services/lists/:id/versions",
    {
      schema: {
        tags,
        operationId: "postServiceListVersion",
        summary: "Start the next version of a published list: a draft copied from the version in force",
        description:
          "409 list_version_open while another version is open; 409 list_not_published before the first.",
        params: ListIdParams,
        body: NewVersionBody,
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(versionJson(await startVersion(deps, requireUser(req), req.params.id, req.body))),
  );

  app.post(
    "/api/v1/services/lists/:id/actions",
    {
      schema: {
        tags,
        operationId: "postServiceListAction",
        summary: "Review step on the open version: submit, approve (publishes it), reject (back to editing)",
        description:
          "submit needs the decision and at least one entry; approve and reject are refused (409 step_refused, four_eyes) to the person who submitted; reject needs `note`.",
        params: ListIdParams,
        body: ListActionBody,
      },
    },
    async (req) => {
      const user = requireUser(req);
      const r = await performListStep(deps, user, req.params.id, req.body);
      return { ...listSummary(await loadOrgTree(deps, user.siteId), r.list), shown: versionJson(r.version) };
    },
  );
}
