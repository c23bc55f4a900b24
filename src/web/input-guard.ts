import { isUtf8 } from "node:buffer";
import type { FastifyRequest } from "fastify";
import { AppError, type ErrorDetail } from "../platform/errors";
import type { AppInstance } from "./types";

// Text the database cannot store, or stores other than it was sent, is refused at the door with every
// problem named, for every route alike: PostgreSQL rejects a NUL byte in text outright (a 500 that lost a
// citizen's submission), other control characters have no business in a form, and bytes that are not
// UTF-8 would be silently replaced. Nothing is stripped or repaired: the sender learns what to fix.

/** Longest path parameter (after decoding) any route takes; ids are far shorter, file names up to 120. */
export const MAX_PARAM_CHARS = 200;

/** C0 controls; tab, line feed and carriage return are allowed in query values and bodies (textareas). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_IN_PATH = /[\u0000-\u001f\u007f]/;
/** With the `u` flag only unpaired surrogates match: text no UTF-8 encoder can write. */
const LONE_SURROGATE = /[\ud800-\udfff]/u;
/** At most this many problems are listed; a body full of NULs needs no thousand lines. */
const MAX_DETAILS = 20;

/** A name safe to show for a field whose name itself may hold control characters. */
const showName = (name: string) =>
  name.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
    /[\u0000-\u001f\u007f]|[\ud800-\udfff]/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );

const badCharacters = (field: string): ErrorDetail => ({
  field,
  code: "invalid_characters",
  message: `${field} 含有不允许的字符（NUL 等控制字符或无法编码的字符），请删除后重新提交。`,
});

const badUtf8 = (field: string): ErrorDetail => ({
  field,
  code: "invalid_utf8",
  message: `${field} 不是有效的 UTF-8 文本，请以 UTF-8 编码重新提交。`,
});

/** Every string (and key) in a parsed body, walked without recursion so deep nesting cannot overflow. */
export function findBadText(
  value: unknown,
  root: string,
  out: ErrorDetail[],
  pattern = CONTROL_IN_TEXT,
): void {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0 && out.length < MAX_DETAILS) {
    const [v, path] = stack.pop()!;
    const field = path || "body";
    if (typeof v === "string") {
      if (pattern.test(v) || LONE_SURROGATE.test(v)) out.push(badCharacters(field));
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], path ? `${path}.${i}` : String(i)]);
    } else if (v !== null && typeof v === "object" && !Buffer.isBuffer(v)) {
      const entries = Object.entries(v as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i]!;
        const name = path ? `${path}.${showName(k)}` : showName(k);
        if (pattern.test(k) || LONE_SURROGATE.test(k)) out.push(badCharacters(name));
        else stack.push([child, name]);
      }
    }
  }
}

/** Percent-escapes in the raw query that do not decode as UTF-8 (Fastify keeps them as literal text). */
function findBadQueryEscapes(url: string, out: ErrorDetail[]): void {
  const q = url.indexOf("?");
  if (q < 0) return;
  for (const pair of url.slice(q + 1).split("&")) {
    if (!pair.includes("%")) continue;
    const eq = pair.indexOf("=");
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (decodeStrict(pair) === null) out.push(badUtf8(`query.${showName(decodeLoose(key))}`));
  }
}

/** `+` is a space and each run of %XX escapes must be UTF-8; null when it is not. Other `%` stay as typed. */
export function decodeStrict(component: string): string | null {
  let ok = true;
  const text = component.replace(/\+/g, " ").replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    const bytes = Buffer.from(run.replace(/%/g, ""), "hex");
    if (!isUtf8(bytes)) ok = false;
    return bytes.toString("utf8");
  });
  return ok ? text : null;
}

const decodeLoose = (component: string) =>
  component
    .replace(/\+/g, " ")
    .replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => Buffer.from(run.replace(/%/g, ""), "hex").toString("utf8"));

function refuse(details: ErrorDetail[]): AppError {
  const codes = new Set(details.map((d) => d.code));
  const code = codes.size === 1 ? details[0]!.code : "invalid_input";
  const message =
    code === "invalid_utf8"
      ? "提交的内容含有无效的 UTF-8 字节，未作处理。"
      : code === "param_too_long"
        ? "网址中的参数过长。"
        : "提交的内容含有不允许的字符，未作处理，请按提示修改。";
  return new AppError(code, 400, message, details);
}

