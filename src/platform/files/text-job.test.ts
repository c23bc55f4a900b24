import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundledNotices } from "../calendar/bundled";
import { gbkBytes } from "./files.test-helpers";
import { filePool } from "./pool";
import { parseTextFile } from "./text-job";

const notice2026 = readFileSync(join(import.meta.dirname, "../../../test/fixtures/notices/2026.txt"));

afterAll(async () => filePool().close());

describe("an uploaded text file, read and parsed in the file worker", () => {
  it("decodes the State Council's notice (BOM dropped) and returns its parse from the worker", async () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), notice2026]);
    const r = await parseTextFile("calendar-notice", withBom, { what: "文件 2026.txt " });
    expect(filePool().size).toBeGreaterThan(0);
    expect(r.text.startsWith("国务院办公厅关于2026年部分节假日安排的通知")).toBe(true);
    if (!r.parsed.ok) throw new Error(JSON.stringify(r.parsed.problems));
    expect(r.parsed.value.notice.year).toBe(2026);
    expect(r.parsed.value.notice.document_number).toBe("国办发明电〔2025〕7号");
    const days = (n: { days: Array<{ date: string; off: boolean }> }) =>
      n.days.map((d) => `${d.date}:${d.off}`).sort();
    expect(days(r.parsed.value.notice)).toEqual(days(bundledNotices().get(2026)!));
  }, 60_000);

  it("refuses bytes that are not UTF-8 with a named 400, never replacing them", async () => {
    const bad = Buffer.concat([Buffer.from("国务院办公厅", "utf8"), gbkBytes()]);
    await expect(parseTextFile("calendar-notice", bad, { what: "文件 通知.txt " })).rejects.toMatchObject({
      code: "invalid_utf8",
      status: 400,
      message: expect.stringContaining("文件 通知.txt 不是有效的 UTF-8 编码（第 19 个字节起"),
    });
  }, 60_000);

  it("returns a notice that does not add up as the parser's problems, not as a failure of the worker", async () => {
    const text = notice2026.toString("utf8").replace("共9天", "共8天");
    const r = await parseTextFile("calendar-notice", Buffer.from(text, "utf8"));
    expect(r.parsed.ok).toBe(false);
    if (r.parsed.ok) return;
    expect(r.parsed.problems.map((p) => p.message).join(" ")).toContain("共8天");
  }, 60_000);
});
