// A small fixed set of documents the search tests index on both engines.
import type { SearchDoc } from "./search.types";

export const SITE = "site-a";
export const OTHER = "site-b";

export const fixtureDoc = (over: Partial<SearchDoc> & { id: string }): SearchDoc => ({
  type: "item",
  siteId: SITE,
  orgId: "org-gov",
  title: "",
  body: "",
  docNumber: null,
  kind: "notice",
  catalogNodeIds: [],
  publishedAt: "2024-03-01T02:00:00.000Z",
  validity: null,
  url: `/gk/items/${over.id}`,
  visibility: "public",
  ...over,
});

export const FIXTURE: SearchDoc[] = [
  fixtureDoc({
    id: "d1",
    title: "固阳县人民政府关于推进乡村振兴的实施意见",
    body: "为全面推进乡村振兴，加快农业农村现代化，结合我县实际，制定本意见。金山镇、西斗铺镇要抓好落实。",
    docNumber: "固政发〔2020〕1号",
    kind: "policy",
    validity: "valid",
    catalogNodeIds: ["node-policy"],
    publishedAt: "2020-03-05T01:00:00.000Z",
  }),
  fixtureDoc({
    id: "d2",
    title: "关于开展行政复议工作的通知",
    body: "各镇人民政府、县直各部门：根据《中华人民共和国行政复议法》，现就行政复议有关事项通知如下。",
    docNumber: "固政办发〔2021〕12号",
    publishedAt: "2021-12-31T17:30:00.000Z", // 2022-01-01 in Shanghai
  }),
  fixtureDoc({
    id: "d3",
    title: "政府信息公开工作年度报告",
    body: "本年度主动公开政府信息1200条，依申请公开办理156件。乡村振兴专栏更新及时。",
    orgId: "org-office",
    kind: "report",
    publishedAt: "2023-01-20T08:00:00.000Z",
  }),
  fixtureDoc({
    id: "d4",
    title: "<script>alert(1)</script>县长信箱回复",
    body: "关于固阳县城区供暖问题的答复：<b>已协调</b>。",
    publishedAt: "2024-05-01T00:00:00.000Z",
  }),
  fixtureDoc({
    id: "d5",
    title: "内部草稿：乡村振兴资金安排",
    body: "草稿，不公开。",
    visibility: "staff",
    orgId: "org-office",
    publishedAt: null,
  }),
  fixtureDoc({ id: "d6", siteId: OTHER, title: "乡村振兴在别的县", body: "另一个站点的内容。" }),
  fixtureDoc({
    id: "d7",
    type: "interpretation",
    title: "《关于推进乡村振兴的实施意见》政策解读",
    body: "解读固政发[2020]1号文件的主要内容。",
    publishedAt: "2020-03-06T01:00:00.000Z",
  }),
];

/** Pieces of hostile queries: FTS5 and tsquery syntax, SQL, quotes, NUL, lone surrogates, RTL marks, scripts. */
export const HOSTILE_QUERY_PARTS = [
  '"',
  "“",
  "”",
  "*",
  "NEAR(",
  "AND",
  "OR",
  "NOT",
  "(",
  ")",
  ":",
  "'",
  "\\",
  "<->",
  "!",
  "&",
  "|",
  "^",
  "{",
  "}",
  "\u0000",
  "\uD800",
  "\uDFFF",
  "😀",
  "'; DROP TABLE search_docs;--",
  "固政发〔2020〕1号",
  "乡村振兴",
  "县",
  " ",
  "ᠮᠣᠩᠭᠣᠯ",
  "e\u0301",
  "ﷺ",
  "\u202E",
  "1e999",
  "%",
  "_",
];
