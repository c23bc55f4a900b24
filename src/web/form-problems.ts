import type { FastifyReply, FastifyRequest } from "fastify";
import type { CurrentUser } from "../domains/accounts";
import { AppError, type ErrorDetail } from "../platform/errors";
import { requireUser } from "./auth";

// How a form route turns a refused change into the page again: which errors a person can fix on the form,
// the problems to list, and the POST-redirect-GET of a change. One copy for every back-office and public form
// (consultation, meetings, …).

/** A refusal a person can fix on the page: not 403/404 (the page itself is not theirs), not a server error. */
export const isFormRefusal = (e: unknown): e is AppError =>
  e instanceof AppError && e.status < 500 && e.status !== 403 && e.status !== 404;

/** An AppError's problems, or the error itself as one problem. */
export const problemsOf = (e: AppError): ErrorDetail[] =>
  e.details.length ? e.details : [{ code: e.code, message: e.message }];

/** A refusal as the page shown again gets it. */
export interface FormRefusal {
  problems: ErrorDetail[];
  status: number;
  code: string;
}

/**
 * Runs a form's change. Done: its flash message kept for the next page and a 303 to where it says. Refused
 * in a way the person can fix (isFormRefusal): `again` shows the page once more with every problem, in the
 * refusal's status. Anything else is thrown on (403/404 and server errors have their own pages).
 */
export async function runFormChange<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  run: () => Promise<{ flash: string; to: string }>,
  again: (refusal: FormRefusal) => T,
): Promise<FastifyReply | T> {
  try {
    const done = await run();
    req.session.set("flash", done.flash);
    return reply.redirect(done.to, 303);
  } catch (e) {
    if (!isFormRefusal(e)) throw e;
    return again({ problems: problemsOf(e), status: e.status, code: e.code });
  }
}

/**
 * The change forms of a record's back-office page (`/admin/…/:id/…`): `run` takes the step as the signed-in
 * user and returns the flash message; done, a 303 back to `recordUrl(id)`; refused in a way the person can
 * fix, `page` shows the record's page again with every problem and what was sent.
 */
export function recordFormChange<T>(
  recordUrl: (id: string) => string,
  page: (
    req: FastifyRequest,
    reply: FastifyReply,
    user: CurrentUser,
    id: string,
    form: FormRefusal & { values: Record<string, string | undefined> },
  ) => T,
) {
  return (req: FastifyRequest, reply: FastifyReply, run: (user: CurrentUser) => Promise<string>) => {
    const user = requireUser(req);
    const { id } = req.params as { id: string };
    return runFormChange(
      req,
      reply,
      async () => ({ flash: await run(user), to: recordUrl(id) }),
      (r) => page(req, reply, user, id, { ...r, values: req.body as Record<string, string | undefined> }),
    );
  };
}
