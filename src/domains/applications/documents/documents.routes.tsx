import { type Static, Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../../deps";
import { registerAdminUploadForm } from "../../../web/admin-upload";
import { requireUser } from "../../../web/auth";
import { LANG_PREFIX } from "../../../web/i18n";
import type { AppInstance } from "../../../web/types";
import type { CurrentUser } from "../../accounts";
import { contentDisposition } from "../../publishing/attachments/attachments.filename";
import { drainUpload, openUpload } from "../../publishing/attachments/attachments.multipart";
import * as apps from "../applications.repo";
import { trackApplication } from "../applications.service";
import {
  addDocuments,
  authoriseDocumentChange,
  authoriseOriginals,
  type DocumentMeta,
  type Download,
  describeFindings,
  documentStorage,
  findMaskedDownload,
  findOriginal,
  listDocuments,
  removeDocument,
} from "./documents.service";
import { DocumentUploadForm } from "./documents.views";

const _html = "text/html; charset=utf-8";
const AppParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const DocParams = Type.Object({ id: Type.String({ maxLength: 40 }), docId: Type.String({ maxLength: 40 }) });

const DocumentJson = Type.Object({
  id: Type.String(),
  application_id: Type.String(),
  position: Type.Integer(),
  filename: Type.String(),
  mime: Type.String({ description: "decided from the content, never from the client" }),
  size: Type.Integer(),
  sha256: Type.String(),
  masked: Type.Record(Type.String(), Type.Integer(), {
    description: "how many matches of each personal-information kind were masked",
  }),
  masked_summary: Type.String({ description: "the same, for people: 身份证号 1 处、手机号 1 处" }),
  created_at: Type.String(),
});
const DocumentList = Type.Object({ documents: Type.Array(DocumentJson) });

const present = (d: DocumentMeta): Static<typeof DocumentJson> => ({
  id: d.id,
  application_id: d.application_id,
  position: d.position,
  filename: d.filename,
  mime: d.mime,
  size: d.size,
  sha256: d.sha256,
  masked: JSON.parse(d.findings) as Record<string, number>,
  masked_summary: describeFindings(d.findings),
  created_at: d.created_at,
});

/** Sends a file that is for staff or one applicant only: never cached, never sniffed. */
export function sendPrivateFile(reply: FastifyReply, d: Download) {
  return reply
    .header("X-Content-Type-Options", "nosniff")
    .header("Cache-Control", "private, no-store")
    .type(d.mime)
    .header("Content-Length", String(d.size))
    .header("Content-Disposition", contentDisposition(d.inline ? "inline" : "attachment", d.filename))
    .send(d.open());
}

async function receive(req: FastifyRequest, deps: Deps, user: CurrentUser, applicationId: string) {
  // Refuse before a byte is stored: permission and status first, then the files.
  await authoriseDocumentChange(deps, user, applicationId);
  const upload = await openUpload(req);
  const files = await upload.stageFiles(documentStorage(deps));
  return addDocuments(deps, user, applicationId, files);
}

/**
 * Documents released with the reply to an application: the office uploads them (API and back office), staff
 * download originals, the applicant downloads the de-identified text from the status page.
 */
export function registerApplicationDocumentRoutes(app: AppInstance, deps: Deps): void {
  const onResponse = async (req: FastifyRequest) => drainUpload(req);

  app.post(
    "/api/v1/applications/:id/documents",
    {
      schema: {
        tags: ["applications"],
        summary: "Attach the documents released with the reply: multipart field `file`, repeatable",
        description:
          "Handlers only, while the application is being handled (409 documents_locked after the reply). Word (docx), PDF with text, Excel (xlsx); type decided by content; at most 20 MB a file and 20 files an application. Each file's text is de-identified (ID, phone, bank card, e-mail, passport and permit numbers, personal names, addresses); the applicant only ever receives that text.",
        security: [{ bearer: [] }],
        consumes: ["multipart/form-data"],
        params: AppParams,
        response: { 201: DocumentList },
      },
      onResponse,
    },
    async (req, reply) => {
      const user = requireUser(req);
      try {
        const list = await receive(req, deps, user, req.params.id);
        return reply.status(201).send({ documents: list.map(present) });
      } finally {
        await drainUpload(req);
      }
    },
  );

  app.get(
    "/api/v1/applications/:id/documents",
    {
      schema: {
        tags: ["applications"],
        summary: "Handlers: the documents released with the reply, without their texts",
        security: [{ bearer: [] }],
        params: AppParams,
        response: { 200: DocumentList },
      },
    },
    async (req) => {
      const row = await authoriseOriginals(deps, requireUser(req), req.params.id);
      return { documents: (await listDocuments(deps, row.id)).map(present) };
    },
  );

  app.get(
    "/admin/applications/:id/documents/:docId",
    { schema: { hide: true, params: DocParams } },
    async (req, reply) => {
      const user = requireUser(req);
      return sendPrivateFile(reply, await findOriginal(deps, user, req.params.id, req.params.docId));
    },
  );

  registerAdminUploadForm(app, deps, {
    url: "/admin/applications/:id/documents",
    params: AppParams,
    title: "上传答复材料",
    navPath: "/admin/applications",
    load: (id) => apps.findApplication(deps.db.kysely, id),
    heading: (row) => `上传答复提供的政府信息：${row.tracking_code}`,
    recordUrl: (id) => `/admin/applications/${id}`,
    backLabel: "返回申请",
    form: (row, csrf, problems) => <DocumentUploadForm id={row.id} csrf={csrf} problems={problems} />,
    receive: async (req, user, id) =>
      `已上传材料并去标识化，共 ${(await receive(req, deps, user, id)).length} 份。`,
  });

  app.post(
    "/admin/applications/:id/documents/:docId/delete",
    {
      schema: { hide: true, params: DocParams, body: Type.Object({ _csrf: Type.Optional(Type.String()) }) },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const removed = await removeDocument(deps, user, req.params.id, req.params.docId);
      req.session.set("flash", `已删除材料：${removed.filename}`);
      return reply.redirect(`/admin/applications/${req.params.id}`, 303);
    },
  );

  // The applicant's download, with the same code and secret as the status page (POST, so the secret stays
  // out of URLs): the de-identified text only, and only after a reply that discloses.
  for (const lang of ["zh-CN", "mn-Mong"] as const) {
    app.post(
      `${LANG_PREFIX[lang]}/hd/track/documents/:docId`,
      {
        config: { clientLimit: "track" },
        schema: {
          hide: true,
          params: Type.Object({ docId: Type.String({ maxLength: 40 }) }),
          body: Type.Object({
            code: Type.String({ maxLength: 40 }),
            secret: Type.String({ maxLength: 40 }),
            _csrf: Type.Optional(Type.String()),
          }),
        },
      },
      async (req, reply) => {
        const status = await trackApplication(deps, req.body.code, req.body.secret);
        return sendPrivateFile(reply, await findMaskedDownload(deps, status.tracking_code, req.params.docId));
      },
    );
  }
}
