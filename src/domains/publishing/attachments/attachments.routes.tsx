import { type Static, Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../../deps";
import { AppError } from "../../../platform/errors";
import { storageOf } from "../../../platform/storage";
import { registerAdminUploadForm } from "../../../web/admin-upload";
import { requireUser } from "../../../web/auth";
import type { AppInstance } from "../../../web/types";
import type { CurrentUser } from "../../accounts";
import { loadOrgTree } from "../../orgs";
import * as items from "../publishing.repo";
import { contentDisposition } from "./attachments.filename";
import { drainUpload, openUpload, registerMultipart } from "./attachments.multipart";
import type { AttachmentMeta } from "./attachments.repo";
import {
  addAttachments,
  attachmentsArePublic,
  authoriseAttachmentChange,
  type Download,
  findDownload,
  getAttachmentText,
  listAttachments,
  mayViewAttachments,
  removeAttachment,
} from "./attachments.service";
import { AttachmentUploadForm, adminAttachmentUrl, publicAttachmentUrl } from "./attachments.views";

export { registerMultipart };

const _html = "text/html; charset=utf-8";
const ItemParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const AttParams = Type.Object({ id: Type.String({ maxLength: 40 }), attId: Type.String({ maxLength: 40 }) });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const AttachmentJson = Type.Object({
  id: Type.String(),
  item_id: Type.String(),
  position: Type.Integer(),
  filename: Type.String(),
  mime: Type.String({ description: "decided from the content, never from the client" }),
  size: Type.Integer(),
  sha256: Type.String(),
  url: Type.String({ description: "download address (public once the item is published)" }),
  created_at: Type.String(),
  extract_error: Type.Optional(Nullable(Type.String())),
});
const AttachmentList = Type.Object({ attachments: Type.Array(AttachmentJson) });

function present(a: AttachmentMeta, staff: boolean, published: boolean): Static<typeof AttachmentJson> {
  return {
    id: a.id,
    item_id: a.item_id,
    position: a.position,
    filename: a.filename,
    mime: a.mime,
    size: a.size,
    sha256: a.sha256,
    url: published ? publicAttachmentUrl(a) : adminAttachmentUrl(a),
    created_at: a.created_at,
    ...(staff ? { extract_error: a.extract_error } : {}),
  };
}

const presentList = (list: AttachmentMeta[], staff: boolean, item: items.ItemRow) => ({
  attachments: list.map((a) => present(a, staff, attachmentsArePublic(item))),
});

/** Sends a stored file with headers that stop browsers from guessing its type. */
function sendDownload(req: FastifyRequest, reply: FastifyReply, d: Download, publicCache: boolean) {
  const etag = `"${d.meta.sha256}"`;
  reply
    .header("X-Content-Type-Options", "nosniff")
    .header("ETag", etag)
    // Public copies are re-checked every few minutes, so a withdrawal stops serving them soon.
    .header("Cache-Control", publicCache ? "public, max-age=300" : "private, no-cache");
  const match = req.headers["if-none-match"];
  if (match?.split(",").some((t) => t.trim().replace(/^W\//, "") === etag)) {
    return reply.status(304).send();
  }
  return reply
    .type(d.meta.mime)
    .header("Content-Length", String(d.meta.size))
    .header("Content-Disposition", contentDisposition(d.inline ? "inline" : "attachment", d.meta.filename))
    .send(d.open());
}

async function receive(req: FastifyRequest, deps: Deps, user: CurrentUser, itemId: string) {
  // Refuse before a byte is stored: permission and status first, then the files.
  await authoriseAttachmentChange(deps, user, itemId);
  const upload = await openUpload(req);
  const files = await upload.stageFiles(storageOf(deps));
  return addAttachments(deps, user, itemId, files);
}

export function registerAttachmentRoutes(app: AppInstance, deps: Deps): void {
  const onResponse = async (req: FastifyRequest) => drainUpload(req);

  app.post(
    "/api/v1/items/:id/attachments",
    {
      schema: {
        tags: ["publishing"],
        summary:
          "Attach files to a draft (or, during review, as the reviewer): multipart field `file`, repeatable",
        description:
          "PDF, Word (docx/doc), Excel (xlsx/xls), PNG, JPEG, GIF, WebP; type decided by content and the extension must agree (415 unsupported_type/type_mismatch); at most 20 MB a file (413 file_too_large) and 20 files an item. All or nothing.",
        security: [{ bearer: [] }],
        consumes: ["multipart/form-data"],
        params: ItemParams,
        response: { 201: AttachmentList },
      },
      onResponse,
    },
    async (req, reply) => {
      const user = requireUser(req);
      try {
        const list = await receive(req, deps, user, req.params.id);
        const item = (await items.findItem(deps.db.kysely, req.params.id))!;
        return reply.status(201).send(presentList(list, true, item));
      } finally {
        await drainUpload(req);
      }
    },
  );

  app.get(
    "/api/v1/items/:id/attachments",
    {
      schema: {
        tags: ["publishing"],
        summary: "The attachments of an item: public once published (not after withdrawal); staff see drafts",
        params: ItemParams,
        response: { 200: AttachmentList },
      },
    },
    async (req) => {
      const item = await items.findItem(deps.db.kysely, req.params.id);
      if (!item) throw new AppError("item_not_found", 404, "信息不存在。");
      const staff = req.user
        ? mayViewAttachments(req.user, item, await loadOrgTree(deps, req.user.siteId))
        : false;
      if (!staff && !attachmentsArePublic(item)) throw new AppError("item_not_found", 404, "信息不存在。");
      return presentList(await listAttachments(deps, item.id), staff, item);
    },
  );

  app.delete(
    "/api/v1/items/:id/attachments/:attId",
    {
      schema: {
        tags: ["publishing"],
        summary: "Remove an attachment (same rule as attaching)",
        security: [{ bearer: [] }],
        params: AttParams,
        response: { 200: AttachmentList },
      },
    },
    async (req) => {
      const user = requireUser(req);
      await removeAttachment(deps, user, req.params.id, req.params.attId);
      const item = (await items.findItem(deps.db.kysely, req.params.id))!;
      return presentList(await listAttachments(deps, item.id), true, item);
    },
  );

  app.get(
    "/api/v1/items/:id/attachments/:attId/text",
    {
      schema: {
        tags: ["publishing"],
        summary: "Staff: the text extracted from an attachment (for review), and why it may be missing",
        security: [{ bearer: [] }],
        params: AttParams,
        response: {
          200: Type.Object({
            id: Type.String(),
            filename: Type.String(),
            mime: Type.String(),
            text: Nullable(Type.String()),
            extract_error: Nullable(Type.String()),
            masked_text: Nullable(Type.String()),
          }),
        },
      },
    },
    async (req) => {
      const row = await getAttachmentText(deps, requireUser(req), req.params.id, req.params.attId);
      return {
        id: row.id,
        filename: row.filename,
        mime: row.mime,
        text: row.extracted_text,
        extract_error: row.extract_error,
        masked_text: row.masked_text,
      };
    },
  );

  // Public download; the file name in the address is for people and is not checked.
  app.get(
    "/gk/items/:id/attachments/:attId/:filename",
    {
      schema: {
        hide: true,
        params: Type.Object({
          id: Type.String({ maxLength: 40 }),
          attId: Type.String({ maxLength: 40 }),
          filename: Type.String({ maxLength: 1000 }),
        }),
      },
    },
    async (req, reply) =>
      sendDownload(
        req,
        reply,
        await findDownload(deps, { public: true }, req.params.id, req.params.attId),
        true,
      ),
  );

  app.get(
    "/admin/items/:id/attachments/:attId",
    { schema: { hide: true, params: AttParams } },
    async (req, reply) => {
      const user = requireUser(req);
      return sendDownload(
        req,
        reply,
        await findDownload(deps, { user }, req.params.id, req.params.attId),
        false,
      );
    },
  );

  registerAttachmentForms(app, deps);
}

function registerAttachmentForms(app: AppInstance, deps: Deps): void {
  registerAdminUploadForm(app, deps, {
    url: "/admin/items/:id/attachments",
    params: ItemParams,
    title: "上传附件",
    navPath: "/admin/items",
    load: (id) => items.findItem(deps.db.kysely, id),
    heading: (item) => `上传附件：${item.title}`,
    recordUrl: (id) => `/admin/items/${id}`,
    backLabel: "返回信息",
    form: (item, csrf, problems) => <AttachmentUploadForm itemId={item.id} csrf={csrf} problems={problems} />,
    receive: async (req, user, id) => `已上传附件，共 ${(await receive(req, deps, user, id)).length} 个。`,
  });

  app.post(
    "/admin/items/:id/attachments/:attId/delete",
    {
      schema: { hide: true, params: AttParams, body: Type.Object({ _csrf: Type.Optional(Type.String()) }) },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const removed = await removeAttachment(deps, user, req.params.id, req.params.attId);
      req.session.set("flash", `已删除附件：${removed.filename}`);
      return reply.redirect(`/admin/items/${req.params.id}`, 303);
    },
  );
}
