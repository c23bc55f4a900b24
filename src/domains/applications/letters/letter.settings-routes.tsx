// 答复书设置: the site's next-higher people's government and the review routes of vertically led organs and
// branches, which decide the review body every reply letter names (行政复议法 Art. 24, 27). A back-office page
// (/admin/letter-settings), a dashboard warning while a setting the law needs is missing, and the JSON API.
import { Type } from "@sinclair/typebox";
import type { FastifyReply } from "fastify";
import type { Deps } from "../../../deps";
import { AppError, type ErrorDetail } from "../../../platform/errors";
import { authorizeAny, requireUser } from "../../../web/auth";
import { addDashboardPanel } from "../../../web/dashboard";
import type { AppInstance } from "../../../web/types";
import { AdminLayout, addAdminNav, takeFlash } from "../../../web/views/admin-layout";
import { Field } from "../../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../../web/views/layout";
import type { CurrentUser } from "../../accounts";
import { siteById } from "../../orgs";
import { REVIEW_ROUTE_LABELS, REVIEW_ROUTES } from "./letter.remedies";
import {
  type ReviewOverviewRow,
  reviewOverview,
  setParentGovernment,
  setReviewRoute,
} from "./letter.settings";

export const LETTER_SETTINGS_PATH = "/admin/letter-settings";
const html = "text/html; charset=utf-8";

type Overview = Awaited<ReturnType<typeof reviewOverview>>;
interface FormState {
  /** Which form the problems belong to: "parent" or an org code. */
  form: string;
  problems: ErrorDetail[];
  values: Record<string, string>;
}

function refused(e: unknown): ErrorDetail[] {
  if (!(e instanceof AppError) || e.status >= 500) throw e;
  return e.details.length ? e.details : [{ code: e.code, message: e.message }];
}

/** The problems an office must fix before its letters can name the review body. */
export function setupProblems(overview: Overview): string[] {
  const messages = overview.rows.filter((r) => r.problem).map((r) => r.problem as string);
  return [...new Set(messages)];
}

const ROUTE_TEXT = (r: ReviewOverviewRow) =>
  r.siteGovernment
    ? "本级人民政府"
    : r.route === "vertical"
      ? "垂直领导机关"
      : r.route === "branch"
        ? "派出机构"
        : "按机构类型";

function ParentForm(p: { csrf: string; overview: Overview; state?: FormState }) {
  const state = p.state?.form === "parent" ? p.state : undefined;
  const value = state?.values.parent_government ?? p.overview.parentGovernment ?? "";
  return (
    <section aria-labelledby="parent-title">
      <h2 id="parent-title">上一级人民政府</h2>
      <ErrorSummary title="未保存，请修改以下问题：" problems={state?.problems ?? []} />
      <form method="post" action={LETTER_SETTINGS_PATH} class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <Field
          name="parent_government"
          label="上一级人民政府名称"
          hint={`对${p.overview.siteGovernment || "本级人民政府"}作出的答复不服的，向上一级人民政府申请行政复议（《行政复议法》第二十四条）。请填写全称，例如“包头市人民政府”。未填写时，本级人民政府的答复书无法生成。`}
          maxlength={100}
          value={value}
          problems={state?.problems}
        />
        <button type="submit">保存</button>
      </form>
    </section>
  );
}

function RouteForm(p: { csrf: string; row: ReviewOverviewRow; state?: FormState }) {
  const state = p.state?.form === p.row.code ? p.state : undefined;
  const route = state?.values.route ?? p.row.route ?? "";
  const body = state?.values.review_body ?? p.row.reviewBody ?? "";
  const id = (f: string) => `${f}-${p.row.code}`;
  return (
    <form
      method="post"
      action={`${LETTER_SETTINGS_PATH}/orgs/${encodeURIComponent(p.row.code)}`}
      class="inline"
      novalidate
    >
      <CsrfField token={p.csrf} />
      {state ? (
        <div class="notice warn" role="alert" id={id("errors")}>
          <ul>
            {state.problems.map((x) => (
              <li safe>{x.message}</li>
            ))}
          </ul>
        </div>
      ) : (
        ""
      )}
      <Field
        as="select"
        name="route"
        id={id("route")}
        label={`${p.row.name}的复议途径`}
        labelHidden
        value={route}
        blank="按机构类型"
        choices={REVIEW_ROUTES.map((r) => ({
          value: r,
          label: r === "vertical" ? "垂直领导机关" : "派出机构",
        }))}
        problems={state?.problems}
      />
      <Field
        name="review_body"
        id={id("review_body")}
        label={`${p.row.name}的复议机关`}
        labelHidden
        maxlength={100}
        value={body}
        placeholder="上一级主管部门或市人民政府"
        problems={state?.problems}
      />
      <button type="submit" class="secondary" safe>{`保存${p.row.name}的设置`}</button>
    </form>
  );
}

