import { afterAll, beforeAll, expect, it } from "vitest";
import { buildTestApp } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import type { AppInstance } from "../../web/types";

// The catalogue's back office names nodes and their legal basis in Chinese; a node's code appears only on
// its own page, last and labelled 编码.
const visibleText = (html: string) =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&[a-z]+;/g, " ");

describeEachDialect("catalogue back office in Chinese", (ctx) => {
  let app: AppInstance;
  let office: Session;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    office = new Session(app);
    await office.login("demo-office", DEMO_PASSWORD);
  });
  afterAll(async () => app?.close());

  it("shows names and legal basis in the tree, never node codes", async () => {
    const page = await office.get("/admin/catalog?org=gyx");
    expect(page.statusCode).toBe(200);
    const text = visibleText(page.body);
    for (const name of ["政府信息公开指南", "法定主动公开内容", "行政法规、规章和规范性文件"]) {
      expect(text).toContain(name);
    }
    expect(text).toContain("依据条例第二十条第（一）项");
    expect(text).toContain("依据条例第二十条第（十五）项");
    expect(text).toContain("依据条例第二十一条");
    for (const code of ["guide", "statutory", "art20-01", "art21-municipal", "kp-bidding"]) {
      expect(text).not.toMatch(new RegExp(`(^|[^a-z-])${code}([^a-z0-9-]|$)`));
    }
  });

  it("gives a node's page its full legal basis and its code as a labelled 编码 last", async () => {
    const tree = await office.get("/admin/catalog?org=gyx");
    const href = /<a href="(\/admin\/catalog\/nodes\/[^"]+)">行政法规、规章和规范性文件<\/a>/.exec(
      tree.body,
    )?.[1];
    expect(href).toBeDefined();
    const node = await office.get(href!);
    expect(node.statusCode).toBe(200);
    expect(node.body).toContain(
      "<dt>公开依据</dt><dd>《中华人民共和国政府信息公开条例》第二十条第（一）项</dd>",
    );
    expect(node.body).toMatch(/<dt>编码<\/dt><dd>art20-01<\/dd><\/dl>/);
  });
});
