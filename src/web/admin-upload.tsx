import type { TSchema } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../deps";
import type { CurrentUser } from "../domains/accounts";
import { drainUpload, readMultipartFields } from "../domains/publishing/attachments/attachments.multipart";
import { AppError, type ErrorDetail } from "../platform/errors";
import { sendAdminPage } from "./admin-page";
import { requireUser } from "./auth";
import { sendError } from "./errors";
import type { AppInstance } from "./types";

/** What an upload form in the back office needs to say about the record it uploads to. */
export interface AdminUploadForm<Row> {
  /** The route, with `:id` for the record, e.g. `/admin/items/:id/attachments`. */
  url: string;
  params: TSchema;
  /** The page title of the error page, and the back-office section it belongs to. */
  title: string;
  navPath: string;
  load(id: string): Promise<Row | undefined>;
  heading(row: Row): string;
  /** The record's page: where success returns to, and the error page links back to. */
  recordUrl(id: string): string;
  backLabel: string;
  /** The upload form again, with the problems, on the error page. */
  form(row: Row, csrf: string, problems: ErrorDetail[]): JSX.Element;
  /** Reads and stores the files; returns the flash message for the record's page. */
  receive(req: FastifyRequest, user: CurrentUser, id: string): Promise<string>;
}

/**
 * The POST route of a back-office multipart upload form: the CSRF token is read from the fields before the
 * first file; success redirects to the record (303) with a flash message; a refused upload (4xx other than
 * 403/404) shows the form again with every problem and the refusal's status; the body is always drained.
 */
export function registerAdminUploadForm<Row extends { id: string }>(
  app: AppInstance,
  deps: Pick<Deps, "db">,
  f: AdminUploadForm<Row>,
): void {
  const errorPage = async (req: FastifyRequest, reply: FastifyReply, user: CurrentUser, e: AppError) => {
    const row = await f.load((req.params as { id: string }).id);
    if (!row) return sendError(req, reply, e);
    const problems = e.details.length ? e.details : [{ code: e.code, message: e.message }];
    return sendAdminPage(
      deps,
      reply,
      { user, title: f.title, path: f.navPath, status: e.status },
      <>
        <h1 safe>{f.heading(row)}</h1>
        {f.form(row, reply.generateCsrf(), problems)}
        <p>
          <a href={f.recordUrl(row.id)} safe>
            {f.backLabel}
          </a>
        </p>
      </>,
    );
  };

  app.post(
    f.url,
    {
      preValidation: readMultipartFields,
      onResponse: async (req) => drainUpload(req),
      schema: { hide: true, params: f.params },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const id = (req.params as { id: string }).id;
      try {
        const flash = await f.receive(req, user, id);
        req.session.set("flash", flash);
        return reply.redirect(f.recordUrl(id), 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500 || e.status === 403 || e.status === 404) throw e;
        return errorPage(req, reply, user, e);
      } finally {
        await drainUpload(req);
      }
    },
  );
}
