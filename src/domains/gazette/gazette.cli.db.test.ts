import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document, Packer, Paragraph } from "docx";
import { beforeAll, expect, it, vi } from "vitest";
import { cliRunner } from "../../../test/helpers/cli";
import { describeEachDialect } from "../../../test/helpers/db";
import { seedTestDemo } from "../../../test/helpers/demo-template";

// Each command starts Node and tsx (about a second); leave room on a loaded machine.
vi.setConfig({ testTimeout: 180_000 });

const { gongkai } = cliRunner("gazette-cli");

/** A back issue as the office kept it in Word. */
async function wordIssue(lines: string[]): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: lines.map((l) => new Paragraph(l)) }] });
  return Packer.toBuffer(doc);
}

describeEachDialect("gongkai gazette import (CLI)", (ctx) => {
  let dir = "";
  beforeAll(async () => {
    await seedTestDemo(ctx);
    dir = await mkdtemp(join(tmpdir(), "gazette-cli-"));
    await writeFile(
      join(dir, "2018-first.docx"),
      await wordIssue([
        "固阳县人民政府公报",
        "2018年第1期（总第1期）",
        "固阳县人民政府关于加强河湖长制工作的意见",
      ]),
    );
    await writeFile(
      join(dir, "2018-second.docx"),
      await wordIssue([
        "固阳县人民政府公报",
        "2018年第2期（总第2期）",
        "固阳县人民政府关于推进秸秆综合利用的通知",
      ]),
    );
    await writeFile(
      join(dir, "manifest.json"),
      JSON.stringify({
        issues: [
          {
            file: "2018-first.docx",
            year: 2018,
            number: 1,
            total_number: 1,
            published_on: "2018-03-30",
            documents: [
              {
                title: "固阳县人民政府关于加强河湖长制工作的意见",
                doc_number: "固政发〔2018〕5号",
                org: "固阳县人民政府",
                category: "government_normative",
              },
            ],
          },
          { file: "2018-second.docx", year: 2018, number: 2, total_number: 2, published_on: "2018-06-29" },
        ],
      }),
    );
  }, 180_000);

  it("imports the folder with a progress bar and a count, and a second run changes nothing", async () => {
    const url = ctx.testDb.url;
    const first = await gongkai(url, "gazette", "import", dir);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain("2/2");
    expect(first.stdout).toContain("已导入往期公报 2 期，已存在跳过 0 期。");
    const second = await gongkai(url, "gazette", "import", dir);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain("已导入往期公报 0 期，已存在跳过 2 期。");
    const rows = await ctx.deps.db.kysely
      .selectFrom("gazette_issues")
      .select(["year", "number", "total_number", "file_type", "body_text"])
      .orderBy("total_number")
      .execute();
    expect(rows.map((r) => [Number(r.number), Number(r.total_number), r.file_type])).toEqual([
      [1, 1, "docx"],
      [2, 2, "docx"],
    ]);
    expect(rows[1]!.body_text).toContain("秸秆综合利用");
    const toc = await ctx.deps.db.kysely
      .selectFrom("gazette_entries")
      .select(["title", "doc_number"])
      .execute();
    expect(toc).toEqual([
      { title: "固阳县人民政府关于加强河湖长制工作的意见", doc_number: "固政发〔2018〕5号" },
    ]);
  });

  it("names every problem of a folder and imports nothing", async () => {
    const bad = await mkdtemp(join(tmpdir(), "gazette-cli-bad-"));
    await writeFile(join(bad, "scan-2019.pdf"), "%PDF-1.4");
    await writeFile(join(bad, "2019-01-003-20190231.pdf"), "%PDF-1.4");
    const r = await gongkai(ctx.testDb.url, "gazette", "import", bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("[gazette_import_failed]");
    expect(r.stderr).toContain("[file_name_invalid]");
    expect(r.stderr).toContain("[invalid_date]");
    const missing = await gongkai(ctx.testDb.url, "gazette", "import", join(bad, "nope"));
    expect(missing.stderr).toContain("[import_dir_missing]");
  });
});
