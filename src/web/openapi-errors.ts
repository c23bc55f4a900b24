// The one error shape of the JSON API (src/web/errors.tsx sends it) as OpenAPI components, and the standard
// error responses that src/web/openapi.ts adds to every /api/v1 operation. Codes: docs/errors.md.

export interface ErrorResponseSpec {
  name: string;
  description: string;
  example: { code: string; message: string; details: { field?: string; code: string; message: string }[] };
}

/** The standard error responses, by status, all in the ErrorResponse shape (docs/errors.md lists the codes). */
export const ERROR_RESPONSES: Record<string, ErrorResponseSpec> = {
  "400": {
    name: "BadRequest",
    description: "请求有误（逐项列出问题）— bad input: every problem is listed in `details`",
    example: {
      code: "validation_failed",
      message: "提交的内容有误，请按提示修改。",
      details: [{ field: "title", code: "required", message: "缺少必填字段 title。" }],
    },
  },
  "401": {
    name: "Unauthorized",
    description: "未提供或提供了无效的 API 令牌 — no token, or a token that is invalid or revoked",
    example: { code: "invalid_token", message: "API 令牌无效或已被撤销。", details: [] },
  },
  "403": {
    name: "Forbidden",
    description: "无权执行此操作 — no role grants the action on this row's site and organisation",
    example: { code: "forbidden", message: "您没有执行此操作的权限。", details: [] },
  },
  "404": {
    name: "NotFound",
    description: "记录不存在（或属于其他站点）— no such row, or a row of another site",
    example: { code: "not_found", message: "记录不存在。", details: [] },
  },
  "409": {
    name: "Conflict",
    description: "与当前状态冲突 — the row is not in a state that allows this (or was changed meanwhile)",
    example: { code: "conflict", message: "请求与当前状态冲突。", details: [] },
  },
  "413": {
    name: "PayloadTooLarge",
    description: "内容过大 — the body or a file is over its limit",
    example: { code: "file_too_large", message: "文件超过 20 MB。", details: [] },
  },
  "415": {
    name: "UnsupportedMediaType",
    description: "不支持的内容类型 — the body's or the file's type is not accepted",
    example: { code: "unsupported_type", message: "不支持的文件类型。", details: [] },
  },
  "422": {
    name: "Unprocessable",
    description: "无法计算期限 — the statutory clock cannot be computed from these dates",
    example: { code: "clock_not_started", message: "没有收到申请的日期，无法计算期限", details: [] },
  },
  "429": {
    name: "TooManyRequests",
    description: "请求过于频繁 — too many requests from this client address; see Retry-After",
    example: { code: "rate_limited", message: "请求过于频繁，请 30 秒后再试。", details: [] },
  },
  "500": {
    name: "InternalError",
    description: "服务器内部错误 — unexpected failure; details never reach the caller",
    example: { code: "internal_error", message: "服务器内部错误，请稍后再试。", details: [] },
  },
};

export const ERROR_SCHEMA = {
  type: "object",
  description: "The one error shape of the API: a stable snake_case code, a Chinese message for people.",
  required: ["error"],
  additionalProperties: false,
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "details"],
      additionalProperties: false,
      properties: {
        code: {
          type: "string",
          pattern: "^[a-z][a-z0-9_]*$",
          description: "Stable snake_case code (docs/errors.md); never renamed.",
          example: "validation_failed",
        },
        message: {
          type: "string",
          description: "Chinese message safe to show to a person.",
          example: "提交的内容有误，请按提示修改。",
        },
        details: {
          type: "array",
          description:
            "Every problem found, one per field and rule (empty when there is nothing more to say).",
          items: { $ref: "#/components/schemas/ErrorDetail" },
        },
      },
    },
  },
} as const;

export const ERROR_DETAIL_SCHEMA = {
  type: "object",
  required: ["code", "message"],
  additionalProperties: false,
  properties: {
    field: { type: "string", description: "The field concerned, when there is one.", example: "title" },
    code: {
      type: "string",
      description: "Field-level code (required, wrong_format, …).",
      example: "required",
    },
    message: { type: "string", description: "Chinese message.", example: "缺少必填字段 title。" },
  },
} as const;

const ERROR_REF = "#/components/schemas/ErrorResponse";

/** The shared schemas and one named response per standard status (429 with its Retry-After header). */
export function errorComponents(): { schemas: Record<string, unknown>; responses: Record<string, unknown> } {
  const responses: Record<string, unknown> = {};
  for (const [status, spec] of Object.entries(ERROR_RESPONSES)) {
    responses[spec.name] = {
      description: spec.description,
      ...(status === "429"
        ? {
            headers: {
              "Retry-After": {
                description: "Seconds to wait before trying again.",
                schema: { type: "integer" },
              },
            },
          }
        : {}),
      content: { "application/json": { schema: { $ref: ERROR_REF }, example: { error: spec.example } } },
    };
  }
  return { schemas: { ErrorResponse: ERROR_SCHEMA, ErrorDetail: ERROR_DETAIL_SCHEMA }, responses };
}

type Json = Record<string, unknown>;

/** A schema of the error shape written out by a route (`{error: {code, message, …}}`). */
function isErrorShape(schema: unknown): boolean {
  const error = ((schema as Json | undefined)?.properties as Json | undefined)?.error as Json | undefined;
  const props = error?.properties as Json | undefined;
  return Boolean(props?.code && props?.message);
}

/**
 * Error responses a route declares itself keep their description and examples, but a schema of the error
 * shape written out in the route becomes a reference to the one ErrorResponse, so clients get one type.
 */
export function normaliseDeclaredErrors(responses: Record<string, unknown>): void {
  for (const [status, response] of Object.entries(responses)) {
    if (!/^[45]\d\d$/.test(status)) continue;
    const media = ((response as Json).content as Json | undefined)?.["application/json"] as Json | undefined;
    if (!media || !isErrorShape(media.schema)) continue;
    media.schema = { $ref: ERROR_REF };
    const spec = ERROR_RESPONSES[status];
    if (spec && (response as Json).description === "Default Response")
      (response as Json).description = spec.description;
  }
}