const checkedBody = Symbol("gongkai.checkedBody");
type Guarded = FastifyRequest & { [checkedBody]?: unknown };

function checkBody(req: Guarded, out: ErrorDetail[]): void {
  if (req.body === undefined || req.body === null || req[checkedBody] === req.body) return;
  req[checkedBody] = req.body;
  findBadText(req.body, "", out);
}

/**
 * Adds the early checks: path parameters (length, any control character), query (control characters,
 * broken UTF-8 escapes) and the parsed body, before schema validation, CSRF or any handler runs. A
 * multipart body is parsed by its route's own preValidation hook, so the body is looked at again just
 * before the handler.
 */
export function registerInputGuard(app: AppInstance): void {
  app.addHook("preValidation", async (req) => {
    const out: ErrorDetail[] = [];
    for (const [name, value] of Object.entries((req.params ?? {}) as Record<string, unknown>)) {
      if (typeof value !== "string") continue;
      const field = `path.${name}`;
      if (CONTROL_IN_PATH.test(value) || LONE_SURROGATE.test(value)) out.push(badCharacters(field));
      else if ([...value].length > MAX_PARAM_CHARS)
        out.push({
          field,
          code: "param_too_long",
          message: `网址中的 ${name} 过长：不能超过 ${MAX_PARAM_CHARS} 个字符。`,
        });
    }
    findBadQueryEscapes(req.url, out);
    const query = req.query as Record<string, unknown> | undefined;
    if (query && typeof query === "object") findBadText(query, "query", out);
    checkBody(req as Guarded, out);
    if (out.length > 0) throw refuse(out);
  });
  app.addHook("preHandler", async (req) => {
    const out: ErrorDetail[] = [];
    checkBody(req as Guarded, out);
    if (out.length > 0) throw refuse(out);
  });
}

/** The fields of a body that held bytes other than UTF-8 (decoded with U+FFFD in their place). */
function fieldsWithReplacement(value: unknown): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  findBadText(value, "", out, /\ufffd/);
  return out.map((d) => badUtf8(d.field ?? "body"));
}

/** `a=1&b=%E4%B8%AD&a=2` → `{a: ["1", "2"], b: "中"}`, refusing escapes that are not UTF-8. */
export function parseFormBody(body: Buffer): Record<string, string | string[]> {
  if (!isUtf8(body)) throw refuse([badUtf8("body")]);
  const out = Object.create(null) as Record<string, string | string[]>;
  const bad: ErrorDetail[] = [];
  for (const pair of body.toString("utf8").split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const key = decodeStrict(eq < 0 ? pair : pair.slice(0, eq));
    // Word's manual line and page breaks (VT, FF) survive copy and paste into a form: line breaks, not a
    // refusal that loses the text.
    const value = decodeStrict(eq < 0 ? "" : pair.slice(eq + 1))?.replace(/[\v\f]/g, "\n") ?? null;
    if (key === null || value === null) {
      if (bad.length < MAX_DETAILS)
        bad.push(badUtf8(showName(decodeLoose(eq < 0 ? pair : pair.slice(0, eq)))));
      continue;
    }
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  if (bad.length > 0) throw refuse(bad);
  return out;
}

/**
 * JSON and form bodies read as bytes and checked as UTF-8 before decoding, instead of Fastify's and
 * @fastify/formbody's parsers, which decode with U+FFFD in place of bad bytes.
 */
export function registerStrictBodyParsers(app: AppInstance, opts: { formBodyLimit: number }): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (req, body, done) => {
    const buf = body as Buffer;
    if (isUtf8(buf)) return parseJson(req, buf.toString("utf8"), done);
    // Name the fields that held the bad bytes when the rest still parses.
    let details = [badUtf8("body")];
    try {
      const found = fieldsWithReplacement(JSON.parse(buf.toString("utf8")));
      if (found.length > 0) details = found;
    } catch {
      // Not JSON either: the body as a whole.
    }
    done(refuse(details), undefined);
  });
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "buffer", bodyLimit: opts.formBodyLimit },
    (_req, body, done) => {
      try {
        done(null, parseFormBody(body as Buffer));
      } catch (e) {
        done(e as Error, undefined);
      }
    },
  );
}
