import { AppError, type ErrorDetail } from "../platform/errors";

// How a form route turns a refused change into the page again: which errors a person can fix on the form,
// and the problems to list. One copy for every back-office and public form (consultation, meetings, …).

/** A refusal a person can fix on the page: not 403/404 (the page itself is not theirs), not a server error. */
export const isFormRefusal = (e: unknown): e is AppError =>
  e instanceof AppError && e.status < 500 && e.status !== 403 && e.status !== 404;

/** An AppError's problems, or the error itself as one problem. */
export const problemsOf = (e: AppError): ErrorDetail[] =>
  e.details.length ? e.details : [{ code: e.code, message: e.message }];
