import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { notFound } from "../../platform/errors";
import type { AppInstance } from "../../web/types";
import { resolvePublicSite } from "../orgs";
import { canonicalContentV1, publishedFileShas } from "./integrity.canonical";
import { chainView, parseDayRange } from "./integrity.present";
import * as repo from "./integrity.repo";
import { parseSha256, verifySha256 } from "./integrity.verify";

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const VerifyMatchJson = Type.Object({
  type: Type.Union([Type.Literal("item"), Type.Literal("attachment"), Type.Literal("gazette")]),
  id: Type.String(),
  title: Type.String(),
  url: Type.String(),
  published_at: Nullable(Type.String()),
  status: Type.String({
    description: "published, superseded or withdrawn (published once, no longer public)",
  }),
  item_id: Type.String(),
  filename: Nullable(Type.String()),
});

const VerifyJson = Type.Object({ found: Type.Boolean(), matches: Type.Array(VerifyMatchJson) });

const LeafJson = Type.Object({
  id: Type.String(),
  content_sha256: Type.String(),
  attachments: Type.Array(Type.String()),
});

const DayJson = Type.Object({
  day: Type.String({ description: "Asia/Shanghai calendar day, YYYY-MM-DD" }),
  prev_hash: Type.String(),
  hash: Type.String(),
  leaf_count: Type.Integer(),
  leaves: Type.Array(LeafJson),
  sealed_at: Type.String(),
});

const ChainJson = Type.Object({
  site_id: Type.String(),
  genesis: Type.String(),
  days: Type.Array(DayJson),
});

export function registerIntegrityApi(app: AppInstance, deps: Deps): void {
  app.get(
    "/api/v1/verify",
    {
      schema: {
        tags: ["integrity"],
        summary: "Which publication of this site has this SHA-256 (an item's content or a published file)",
        security: [],
        querystring: Type.Object({ sha256: Type.Optional(Type.String({ maxLength: 200 })) }),
        response: { 200: VerifyJson },
      },
    },
    async (req) => {
      const sha = parseSha256(req.query.sha256);
      const site = await resolvePublicSite(deps, req);
      return verifySha256(deps, site.id, sha);
    },
  );

  app.get(
    "/api/v1/integrity/chain",
    {
      schema: {
        tags: ["integrity"],
        summary:
          "The daily publication chain of this site (at most 366 days; the last 30 records by default)",
        security: [],
        querystring: Type.Object({
          from: Type.Optional(Type.String({ maxLength: 20 })),
          to: Type.Optional(Type.String({ maxLength: 20 })),
        }),
        response: { 200: ChainJson },
      },
    },
    async (req) => {
      const range = parseDayRange(req.query.from, req.query.to);
      const site = await resolvePublicSite(deps, req);
      return chainView(deps, site.id, range);
    },
  );

  app.get(
    "/api/v1/integrity/items/:id/canonical",
    {
      schema: {
        tags: ["integrity"],
        summary: "The exact bytes an item's content_sha256 is computed over, from its live content",
        security: [],
        params: Type.Object({ id: Type.String({ maxLength: 40 }) }),
      },
    },
    async (req, reply) => {
      const site = await resolvePublicSite(deps, req);
      const item = await repo.findHashedItem(deps.db.kysely, req.params.id);
      // Only what was published: a draft's content is nobody's business outside the office.
      if (
        !item?.published_at ||
        item.site_id !== site.id ||
        !repo.PUBLISHED_ONCE.some((s) => s === item.status)
      )
        throw notFound("信息");
      const atts = (await repo.attachmentsOf(deps.db.kysely, [item.id])).get(item.id) ?? [];
      const body = Buffer.from(canonicalContentV1(item, publishedFileShas(atts)), "utf8");
      return reply.type("application/json; charset=utf-8").send(body);
    },
  );
}
