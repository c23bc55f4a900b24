import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp } from "../../test/helpers/app";
import { describeEachDialect } from "../../test/helpers/db";
import { Session } from "../../test/helpers/forms";
import type { ErrorDetail } from "../platform/errors";
import { decodeStrict, findBadText, parseFormBody } from "./input-guard";
import type { AppInstance } from "./types";

describe("strict decoding", () => {
  it("decodes forms as browsers send them and refuses escapes that are not UTF-8", () => {
    expect({ ...parseFormBody(Buffer.from("a=1&b=%E4%B8%AD+%E6%96%87&a=2&c&d=100%")) }).toEqual({
      a: ["1", "2"],
      b: "中 文",
      c: "",
      d: "100%",
    });
    expect(() => parseFormBody(Buffer.from("ok=1&name=%E4%B8"))).toThrow(
      expect.objectContaining({
        code: "invalid_utf8",
        details: [expect.objectContaining({ field: "name" })],
      }),
    );
    expect(() => parseFormBody(Buffer.from([0x61, 0x3d, 0xff]))).toThrow(
      expect.objectContaining({ code: "invalid_utf8", status: 400 }),
    );
    expect(decodeStrict("%F0%9F%98%80")).toBe("😀");
    expect(decodeStrict("%ED%A0%80")).toBeNull(); // an encoded surrogate is not UTF-8
  });

  it("names every field holding control characters or lone surrogates, keys included", () => {
    const out: ErrorDetail[] = [];
    findBadText(
      {
        a: "ok\tline\r\nnext",
        b: ["x", "y\u0000"],
        c: { d: "\u001b[31m" },
        "e\u0000": 1,
        f: "\ud800",
        g: "😀",
      },
      "",
      out,
    );
    expect(out.map((d) => d.field).sort()).toEqual(["b.1", "c.d", "e\\u0000", "f"]);
    expect(new Set(out.map((d) => d.code))).toEqual(new Set(["invalid_characters"]));
  });

  it("walks deeply nested input without overflowing the stack", () => {
    let deep: unknown = "\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const out: ErrorDetail[] = [];
    findBadText(deep, "", out);
    expect(out).toHaveLength(1);
  });
});

describeEachDialect("bad input is a 4xx with every problem named, never a 500", (ctx) => {
  let app: AppInstance;
  const count = async (table: "applications" | "items") =>
    Number(
      (
        await ctx.deps.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  beforeAll(async () => {
    app = await buildTestApp(ctx);
  });
  afterAll(async () => app?.close());

  it("refuses a NUL byte in a path parameter (HTML page) and a query value (API)", async () => {
    const page = await app.inject("/gk/items/a%00b");
    expect(page.statusCode).toBe(400);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain("path.id");
    const api = await app.inject("/api/v1/applications/track?code=a%00b&secret=x");
    expect(api.statusCode).toBe(400);
    expect(api.json().error).toMatchObject({
      code: "invalid_characters",
      details: [{ field: "query.code", code: "invalid_characters" }],
    });
  });

  it("refuses an application with NUL bytes, naming each field, and stores nothing", async () => {
    const before = await count("applications");
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/applications",
      payload: {
        applicant: { type: "natural", name: "张\u0000三", phone: "13800000000" },
        description: "请公开\u0000某文件\n第二行\t缩进",
        delivery: "email",
      },
    });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe("invalid_characters");
    expect(error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      "applicant.name",
      "description",
    ]);
    expect(error.message).toMatch(/不允许的字符/);
    expect(await count("applications")).toBe(before);
  });

  it("refuses control characters in a form body (HTML) and lone surrogates in JSON", async () => {
    const form = await app.inject({
      method: "POST",
      url: "/hd/track",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "code=GK%00X&secret=%1B",
    });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain("code");
    const json = await app.inject({
      method: "POST",
      url: "/api/v1/applications",
      headers: { "content-type": "application/json" },
      payload: '{"description":"\\ud800","applicant":{},"delivery":"email"}',
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.details).toEqual([expect.objectContaining({ field: "description" })]);
  });

  it("refuses control characters in the fields of a multipart form, read after the CSRF check", async () => {
    const before = await count("applications");
    const session = new Session(app);
    const csrf = await session.csrfFrom("/hd/apply");
    const res = await session.postMultipart("/hd/apply", [
      { name: "_csrf", value: csrf },
      { name: "applicant_type", value: "natural" },
      { name: "name", value: "张三" },
      { name: "description", value: "请公开\u0000某文件" },
      { name: "file", filename: "a.txt", contentType: "text/plain", data: Buffer.from("hello") },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("invalid_characters");
    expect(res.body).toContain("description");
    expect(await count("applications")).toBe(before);
  });

  it("refuses invalid UTF-8 in JSON, form and query instead of replacing it", async () => {
    const json = await app.inject({
      method: "POST",
      url: "/api/v1/applications",
      headers: { "content-type": "application/json; charset=utf-8" },
      payload: Buffer.concat([Buffer.from('{"description":"'), Buffer.from([0xe4, 0xb8]), Buffer.from('"}')]),
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().error).toMatchObject({
      code: "invalid_utf8",
      details: [{ field: "description", code: "invalid_utf8" }],
    });
    const broken = await app.inject({
      method: "POST",
      url: "/api/v1/applications",
      headers: { "content-type": "application/json" },
      payload: Buffer.from([0x7b, 0xff, 0x7d]),
    });
    expect(broken.json().error).toMatchObject({ code: "invalid_utf8", details: [{ field: "body" }] });
    const form = await app.inject({
      method: "POST",
      url: "/hd/track",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "code=%C3%28&secret=x",
    });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain("invalid_utf8");
    const query = await app.inject("/api/v1/applications/track?code=%E4%B8&secret=x");
    expect(query.json().error).toMatchObject({ code: "invalid_utf8", details: [{ field: "query.code" }] });
  });

  it("answers over-long path parameters with a 400, however long", async () => {
    const long = await app.inject(`/gk/items/${"x".repeat(150)}`);
    expect(long.statusCode).toBe(400);
    const longer = await app.inject(`/gk/items/${"x".repeat(250)}`);
    expect(longer.statusCode).toBe(400);
    expect(longer.body).toContain("param_too_long");
    const huge = await app.inject(`/api/v1/items/${"%E4%B8%AD".repeat(400)}`);
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error.code).toBe("param_too_long");
  });

  it("keeps the static files' own refusals: traversal, unsatisfiable Range, failed If-Match", async () => {
    const traversal = await app.inject("/assets/..%2f..%2fpackage.json");
    expect([403, 404]).toContain(traversal.statusCode);
    expect(traversal.body).not.toContain('"dependencies"');
    const range = await app.inject({ url: "/assets/app.css", headers: { range: "bytes=99999999-" } });
    expect(range.statusCode).toBe(416);
    expect(range.body).toContain("range_not_satisfiable");
    const ifMatch = await app.inject({ url: "/assets/app.css", headers: { "if-match": '"not-the-etag"' } });
    expect(ifMatch.statusCode).toBe(412);
    expect(ifMatch.body).toContain("precondition_failed");
    const ok = await app.inject({ url: "/assets/app.css", headers: { range: "bytes=0-9" } });
    expect(ok.statusCode).toBe(206);
  });

  it("answers framework refusals under /api in JSON with a stable code", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/applications",
      headers: { "content-type": "application/x-unknown" },
      payload: "x",
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe("unsupported_media_type");
    const method = await app.inject({ method: "PROPFIND", url: "/api/v1/items" });
    expect(method.statusCode).toBeLessThan(500);
  });
});
