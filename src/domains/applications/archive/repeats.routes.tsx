// Art. 44 (多次申请的政府信息): the back-office list with decisions, its JSON API, and the public page of
// the information included in proactive disclosure because many asked for it.
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../../deps";
import { AppError } from "../../../platform/errors";
import { sendAdminPage } from "../../../web/admin-page";
import { requireUser } from "../../../web/auth";
import { translator } from "../../../web/i18n";
import { addSectionLink, publicPage } from "../../../web/portal";
import type { AppInstance } from "../../../web/types";
import { addAdminNav, Flash, takeFlash } from "../../../web/views/admin-layout";
import { PublicLayout } from "../../../web/views/layout";
import { type CurrentUser, canAny } from "../../accounts";
import { ExportLinks } from "../../opendata/opendata.links";
import { loadOrgTree } from "../../orgs";
import { decideRepeatedGroup, findRepeatedGroups, includedRepeats } from "./repeats.service";
import { type DecisionFormState, RepeatedGroups } from "./repeats.views";

const date = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD" });
const PeriodQuery = Type.Object({
  from: Type.Optional(Type.Union([Type.Literal(""), date])),
  to: Type.Optional(Type.Union([Type.Literal(""), date])),
});
const DecideForm = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 20_000 }));

const GroupJson = Type.Object({
  key: Type.String({ description: "the group's first application id: pass it back to decide" }),
  summary: Type.String({ description: "the latest request, de-identified" }),
  count: Type.Integer(),
  applicants: Type.Integer({ description: "distinct applicants (identity blind index, else name and type)" }),
  latest_on: Type.String(),
  suggestions: Type.Integer({
    description: "applications whose applicant suggested proactive disclosure (Art. 44 para. 2)",
  }),
  applications: Type.Array(
    Type.Object({
      id: Type.String(),
      tracking_code: Type.String(),
      status: Type.String(),
      received_on: Type.Union([Type.String(), Type.Null()]),
      outcome: Type.Union([Type.String(), Type.Null()]),
      org_id: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  outcomes: Type.Array(Type.Object({ outcome: Type.String(), label: Type.String(), count: Type.Integer() })),
  orgs: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  holding_org_id: Type.Union([Type.String(), Type.Null()]),
  decision: Type.Optional(
    Type.Object({
      id: Type.String(),
      decision: Type.String(),
      title: Type.String(),
      reason: Type.Union([Type.String(), Type.Null()]),
      item_id: Type.Union([Type.String(), Type.Null()]),
      decided_at: Type.String(),
      covers_all: Type.Boolean({
        description: "false when applications joined the group after the decision",
      }),
    }),
  ),
});

const problemsOf = (e: AppError) => (e.details.length ? e.details : [{ code: e.code, message: e.message }]);

export function registerRepeatRoutes(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: "/admin/applications/repeated", label: "多次申请", action: "application.view" });
  addSectionLink("interaction", {
    path: "/hd/repeated",
    label: (lang) => translator(lang)("repeated.title"),
  });
  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    user: CurrentUser,
    q: { from?: string; to?: string },
    state?: DecisionFormState,
    status = 200,
  ) => {
    const [{ from, to, groups }, tree] = await Promise.all([
      findRepeatedGroups(deps, user, q),
      loadOrgTree(deps, user.siteId),
    ]);
    const orgs = tree
      .flatten(user.siteId)
      .map(({ org, depth }) => ({ code: org.code, id: org.id, name: org.name, depth }));
    return sendAdminPage(
      deps,
      reply,
      { user, title: "多次申请的政府信息", path: "/admin/applications", status },
      <>
        <Flash text={takeFlash(req)} />
        <p>
          <a href="/admin/applications">返回申请列表</a>
          {"　"}
          <a href="/admin/applications/archive">申请公开答复选登</a>
        </p>
        <RepeatedGroups
          groups={groups}
          from={from}
          to={to}
          csrf={reply.generateCsrf()}
          handles={canAny(user, "application.handle")}
          orgs={orgs}
          state={state}
        />
      </>,
    );
  };

  app.get(
    "/admin/applications/repeated",
    { schema: { hide: true, querystring: PeriodQuery } },
    async (req, reply) => {
      const user = requireUser(req);
      try {
        return await page(req, reply, user, req.query);
      } catch (e) {
        if (!(e instanceof AppError) || e.status !== 400) throw e;
        return page(req, reply, user, {}, { key: "", values: {}, problems: problemsOf(e) }, 400);
      }
    },
  );

  app.post(
    "/admin/applications/repeated/decide",
    { schema: { hide: true, body: DecideForm } },
    async (req, reply) => {
      const user = requireUser(req);
      const v = req.body;
      try {
        const d = await decideRepeatedGroup(deps, user, {
          key: v.key ?? "",
          from: v.from,
          to: v.to,
          decision: v.decision as "include" | "exclude",
          title: v.title,
          body: v.body,
          kind: v.kind,
          org: v.org,
          reason: v.reason,
        });
        req.session.set(
          "flash",
          d.decision === "include"
            ? "已决定纳入主动公开，并生成信息草稿；草稿须经保密审查和审签后发布。"
            : "已记录“不纳入”的决定。",
        );
        const u = new URLSearchParams({ from: v.from ?? "", to: v.to ?? "" });
        return reply.redirect(`/admin/applications/repeated?${u}`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500 || e.status === 403) throw e;
        return page(
          req,
          reply,
          user,
          { from: v.from, to: v.to },
          { key: v.key ?? "", values: v, problems: problemsOf(e) },
          e.status,
        );
      }
    },
  );

  app.get(
    "/api/v1/applications/repeated",
    {
      schema: {
        tags: ["applications"],
        summary: "Staff: groups of applications for the same information from ≥ 2 applicants (Art. 44)",
        description:
          "Period by date of receipt (default: the last 12 months). Merged applications are left out. Requests are the same when they cite the same document number, else when their de-identified, normalised texts share most character bigrams (Jaccard ≥ 0.5); different document numbers or years never match.",
        security: [{ bearer: [] }],
        querystring: PeriodQuery,
        response: {
          200: Type.Object({ from: Type.String(), to: Type.String(), groups: Type.Array(GroupJson) }),
        },
      },
    },
    async (req) => findRepeatedGroups(deps, requireUser(req), req.query),
  );

  app.post(
    "/api/v1/applications/repeated/decisions",
    {
      schema: {
        tags: ["applications"],
        summary: "Handlers: decide on a group (include: creates a draft item of the holding organisation)",
        security: [{ bearer: [] }],
        body: Type.Object(
          {
            key: Type.String({ maxLength: 40 }),
            from: Type.Optional(date),
            to: Type.Optional(date),
            decision: Type.Union([Type.Literal("include"), Type.Literal("exclude")]),
            title: Type.Optional(Type.String({ maxLength: 200 })),
            body: Type.Optional(Type.String({ maxLength: 200_000 })),
            kind: Type.Optional(Type.String({ maxLength: 20 })),
            org: Type.Optional(Type.String({ maxLength: 50, description: "organisation code" })),
            reason: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            id: Type.String(),
            decision: Type.String(),
            item_id: Type.Union([Type.String(), Type.Null()]),
            org_id: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (req, reply) => {
      const d = await decideRepeatedGroup(deps, requireUser(req), req.body);
      return reply.status(201).send({ id: d.id, decision: d.decision, item_id: d.item_id, org_id: d.org_id });
    },
  );

  publicPage(
    app,
    deps,
    "/hd/repeated",
    async (c) => {
      const rows = await includedRepeats(deps, c.site.id);
      return (
        <PublicLayout
          lang={c.lang}
          t={c.t}
          site={c.site}
          title={c.t("repeated.title")}
          path={c.path}
          section="interaction"
        >
          <h1 safe>{c.t("repeated.title")}</h1>
          <p safe>{c.t("repeated.intro")}</p>
          <ExportLinks t={c.t} path="/hd/repeated" />
          {rows.length === 0 ? (
            <p safe>{c.t("repeated.empty")}</p>
          ) : (
            <ul class="item-list">
              {rows.map((r) => (
                <li>
                  <a href={`${c.prefix}/gk/items/${r.item_id}`} safe>
                    {r.title}
                  </a>
                  <span
                    class="meta"
                    safe
                  >{`${c.t("repeated.count", { n: r.count })}　${c.t("repeated.decided_on", { date: r.decided_on })}`}</span>
                </li>
              ))}
            </ul>
          )}
        </PublicLayout>
      );
    },
    { cacheTtlMs: 60_000 },
  );
}