function LetterSettingsPage(p: {
  user: CurrentUser;
  csrf: string;
  siteName: string;
  overview: Overview;
  flash?: string;
  state?: FormState;
}) {
  const problems = setupProblems(p.overview);
  return (
    <AdminLayout
      user={p.user}
      csrf={p.csrf}
      title="答复书设置"
      path={LETTER_SETTINGS_PATH}
      siteName={p.siteName}
      flash={p.flash}
    >
      <p>
        政府信息公开申请答复书写明的行政复议机关，按作出答复的机关确定（《中华人民共和国行政复议法》2023年修订，
        2024年1月1日起施行）：县人民政府工作部门的答复，向县人民政府申请；县人民政府的答复，向上一级人民政府申请；
        乡镇人民政府的答复，向县人民政府申请；海关、金融、外汇管理、税务、国家安全等实行垂直领导的机关，向上一级主管部门申请；
        设区的市人民政府工作部门按行政区划设立的派出机构（如“某市某局某县分局”），向市人民政府申请，也可以向所在地的县人民政府申请。
      </p>
      {problems.length ? (
        <div class="notice warn" role="alert">
          <p>以下答复书目前无法生成，请先完成设置：</p>
          <ul>
            {problems.map((m) => (
              <li safe>{m}</li>
            ))}
          </ul>
        </div>
      ) : (
        ""
      )}
      <ParentForm csrf={p.csrf} overview={p.overview} state={p.state} />
      <section aria-labelledby="routes-title">
        <h2 id="routes-title">各机关的行政复议机关</h2>
        <ul class="hint">
          {REVIEW_ROUTES.map((r) => (
            <li safe>{`${r === "vertical" ? "垂直领导机关" : "派出机构"}：${REVIEW_ROUTE_LABELS[r]}`}</li>
          ))}
        </ul>
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">各机关答复书的行政复议机关</caption>
            <thead>
              <tr>
                <th scope="col">机关</th>
                <th scope="col">复议途径</th>
                <th scope="col">答复书写明的行政复议机关</th>
                <th scope="col">修改</th>
              </tr>
            </thead>
            <tbody>
              {p.overview.rows.map((r) => (
                <tr>
                  <td safe>{r.name}</td>
                  <td>{ROUTE_TEXT(r)}</td>
                  <td safe>{r.problem ? `未设置：${r.problem}` : r.bodies.join("或者")}</td>
                  <td>
                    {r.siteGovernment ? (
                      <a href="#parent_government">由上方的“上一级人民政府名称”决定</a>
                    ) : (
                      <RouteForm csrf={p.csrf} row={r} state={p.state} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </AdminLayout>
  );
}

const OverviewView = Type.Object({
  parent_government: Type.Union([Type.String(), Type.Null()]),
  site_government: Type.String(),
  organs: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      route: Type.Union([Type.String(), Type.Null()]),
      review_body: Type.Union([Type.String(), Type.Null()]),
      review_bodies: Type.Array(Type.String()),
      problem: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

const asJson = (o: Overview) => ({
  parent_government: o.parentGovernment,
  site_government: o.siteGovernment,
  organs: o.rows.map((r) => ({
    code: r.code,
    name: r.name,
    route: r.route,
    review_body: r.reviewBody,
    review_bodies: r.bodies,
    problem: r.problem,
  })),
});

export function registerLetterSettingsRoutes(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: LETTER_SETTINGS_PATH, label: "答复书设置", action: "site.settings" });
  addDashboardPanel({
    id: "letter-settings",
    title: "答复书设置",
    action: "site.settings",
    async load(d, user) {
      const problems = setupProblems(await reviewOverview(d, user.siteId));
      return {
        href: LETTER_SETTINGS_PATH,
        count: problems.length || undefined,
        lines: problems.length
          ? problems.map((text) => ({ text, href: LETTER_SETTINGS_PATH }))
          : [{ text: "各机关答复书的行政复议机关均已确定。", href: LETTER_SETTINGS_PATH }],
      };
    },
  });

  const render = async (
    reply: FastifyReply,
    user: CurrentUser,
    extra: { status?: number; flash?: string; state?: FormState } = {},
  ) => {
    const site = await siteById(deps, user.siteId);
    const overview = await reviewOverview(deps, user.siteId);
    return reply
      .status(extra.status ?? 200)
      .type(html)
      .send(
        <LetterSettingsPage
          user={user}
          csrf={reply.generateCsrf()}
          siteName={site.name}
          overview={overview}
          flash={extra.flash}
          state={extra.state}
        />,
      );
  };

  app.get(LETTER_SETTINGS_PATH, { schema: { hide: true } }, async (req, reply) => {
    const user = requireUser(req);
    authorizeAny(user, "site.settings");
    const flash = takeFlash(req);
    return render(reply, user, flash ? { flash } : {});
  });

  app.post(
    LETTER_SETTINGS_PATH,
    {
      schema: {
        hide: true,
        body: Type.Object({
          parent_government: Type.String({ maxLength: 200 }),
          _csrf: Type.Optional(Type.String()),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      authorizeAny(user, "site.settings");
      try {
        const r = await setParentGovernment(deps, user, req.body.parent_government);
        req.session.set(
          "flash",
          r.parent_government
            ? `上一级人民政府名称已保存：${r.parent_government}。`
            : "已清除上一级人民政府名称。",
        );
        return reply.redirect(LETTER_SETTINGS_PATH, 303);
      } catch (e) {
        const problems = refused(e);
        if (problems.some((p) => p.code === "role_not_allowed" || p.code === "org_not_allowed")) throw e;
        return render(reply, user, {
          status: 400,
          state: { form: "parent", problems, values: { parent_government: req.body.parent_government } },
        });
      }
    },
  );

  app.post(
    `${LETTER_SETTINGS_PATH}/orgs/:orgCode`,
    {
      schema: {
        hide: true,
        params: Type.Object({ orgCode: Type.String({ maxLength: 50 }) }),
        body: Type.Object({
          route: Type.Optional(Type.String({ maxLength: 20 })),
          review_body: Type.Optional(Type.String({ maxLength: 200 })),
          _csrf: Type.Optional(Type.String()),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      authorizeAny(user, "site.settings");
      const { _csrf, ...values } = req.body;
      try {
        await setReviewRoute(deps, user, req.params.orgCode, values);
        req.session.set("flash", "复议途径已保存。");
        return reply.redirect(LETTER_SETTINGS_PATH, 303);
      } catch (e) {
        const problems = refused(e);
        if (problems.some((p) => ["role_not_allowed", "org_not_allowed", "org_not_found"].includes(p.code)))
          throw e;
        return render(reply, user, {
          status: 400,
          state: {
            form: req.params.orgCode,
            problems,
            values: { route: values.route ?? "", review_body: values.review_body ?? "" },
          },
        });
      }
    },
  );

  app.get(
    "/api/v1/sites/current/letter-settings",
    {
      schema: {
        tags: ["applications"],
        summary: "Who reviews each organ's reply letters, and what is missing (行政复议法 Art. 24, 27)",
        security: [{ bearer: [] }],
        response: { 200: OverviewView },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return asJson(await reviewOverview(deps, user.siteId));
    },
  );

  app.put(
    "/api/v1/sites/current/letter-settings",
    {
      schema: {
        tags: ["applications"],
        summary: "Set the next-higher people's government of the user's site (site admin; audited)",
        security: [{ bearer: [] }],
        body: Type.Object(
          {
            parent_government: Type.String({ maxLength: 200, description: 'e.g. 包头市人民政府; "" clears' }),
          },
          { additionalProperties: false },
        ),
        response: { 200: OverviewView },
      },
    },
    async (req) => {
      const user = requireUser(req);
      await setParentGovernment(deps, user, req.body.parent_government);
      return asJson(await reviewOverview(deps, user.siteId));
    },
  );

  app.put(
    "/api/v1/orgs/:orgCode/review-route",
    {
      schema: {
        tags: ["applications"],
        summary: 'Set an organ\'s review route: vertical (Art. 27) or branch (Art. 24 ¶4), or "" (by kind)',
        security: [{ bearer: [] }],
        params: Type.Object({ orgCode: Type.String({ maxLength: 50 }) }),
        body: Type.Object(
          {
            route: Type.String({ maxLength: 20, description: 'vertical, branch or ""' }),
            review_body: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            code: Type.String(),
            route: Type.Union([Type.String(), Type.Null()]),
            review_body: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return setReviewRoute(deps, user, req.params.orgCode, req.body);
    },
  );
}
