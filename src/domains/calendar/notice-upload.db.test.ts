// The State Council's notice uploaded as a .txt at /admin/calendar: the bytes are size-limited in the request
// and decoded (strict UTF-8) and parsed in the file worker, never on the request's thread. Every refusal is a
// named 400 on the form; nothing is saved before the clerk confirms.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildTestApp } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import { filePool } from "../../platform/files/pool";
import type { AppInstance } from "../../web/types";

const notice2026 = readFileSync(join(import.meta.dirname, "../../../test/fixtures/notices/2026.txt"));

describeEachDialect("uploading the holiday notice as a text file", (ctx) => {
  let app: AppInstance;
  let s: Session;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    s = new Session(app);
    expect((await s.login("demo-office", DEMO_PASSWORD)).statusCode).toBe(303);
  });
  afterAll(async () => app?.close());

  const upload = async (filename: string, data: Buffer) =>
    s.postMultipart("/admin/calendar/notices/upload", [
      { name: "_csrf", value: await s.csrfFrom("/admin/calendar") },
      { name: "file", filename, contentType: "text/plain", data },
    ]);
  const noticesSaved = async () =>
    (await ctx.deps.db.kysely.selectFrom("calendar_notices").select("year").execute()).length;

  it("shows a good notice parsed for confirmation (parsed in the file worker), saving nothing yet", async () => {
    const before = await noticesSaved();
    const res = await upload("2026年节假日安排.txt", notice2026);
    expect(res.statusCode).toBe(200);
    expect(filePool().size).toBeGreaterThan(0);
    expect(res.body).toContain("请核对识别结果：2026年节假日安排（国办发明电〔2025〕7号）");
    expect(res.body).toContain('name="confirm" value="1"');
    expect(await noticesSaved()).toBe(before);
  }, 60_000);

  it("refuses a file over 64 KB by name, before reading any further", async () => {
    const big = Buffer.concat([notice2026, Buffer.alloc(64 * 1024, 0x20)]);
    const res = await upload("通知.txt", big);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("通知文件超过 64 KB，请只保存通知本身。");
  }, 60_000);

  it("refuses bytes that are not UTF-8 (a GBK file), naming the file and the first bad byte", async () => {
    const gbk = Buffer.concat([Buffer.from("国务院", "utf8"), Buffer.from([0xb9, 0xfa, 0xce, 0xf1])]);
    const res = await upload("通知.txt", gbk);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("文件 通知.txt 不是有效的 UTF-8 编码（第 10 个字节起无法识别）");
    expect(res.body).not.toContain("\ufffd");
  }, 60_000);
});
