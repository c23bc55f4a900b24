// Site health through the JSON API (staff tokens): the latest check with its evidence, and the history.
import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { authoriseHealth } from "./health.policy";
import { healthHistory, latestHealth } from "./health.runs";
import { checkSite } from "./health.service";

const TAGS = ["health"];
const SiteQuery = Type.Object({
  site: Type.Optional(
    Type.String({
      maxLength: 60,
      description: "the site's code (default: the token's own site; another site is 404)",
    }),
  ),
});

const Evidence = Type.Object({
  kind: Type.String(),
  key: Type.String(),
  name: Type.String(),
  org: Type.Union([Type.String(), Type.Null()]),
  node_id: Type.Union([Type.String(), Type.Null()]),
  latest: Type.Union([Type.String(), Type.Null()]),
  limit_days: Type.Integer(),
  href: Type.String(),
});
const nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const HealthBody = Type.Object({
  id: Type.Union([Type.String(), Type.Null()], {
    description: "the stored run; null before the first daily check",
  }),
  site_id: Type.String(),
  run_at: Type.String(),
  checked_on: Type.String(),
  verdict: Type.Union([Type.Literal("pass"), Type.Literal("fail")], {
    description: "pass 合格 / fail 不合格",
  }),
  score: Type.Integer({ description: "100 less the deductions; under 60 fails" }),
  vetoes: Type.Array(Type.String(), { description: "veto items found (单项否决)" }),
  deductions: Type.Array(
    Type.Object({ code: Type.String(), label: Type.String(), count: Type.Integer(), points: Type.Integer() }),
  ),
  home: Type.Object({
    latest: nullable(Type.String()),
    stale: Type.Boolean(),
    reachable: Type.Union([Type.Boolean(), Type.Null()]),
  }),
  serious_wording: Type.Array(
    Type.Object({
      item_id: Type.String(),
      title: Type.String(),
      wrong: Type.String(),
      right: Type.String(),
      href: Type.String(),
    }),
    { description: "严重表述错误 on published pages (veto item)" },
  ),
  stale_dynamic: Type.Array(Evidence),
  stale_notice_policy: Type.Array(Evidence),
  stale_long: Type.Array(Evidence),
  empty_columns: Type.Array(Evidence),
  missing_time: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), href: Type.String() })),
  broken_links: Type.Array(
    Type.Object({
      url: Type.String(),
      status: Type.Union([Type.Integer(), Type.Null()]),
      problem: nullable(Type.String()),
      page: Type.Object({ id: Type.String(), title: Type.String(), href: Type.String() }),
    }),
  ),
  unanswered_consults: Type.Array(
    Type.Object({
      id: Type.String(),
      tracking_code: Type.String(),
      received_on: Type.String(),
      replied_on: nullable(Type.String()),
      href: Type.String(),
    }),
  ),
  overdue_messages: Type.Array(
    Type.Object({
      id: Type.String(),
      tracking_code: Type.String(),
      due_on: nullable(Type.String()),
      href: Type.String(),
    }),
  ),
  links: Type.Object({ found: Type.Integer(), checked: Type.Integer(), known: Type.Integer() }),
  alerted: Type.Boolean(),
});

const HistoryBody = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      run_at: Type.String(),
      checked_on: Type.String(),
      verdict: Type.String(),
      score: Type.Integer(),
      vetoes: Type.Array(Type.String()),
      alerted: Type.Boolean(),
    }),
  ),
});

export function registerHealthApi(app: AppInstance, deps: Deps): void {
  app.get(
    "/api/v1/health/site",
    {
      schema: {
        tags: TAGS,
        operationId: "getSiteHealth",
        summary:
          "The site's health against the national inspection indicators (国办秘函〔2019〕19号): the latest daily check's predicted verdict (合格/不合格), veto items, deductions and the evidence of each indicator; before the first daily check, a check without the link pass",
        security: [{ bearerAuth: [] }],
        querystring: SiteQuery,
        response: { 200: HealthBody },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const site = await authoriseHealth(deps, user, req.query.site);
      const latest = await latestHealth(deps, site.id);
      if (latest) return latest;
      // Before the first daily check: computed now, not stored (id null), the links left to the daily pass.
      return { ...(await checkSite(deps, site.id, false)), id: null, alerted: false };
    },
  );

  app.get(
    "/api/v1/health/site/history",
    {
      schema: {
        tags: TAGS,
        operationId: "listSiteHealthHistory",
        summary:
          "The site's stored health checks, newest first (verdict, score, veto items, whether the office was alerted)",
        security: [{ bearerAuth: [] }],
        querystring: SiteQuery,
        response: { 200: HistoryBody },
      },
    },
    async (req) => {
      const site = await authoriseHealth(deps, requireUser(req), req.query.site);
      return { items: await healthHistory(deps, site.id) };
    },
  );
}
