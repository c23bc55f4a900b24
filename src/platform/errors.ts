// Errors are values with a stable snake_case code, an HTTP status and a Chinese message for people.
export interface ErrorDetail {
  field?: string;
  code: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const badRequest = (details: ErrorDetail[], message = "提交的内容有误，请按提示修改。") =>
  new AppError("validation_failed", 400, message, details);
export const unauthorized = (message = "请先登录。") => new AppError("unauthorized", 401, message);
export const forbidden = (message = "您没有执行此操作的权限。") => new AppError("forbidden", 403, message);
export const notFound = (what = "记录", code = "not_found") => new AppError(code, 404, `${what}不存在。`);
export const conflict = (code: string, message: string, details: ErrorDetail[] = []) =>
  new AppError(code, 409, message, details);

/** Collects every problem with an input before failing, so people see them all at once. */
export class Problems {
  readonly list: ErrorDetail[] = [];
  add(field: string | undefined, code: string, message: string): void {
    this.list.push({ ...(field ? { field } : {}), code, message });
  }
  get empty(): boolean {
    return this.list.length === 0;
  }
  throwIfAny(message?: string): void {
    if (!this.empty) throw badRequest(this.list, message);
  }
}
