import { describe, expect, it } from "vitest";
import { csvTable } from "./table";

describe("csvTable", () => {
  it("reads quotes, doubled quotes and line breaks inside quotes, keeps each row's line number", () => {
    const t = csvTable('a,b\r\n"x, y","he said ""hi""\nagain"\r\n\r\nlast,\n');
    expect(t.rows).toEqual([
      { n: 1, cells: ["a", "b"] },
      { n: 2, cells: ["x, y", 'he said "hi"\nagain'] },
      { n: 5, cells: ["last", ""] },
    ]);
  });

  it("refuses more rows, columns or a longer cell than the caps, and an unclosed quote", () => {
    const limits = { maxRows: 2, maxCols: 3, maxCellChars: 5 };
    expect(() => csvTable("h\n1\n2\n3\n", limits)).toThrow(
      expect.objectContaining({ code: "table_too_large" }),
    );
    expect(() => csvTable("a,b,c,d\n", limits)).toThrow(expect.objectContaining({ code: "table_too_large" }));
    expect(() => csvTable("h\n123456\n", limits)).toThrow(
      expect.objectContaining({ code: "table_too_large" }),
    );
    expect(() => csvTable('h\n"open\n', limits)).toThrow(expect.objectContaining({ code: "file_corrupt" }));
    expect(csvTable("h\n1\n2\n", limits).rows).toHaveLength(3);
  });
});
