import { describe, expect, it } from "vitest";
import { htmlToText, toSafeHtml } from "./rich-text";

describe("rich text bodies", () => {
  it("turns plain text into paragraphs and escapes it", () => {
    expect(toSafeHtml("第一条 为了规范……\n\n第二条 <本办法>适用于")).toBe(
      "<p>第一条 为了规范……</p>\n<p>第二条 &lt;本办法&gt;适用于</p>",
    );
  });

  it("removes scripts, event handlers, styles and javascript: links", () => {
    const out = toSafeHtml(
      '<p style="color:red" onclick="x()">正文<script>alert(1)</script></p><a href="javascript:alert(1)">链接</a><img src=x onerror=alert(1)>',
    );
    expect(out).not.toMatch(/script|onclick|style=|javascript:|onerror|<img/i);
    expect(out).toContain("<p>正文</p>");
  });

  it("keeps tables and safe links", () => {
    const out = toSafeHtml(
      '<table><tr><th scope="col">项目</th></tr><tr><td colspan="2">金额</td></tr></table><a href="https://www.gov.cn/">中国政府网</a>',
    );
    expect(out).toContain('<th scope="col">项目</th>');
    expect(out).toContain('<td colspan="2">金额</td>');
    expect(out).toContain('href="https://www.gov.cn/"');
    expect(out).toContain('rel="noopener noreferrer"');
  });

  it("extracts text with paragraph breaks", () => {
    expect(htmlToText("<p>第一段</p><p>第二段 A&amp;B</p><ul><li>一</li><li>二</li></ul>")).toBe(
      "第一段\n第二段 A&B\n一\n二",
    );
  });
});
