import { type Static, Type } from "@sinclair/typebox";
import type { FastifyRequest } from "fastify";
import type { Deps } from "../../../deps";
import { registerAdminUploadForm } from "../../../web/admin-upload";
import { requireUser } from "../../../web/auth";
import type { AppInstance } from "../../../web/types";
import type { CurrentUser } from "../../accounts";
import { drainUpload, openUpload } from "../../publishing/attachments/attachments.multipart";
import * as apps from "../applications.repo";
import { sendPrivateFile } from "../documents/documents.routes";
import {
  type ApplicantFileMeta,
  addOfficeFiles,
  listFilesForHandler,
  MAX_APPLICANT_FILE_BYTES,
  MAX_FILES_PER_APPLICATION,
  openApplicantFile,
} from "./applicant-files.service";
import { OfficeFileForm } from "./applicant-files.views";

const _html = "text/html; charset=utf-8";
const AppParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const FileParams = Type.Object({
  id: Type.String({ maxLength: 40 }),
  fileId: Type.String({ maxLength: 40 }),
});

const FileJson = Type.Object({
  id: Type.String(),
  position: Type.Integer(),
  filename: Type.String(),
  mime: Type.String({ description: "decided from the content, never from the client" }),
  size: Type.Integer(),
  source: Type.Union([Type.Literal("applicant"), Type.Literal("office")]),
  created_at: Type.String(),
});
const FileList = Type.Object({ files: Type.Array(FileJson) });

const present = (f: ApplicantFileMeta): Static<typeof FileJson> => ({
  id: f.id,
  position: f.position,
  filename: f.filename,
  mime: f.mime,
  size: f.size,
  source: f.source,
  created_at: f.created_at,
});

async function receive(req: FastifyRequest, deps: Deps, user: CurrentUser, applicationId: string) {
  // Permission first, so nothing of a refused upload is read into memory beyond the fields.
  await listFilesForHandler(deps, user, applicationId);
  const upload = await openUpload(req);
  const { files, dropped } = await upload.bufferFiles({
    maxBytes: MAX_APPLICANT_FILE_BYTES,
    maxFiles: MAX_FILES_PER_APPLICATION,
  });
  return addOfficeFiles(deps, user, applicationId, files, dropped);
}

/**
 * The applicant's supporting files, for handlers: list and open (API and back office), and the office's
 * scans of a paper application. The applicant's own upload is part of the application form.
 */
export function registerApplicantFileRoutes(app: AppInstance, deps: Deps): void {
  const onResponse = async (req: FastifyRequest) => drainUpload(req);

  app.get(
    "/api/v1/applications/:id/files",
    {
      schema: {
        tags: ["applications"],
        summary: "Handlers: the applicant's supporting files (names decrypted), without their content",
        security: [{ bearer: [] }],
        params: AppParams,
        response: { 200: FileList },
      },
    },
    async (req) => ({
      files: (await listFilesForHandler(deps, requireUser(req), req.params.id)).map(present),
    }),
  );

  app.get(
    "/api/v1/applications/:id/files/:fileId",
    {
      schema: {
        tags: ["applications"],
        summary: "Handlers: one supporting file, decrypted; each download is written to the audit log",
        security: [{ bearer: [] }],
        params: FileParams,
      },
    },
    async (req, reply) =>
      sendPrivateFile(
        reply,
        await openApplicantFile(deps, requireUser(req), req.params.id, req.params.fileId),
      ),
  );

  app.post(
    "/api/v1/applications/:id/files",
    {
      schema: {
        tags: ["applications"],
        summary: "Handlers: add scans to an open application — multipart field `file`, repeatable",
        description: `JPEG, PNG or PDF (type decided by content), at most ${MAX_APPLICANT_FILE_BYTES / 1024 / 1024} MB each and ${MAX_FILES_PER_APPLICATION} per application; encrypted at rest. 409 files_locked after the reply.`,
        security: [{ bearer: [] }],
        consumes: ["multipart/form-data"],
        params: AppParams,
        response: { 201: FileList },
      },
      onResponse,
    },
    async (req, reply) => {
      const user = requireUser(req);
      try {
        const list = await receive(req, deps, user, req.params.id);
        return reply.status(201).send({ files: list.map(present) });
      } finally {
        await drainUpload(req);
      }
    },
  );

  app.get(
    "/admin/applications/:id/files/:fileId",
    { schema: { hide: true, params: FileParams } },
    async (req, reply) => {
      const user = requireUser(req);
      return sendPrivateFile(reply, await openApplicantFile(deps, user, req.params.id, req.params.fileId));
    },
  );

  registerAdminUploadForm(app, deps, {
    url: "/admin/applications/:id/files",
    params: AppParams,
    title: "添加申请材料",
    navPath: "/admin/applications",
    load: (id) => apps.findApplication(deps.db.kysely, id),
    heading: (row) => `添加申请材料：${row.tracking_code}`,
    recordUrl: (id) => `/admin/applications/${id}`,
    backLabel: "返回申请",
    form: (row, csrf, problems) => <OfficeFileForm id={row.id} csrf={csrf} problems={problems} />,
    receive: async (req, user, id) =>
      `已上传申请材料，现有 ${(await receive(req, deps, user, id)).length} 个。`,
  });
}
