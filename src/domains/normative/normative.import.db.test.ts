// The document-management import (issue 16 item 4) on both engines: the integration account's token pushes
// 20 signed documents into drafts with their 文号, dates and files (sniffed and text-extracted in the file
// worker); a second push of the same 20 changes nothing (409 each, by 文号 in any bracket style); bad input
// lists every problem; nobody else may push, and the account may do nothing else.
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, countRows, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import type { AppInstance } from "../../web/types";
import { fakeExe, minimalDocx, minimalPdf } from "../publishing/attachments/attachments.test-helpers";

describeEachDialect("document-management import", (ctx) => {
  let app: AppInstance;
  const tok: Record<string, string> = {};
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    for (const u of ["demo-documents", "demo-clerk", "demo-office"]) tok[u] = await tokenFor(ctx, u);
  }, 60_000);
  afterAll(async () => app?.close());

  const push = (body: Record<string, unknown>, who = "demo-documents") =>
    app.inject({
      method: "POST",
      url: "/api/v1/documents/import",
      headers: bearer(tok[who]!),
      payload: body,
    });
  const count = async (table: "items" | "item_attachments" | "document_imports") =>
    Number(
      (
        await ctx.deps.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  let batch: Array<Record<string, unknown>>;
  it("pushes 20 signed documents into drafts with their 文号, dates and files", async () => {
    const docx = (
      await minimalDocx([
        "固阳县人民政府关于加强农村牧区人居环境整治的通知",
        "各镇人民政府：现将有关事项通知如下。",
      ])
    ).toString("base64");
    const pdf = minimalPdf("Guyang county notice 2026").toString("base64");
    batch = Array.from({ length: 20 }, (_, i) => ({
      doc_number: i % 2 ? `固政发〔2026〕${i + 1}号` : `固政办发[2026]${i + 1}号`,
      title: `固阳县人民政府关于第${i + 1}项工作的通知`,
      kind: i % 5 === 0 ? "normative" : "notice",
      formed_on: "2026-01-15",
      org: i % 3 ? "gyx-zfb" : "gyx-jyj",
      ...(i === 0 ? { files: [{ name: "正文.docx", content_base64: docx }] } : {}),
      ...(i === 1
        ? { body_html: "<p>通知正文</p>", files: [{ name: "附件.pdf", content_base64: pdf }] }
        : {}),
      ...(i > 1 ? { body_html: `<p>第${i + 1}项工作的通知正文。</p>` } : {}),
    }));
    const items = await count("items");
    const res = [];
    for (const b of batch) res.push(await push(b));
    expect(res.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    expect(res.every((r) => r.json().status === "draft")).toBe(true);
    expect(await count("items")).toBe(items + 20);
    const first = await ctx.deps.db.kysely
      .selectFrom("items")
      .select(["doc_number", "formed_on", "status", "body_text", "created_by"])
      .where("id", "=", res[0]!.json().id)
      .executeTakeFirstOrThrow();
    expect(first).toMatchObject({
      doc_number: "固政办发〔2026〕1号",
      formed_on: "2026-01-15",
      status: "draft",
    });
    // No body sent: the text extracted from the Word file in the file worker.
    expect(first.body_text).toContain("农村牧区人居环境整治");
    const files = await ctx.deps.db.kysely
      .selectFrom("item_attachments")
      .select(["filename", "mime", "extracted_text"])
      .where("item_id", "in", [res[0]!.json().id, res[1]!.json().id])
      .orderBy("filename")
      .execute();
    expect(files.map((f) => f.mime).sort()).toEqual(
      ["application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"].sort(),
    );
    expect(files.find((f) => f.mime === "application/pdf")?.extracted_text).toContain("Guyang county notice");
    // The office sees the drafts in the back office like any other.
    const seen = await app.inject({
      url: `/api/v1/items/${res[2]!.json().id}`,
      headers: bearer(tok["demo-office"]!),
    });
    expect(seen.json()).toMatchObject({ status: "draft", doc_number: "固政办发〔2026〕3号" });
  });

  it("changes nothing on a second push of the same 20, whatever the brackets", async () => {
    const before = {
      items: await count("items"),
      files: await count("item_attachments"),
      audit: await countRows(ctx, "audit_log"),
    };
    const again = [];
    for (const b of batch) again.push(await push(b));
    expect(again.map((r) => r.statusCode)).toEqual(Array(20).fill(409));
    expect(again.every((r) => r.json().error.code === "doc_number_exists")).toBe(true);
    for (const variant of [
      "固政办发【2026】1号",
      "固政办发(2026)1号",
      "固政办发〔2026〕第01号",
      " 固政发［2026］2号 ",
    ])
      expect((await push({ ...batch[2]!, doc_number: variant })).statusCode).toBe(409);
    // A 文号 typed by hand in the portal counts too (the demo's 2020 work plan).
    expect((await push({ ...batch[2]!, doc_number: "固政办发[2020]12号" })).statusCode).toBe(409);
    expect({
      items: await count("items"),
      files: await count("item_attachments"),
      audit: await countRows(ctx, "audit_log"),
    }).toEqual(before);
  });

  it("takes one of two simultaneous pushes of the same new 文号", async () => {
    const body = { ...batch[3]!, doc_number: "固政发〔2026〕900号", title: "同时推送的公文" };
    const res = await Promise.all([
      push(body),
      push(body),
      push({ ...body, doc_number: "固政发[2026]900号" }),
    ]);
    expect(res.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    const rows = await ctx.deps.db.kysely
      .selectFrom("items")
      .select("id")
      .where("title", "=", "同时推送的公文")
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("lists every problem of a bad push and stores nothing; refuses an unsafe file", async () => {
    const before = await count("items");
    const bad = await push({
      doc_number: "没有年份",
      title: "坏的公文",
      kind: "interpretation",
      formed_on: "2026-02-30",
      org: "nowhere",
      files: [{ name: "a.pdf", content_base64: "@@@" }],
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: { code: string }) => d.code)
        .sort(),
    ).toEqual(
      ["invalid_base64", "invalid_date", "invalid_doc_number", "invalid_kind", "org_not_found"].sort(),
    );
    const exe = await push({
      ...batch[4]!,
      doc_number: "固政发〔2026〕901号",
      files: [{ name: "x.pdf", content_base64: fakeExe().toString("base64") }],
    });
    expect([415, 422]).toContain(exe.statusCode);
    expect(await count("items")).toBe(before);
  });

  it("lets only the integration account push, and the account nothing else", async () => {
    const clerk = await push({ ...batch[5]!, doc_number: "固政发〔2026〕902号" }, "demo-clerk");
    expect([clerk.statusCode, clerk.json().error.code]).toEqual([403, "role_not_allowed"]);
    const anonymous = await app.inject({
      method: "POST",
      url: "/api/v1/documents/import",
      payload: batch[5]!,
    });
    expect(anonymous.statusCode).toBe(401);
    const selfToken = await app.inject({
      method: "POST",
      url: "/api/v1/tokens",
      headers: bearer(tok["demo-documents"]!),
      payload: { label: "more" },
    });
    expect([selfToken.statusCode, selfToken.json().error.code]).toEqual([403, "token_only_account"]);
    const items = await app.inject({
      url: "/api/v1/items?status=draft",
      headers: bearer(tok["demo-documents"]!),
    });
    expect(items.statusCode).toBeGreaterThanOrEqual(400);
    const entry = await app.inject({
      url: "/api/v1/normative/alerts",
      headers: bearer(tok["demo-documents"]!),
    });
    expect(entry.statusCode).toBe(403);
  });
});
