import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError, type ErrorDetail } from "../platform/errors";

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
