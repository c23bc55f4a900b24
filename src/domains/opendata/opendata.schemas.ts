// TypeBox schemas of the public read API (/api/v1/public/…): what the OpenAPI document shows, with examples.
import { type TSchema, Type } from "@sinclair/typebox";
import { ITEM_KINDS, VALIDITIES } from "../publishing/publishing.schemas";

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const ID = "0190a000-0000-7000-8000-000000000001";

export const ListQuerystring = Type.Object({
  org: Type.Optional(Type.String({ maxLength: 50, description: "Issuing organisation code (机构代码)." })),
  kind: Type.Optional(Type.Union(ITEM_KINDS.map((k) => Type.Literal(k)))),
  catalog_node: Type.Optional(Type.String({ maxLength: 40, description: "Catalogue node id (目录节点)." })),
  year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100, description: "Year of publication." })),
  validity: Type.Optional(Type.Union(VALIDITIES.map((v) => Type.Literal(v)))),
  updated_since: Type.Optional(
    Type.String({
      format: "date-time",
      description:
        "Only items published or changed at or after this instant (ISO 8601, e.g. 2026-01-01T00:00:00Z).",
    }),
  ),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

const OrgRef = Nullable(Type.Object({ code: Type.String(), name: Type.String() }));
const Link = Nullable(Type.Object({ id: Type.String(), title: Type.String(), url: Type.String() }));

export const ListItemJson = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  kind_label: Type.String({ description: "类别, in Chinese" }),
  title: Type.String(),
  doc_number: Nullable(Type.String({ description: "发文字号" })),
  index_number: Nullable(Type.String({ description: "索引号" })),
  org: OrgRef,
  formed_on: Type.String({ description: "成文日期, YYYY-MM-DD" }),
  published_at: Type.String({ description: "ISO instant of publication" }),
  validity: Type.String(),
  validity_label: Type.String({ description: "有效性, in Chinese" }),
  catalog_nodes: Type.Array(Type.String(), { description: "ids of the catalogue nodes it is filed under" }),
  updated_at: Type.String(),
  url: Type.String({ description: "path of its public page" }),
});

const LIST_EXAMPLE = {
  id: ID,
  kind: "normative",
  kind_label: "规范性文件",
  title: "固阳县人民政府办公室关于印发2020年政务公开工作要点的通知",
  doc_number: "固政办发〔2020〕12号",
  index_number: "11150222MB1234567X/2020-00012",
  org: { code: "gyx-zfb", name: "固阳县人民政府办公室" },
  formed_on: "2020-05-06",
  published_at: "2020-05-08T02:00:00.000Z",
  validity: "valid",
  validity_label: "有效",
  catalog_nodes: ["0190a000-0000-7000-8000-0000000000c1"],
  updated_at: "2020-05-08T02:00:00.000Z",
  url: `/gk/items/${ID}`,
};

const page = (items: TSchema, example: unknown) =>
  Type.Object(
    { total: Type.Integer(), page: Type.Integer(), per_page: Type.Integer(), items: Type.Array(items) },
    { examples: [{ total: 1, page: 1, per_page: 20, items: [example] }] },
  );

export const ItemListJson = page(ListItemJson, LIST_EXAMPLE);

export const InterpretationJson = Type.Intersect([
  ListItemJson,
  Type.Object({
    policy: Link,
    interpreter: Nullable(Type.String({ description: "解读人 or body" })),
    form: Nullable(Type.String()),
    form_label: Nullable(Type.String({ description: "解读形式, in Chinese" })),
  }),
]);

export const InterpretationListJson = page(InterpretationJson, {
  ...LIST_EXAMPLE,
  kind: "interpretation",
  kind_label: "政策解读",
  title: "《2020年政务公开工作要点》解读",
  doc_number: null,
  policy: {
    id: ID,
    title: "固阳县人民政府办公室关于印发2020年政务公开工作要点的通知",
    url: `/gk/items/${ID}`,
  },
  interpreter: "县政府办公室",
  form: "text",
  form_label: "文字解读",
});

export const AttachmentJson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  mime: Type.String(),
  size: Type.Integer({ description: "bytes of the file the public downloads" }),
  sha256: Type.String({ description: "SHA-256 (hex) of the file the public downloads" }),
  url: Type.String(),
});

export const PublicItemJson = Type.Object(
  {
    id: Type.String(),
    status: Type.Union([Type.Literal("published"), Type.Literal("superseded"), Type.Literal("withdrawn")], {
      description: "superseded: a newer version exists (latest_version); withdrawn: no longer published",
    }),
    kind: Type.String(),
    kind_label: Type.String(),
    title: Type.String(),
    title_mn: Nullable(Type.String()),
    /** The approved Mongolian version (src/domains/mongolian), when there is one. */
    mn: Type.Optional(
      Nullable(
        Type.Object({
          title: Type.String(),
          summary: Nullable(Type.String()),
          body_html: Nullable(Type.String()),
          outdated: Type.Boolean({ description: "the Chinese changed after this translation was approved" }),
          translates_version: Nullable(Type.Integer()),
          url: Type.String(),
        }),
      ),
    ),
    doc_number: Nullable(Type.String()),
    index_number: Nullable(Type.String()),
    org: OrgRef,
    formed_on: Type.String(),
    published_at: Type.String(),
    validity: Type.String(),
    validity_label: Type.String(),
    validity_on: Nullable(Type.String()),
    replaced_by: Link,
    latest_version: Link,
    withdrawn_at: Nullable(Type.String()),
    withdraw_reason: Nullable(Type.String()),
    summary: Nullable(Type.String()),
    topic: Nullable(Type.String()),
    keywords: Nullable(Type.String()),
    body_html: Nullable(Type.String({ description: "sanitised HTML; null once withdrawn" })),
    body_text: Nullable(Type.String({ description: "plain text; null once withdrawn" })),
    attachments: Type.Array(AttachmentJson),
    interpretations: Type.Array(
      Type.Object({
        id: Type.String(),
        title: Type.String(),
        url: Type.String(),
        form: Nullable(Type.String()),
        interpreter: Nullable(Type.String()),
      }),
    ),
    policy: Link,
    catalog_nodes: Type.Array(Type.String()),
    url: Type.String(),
    content_sha256: Nullable(
      Type.String({
        description: "SHA-256 of the published content (docs/integrity.md); null before it is sealed",
      }),
    ),
  },
  {
    examples: [
      {
        // The list entry's fields but updated_at, which the item itself does not carry.
        ...(({ updated_at: _updatedAt, ...fields }) => fields)(LIST_EXAMPLE),
        status: "published",
        title_mn: null,
        validity_on: null,
        replaced_by: null,
        latest_version: null,
        withdrawn_at: null,
        withdraw_reason: null,
        summary: null,
        topic: "政务公开",
        keywords: "政务公开 工作要点",
        body_html: "<p>各镇人民政府，县直各部门：</p>",
        body_text: "各镇人民政府，县直各部门：",
        attachments: [
          {
            id: "0190a000-0000-7000-8000-0000000000a1",
            name: "工作要点.pdf",
            mime: "application/pdf",
            size: 182044,
            sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            url: `/gk/items/${ID}/attachments/0190a000-0000-7000-8000-0000000000a1/工作要点.pdf`,
          },
        ],
        interpretations: [],
        policy: null,
        content_sha256: "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
      },
    ],
  },
);

export const CatalogQuerystring = Type.Object({
  org: Type.Optional(Type.String({ maxLength: 50, description: "Only this organisation's catalogue." })),
});

export const CatalogJson = Type.Object(
  {
    orgs: Type.Array(
      Type.Object({
        code: Type.String(),
        name: Type.String(),
        nodes: Type.Integer({ description: "active nodes of its catalogue" }),
        items: Type.Integer({ description: "published items filed under them" }),
      }),
    ),
    nodes: Type.Array(
      Type.Object({
        id: Type.String(),
        org: Type.Object({ code: Type.String(), name: Type.String() }),
        parent_id: Nullable(Type.String()),
        code: Type.String(),
        name: Type.String(),
        kind: Type.String({ description: "group | column (only columns hold items)" }),
        depth: Type.Integer(),
        path: Type.String({ description: "names from the top, separated by ' / '" }),
        update_rule: Type.String(),
        update_label: Type.String({ description: "更新要求, in Chinese" }),
        items: Type.Integer({ description: "published items filed directly under this node" }),
        url: Nullable(Type.String({ description: "its public list (columns)" })),
      }),
      { description: "every active node in tree order (parents before children)" },
    ),
  },
  {
    examples: [
      {
        orgs: [{ code: "gyx-zfb", name: "固阳县人民政府办公室", nodes: 1, items: 3 }],
        nodes: [
          {
            id: "0190a000-0000-7000-8000-0000000000c1",
            org: { code: "gyx-zfb", name: "固阳县人民政府办公室" },
            parent_id: null,
            code: "art20-01",
            name: "行政法规、规章和规范性文件",
            kind: "column",
            depth: 0,
            path: "行政法规、规章和规范性文件",
            update_rule: "days",
            update_label: "形成或变更之日起20个工作日内更新",
            items: 3,
            url: "/gk/list?node=0190a000-0000-7000-8000-0000000000c1",
          },
        ],
      },
    ],
  },
);

export const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
