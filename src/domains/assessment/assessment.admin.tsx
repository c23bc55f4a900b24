// Back-office pages of the assessment: /admin/assessment (indicators, deductions, run form, history), a run's
// ranking, one organisation's scores with their evidence, the Excel exports and an indicator's edit form with
// its hand-entered values. Forms post and redirect; refused input re-renders the form with every problem.
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import type { ErrorDetail } from "../../platform/errors";
import { shanghaiDateOf } from "../../platform/time";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import { runFormChange } from "../../web/form-problems";
import type { AppInstance } from "../../web/types";
import { addAdminNav, takeFlash } from "../../web/views/admin-layout";
import { Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import { canAny } from "../accounts";
import { loadOrgTree } from "../orgs";
import { sendEvidenceWorkbook, sendRankingWorkbook } from "./assessment.api";
import {
  addDefaultIndicators,
  createIndicator,
  enterManualValue,
  type IndicatorInput,
  listIndicatorsForUser,
  orgsOfIndicator,
  presentIndicator,
  saveDeductions,
  updateIndicatorForUser,
} from "./assessment.config";
import { parsePeriod } from "./assessment.periods";
import { authoriseAssessment, indicatorNotFound, mayAssess } from "./assessment.policy";
import { getOrgRunView, getRunView, listRunsForUser, runUrl } from "./assessment.present";
import * as repo from "./assessment.repo";
import { finaliseRun, runAssessment } from "./assessment.runs";
import {
  type FormValues,
  IndicatorForm,
  IndicatorsTable,
  OrgScores,
  Ranking,
  RunsTable,
} from "./assessment.views";

const FormBody = Type.Record(
  Type.String({ maxLength: 80 }),
  Type.Union([
    Type.String({ maxLength: 20_000 }),
    Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 }),
  ]),
);
const Params = Type.Object({ id: Type.String({ maxLength: 60 }) });
const OrgParams = Type.Object({ id: Type.String({ maxLength: 60 }), org: Type.String({ maxLength: 60 }) });
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);
const codes = (v: string | string[] | undefined) =>
  (one(v) ?? "")
    .split(/[,，、\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

const indicatorInput = (v: FormValues, isNew: boolean): IndicatorInput => ({
  ...(isNew ? { source: one(v.source), key: one(v.key) || null } : {}),
  name: one(v.name) ?? "",
  points: one(v.points) ?? "",
  period_kind: one(v.period_kind),
  org_kinds: list(v.org_kinds),
  orgs: codes(v.orgs),
  ...(isNew ? {} : { active: one(v.active) !== "0" }),
});

const ADMIN = "/admin/assessment";

export function registerAssessmentAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: ADMIN, label: "考核", action: "assessment.view" });

  const overview = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: { problems: ErrorDetail[]; status?: number; values?: FormValues; which?: string } = {
      problems: [],
    },
  ) => {
    const user = requireUser(req);
    const config = await listIndicatorsForUser(deps, user);
    const runs = await listRunsForUser(deps, user);
    const tree = await loadOrgTree(deps, user.siteId);
    const manage = mayAssess(user, "assessment.manage", tree);
    const csrf = reply.generateCsrf();
    const lastYear = String(Number(shanghaiDateOf(deps.clock.now()).slice(0, 4)) - 1);
    const problemsOf = (which: string) => (form.which === which ? form.problems : []);
    const valuesOf = (which: string) => (form.which === which ? (form.values ?? {}) : {});
    return sendAdminPage(
      deps,
      reply,
      { user, title: "政务公开考核", path: ADMIN, status: form.status, flash: takeFlash(req) },
      <>
        {manage ? (
          <section aria-labelledby="h-run">
            <h2 id="h-run">开展考核</h2>
            <form method="post" action={`${ADMIN}/runs`} class="stack" novalidate>
              <CsrfField token={csrf} />
              {problemsOf("run").length ? (
                <ErrorSummary title="未能开展考核：" problems={problemsOf("run")} />
              ) : (
                ""
              )}
              <Field
                name="period"
                label="考核期"
                required
                hint="年度填 2025；半年填 2025-H1；季度填 2025-Q3；月度填 2025-07。未确定结果前可重复计算。"
                value={one(valuesOf("run").period) ?? lastYear}
                problems={problemsOf("run")}
              />
              <button type="submit">计算考核结果</button>
            </form>
          </section>
        ) : (
          ""
        )}
        <section aria-labelledby="h-runs">
          <h2 id="h-runs">考核记录</h2>
          <RunsTable runs={runs} />
        </section>
        <section aria-labelledby="h-ind">
          <h2 id="h-ind">考核指标</h2>
          <IndicatorsTable items={config.items} mayManage={manage} />
          {manage ? (
            <>
              <form method="post" action={`${ADMIN}/indicators/defaults`}>
                <CsrfField token={csrf} />
                <button type="submit">添加系统计算的默认指标</button>
              </form>
              <h3>新增指标</h3>
              <IndicatorForm
                csrf={csrf}
                action={`${ADMIN}/indicators`}
                submit="新增指标"
                values={valuesOf("indicator")}
                problems={problemsOf("indicator")}
                available={config.available}
                isNew
              />
            </>
          ) : (
            ""
          )}
        </section>
        <section aria-labelledby="h-ded">
          <h2 id="h-ded">问责扣分</h2>
          <p
            safe
          >{`考核期内每次通报批评扣${config.deductions.criticism_points}分，每次约谈整改扣${config.deductions.interview_points}分（按决定日期计入）。`}</p>
          {manage ? (
            <form method="post" action={`${ADMIN}/deductions`} class="stack" novalidate>
              <CsrfField token={csrf} />
              {problemsOf("deductions").length ? (
                <ErrorSummary title="扣分标准未保存：" problems={problemsOf("deductions")} />
              ) : (
                ""
              )}
              <Field
                name="criticism_points"
                label="每次通报批评扣分"
                value={
                  one(valuesOf("deductions").criticism_points) ?? String(config.deductions.criticism_points)
                }
                problems={problemsOf("deductions")}
              />
              <Field
                name="interview_points"
                label="每次约谈整改扣分"
                value={
                  one(valuesOf("deductions").interview_points) ?? String(config.deductions.interview_points)
                }
                problems={problemsOf("deductions")}
              />
              <button type="submit">保存扣分标准</button>
            </form>
          ) : (
            ""
          )}
        </section>
      </>,
    );
  };

  app.get(ADMIN, { schema: { hide: true } }, (req, reply) => overview(req, reply));

  const post = (
    path: string,
    which: string,
    run: (req: FastifyRequest, v: FormValues) => Promise<{ flash: string; to: string }>,
  ) =>
    app.post(path, { schema: { hide: true, body: FormBody } }, async (req, reply) => {
      const v = (req.body ?? {}) as FormValues;
      return runFormChange(
        req,
        reply,
        () => run(req, v),
        (r) => overview(req, reply, { ...r, values: v, which }),
      );
    });

  post(`${ADMIN}/runs`, "run", async (req, v) => {
    const id = await runAssessment(deps, requireUser(req), one(v.period));
    return { flash: "已计算考核结果。", to: runUrl(id) };
  });
  post(`${ADMIN}/indicators`, "indicator", async (req, v) => {
    const i = await createIndicator(deps, requireUser(req), indicatorInput(v, true));
    return { flash: `已新增指标“${i.name}”。`, to: ADMIN };
  });
  post(`${ADMIN}/indicators/defaults`, "defaults", async (req) => {
    const added = await addDefaultIndicators(deps, requireUser(req));
    return { flash: added.length ? `已添加${added.length}项默认指标。` : "默认指标均已添加。", to: ADMIN };
  });
  post(`${ADMIN}/deductions`, "deductions", async (req, v) => {
    await saveDeductions(deps, requireUser(req), {
      criticism_points: one(v.criticism_points) ?? "",
      interview_points: one(v.interview_points) ?? "",
    });
    return { flash: "已保存问责扣分标准。", to: ADMIN };
  });

  // ---------- one indicator: edit, hand-entered values ----------

  const indicatorPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: { problems: ErrorDetail[]; status?: number; values?: FormValues; which?: string } = {
      problems: [],
    },
  ) => {
    const user = requireUser(req);
    const tree = await loadOrgTree(deps, user.siteId);
    authoriseAssessment(user, "assessment.view", user.siteId, tree);
    const row = await repo.findIndicator(deps.db.kysely, id);
    if (!row || row.site_id !== user.siteId) throw indicatorNotFound();
    const ind = presentIndicator(row, tree);
    const manage = mayAssess(user, "assessment.manage", tree);
    const csrf = reply.generateCsrf();
    const q = req.query as { period?: string };
    const period =
      parsePeriod(one(form.values?.period) ?? q.period ?? "") ??
      parsePeriod(String(Number(shanghaiDateOf(deps.clock.now()).slice(0, 4)) - 1))!;
    const manual =
      row.source === "manual" && period.kind === row.period_kind
        ? new Map((await repo.listManual(deps.db.kysely, [row.id], period.code)).map((m) => [m.org_id, m]))
        : new Map();
    const edit = form.which === "edit" ? (form.values ?? {}) : undefined;
    return sendAdminPage(
      deps,
      reply,
      { user, title: `考核指标：${ind.name}`, path: ADMIN, status: form.status, flash: takeFlash(req) },
      <>
        <p>
          <a href={ADMIN}>返回考核</a>
        </p>
        <p safe>{ind.description}</p>
        {manage ? (
          <IndicatorForm
            csrf={csrf}
            action={`${ADMIN}/indicators/${ind.id}`}
            submit="保存指标"
            values={
              edit ?? {
                name: ind.name,
                points: String(ind.points),
                period_kind: ind.period_kind,
                org_kinds: ind.org_kinds,
                orgs: ind.orgs.map((o) => o.code).join(","),
                active: ind.active ? "1" : "0",
              }
            }
            problems={form.which === "edit" ? form.problems : []}
            isNew={false}
          />
        ) : (
          ""
        )}
        {row.source === "manual" ? (
          <section aria-labelledby="h-values">
            <h2 id="h-values" safe>{`${period.label}得分录入`}</h2>
            <form method="get" action={`${ADMIN}/indicators/${ind.id}`} class="filters">
              <Field name="period" label="考核期" value={period.code} />
              <button type="submit">查看</button>
            </form>
            {form.which === "value" && form.problems.length ? (
              <ErrorSummary title="得分未保存：" problems={form.problems} />
            ) : (
              ""
            )}
            <table>
              <thead>
                <tr>
                  <th scope="col">单位</th>
                  <th scope="col">得分与依据</th>
                </tr>
              </thead>
              <tbody>
                {orgsOfIndicator(row, tree, user.siteId).map((o) => {
                  const m = manual.get(o.id);
                  const mine = form.which === "value" && one(form.values?.org) === o.code;
                  return (
                    <tr>
                      <th scope="row" safe>
                        {o.name}
                      </th>
                      <td>
                        {manage ? (
                          <form
                            method="post"
                            action={`${ADMIN}/indicators/${ind.id}/values`}
                            class="stack"
                            novalidate
                          >
                            <CsrfField token={csrf} />
                            <input type="hidden" name="period" value={period.code} />
                            <input type="hidden" name="org" value={o.code} />
                            <Field
                              id={`points-${o.code}`}
                              name="points"
                              label={`得分（0至${ind.points}分）`}
                              value={mine ? one(form.values?.points) : m ? String(m.points) : ""}
                              problems={mine ? form.problems : []}
                            />
                            <Field
                              id={`note-${o.code}`}
                              as="textarea"
                              name="note"
                              label="评分依据"
                              rows={2}
                              value={mine ? one(form.values?.note) : (m?.note ?? "")}
                              problems={mine ? form.problems : []}
                            />
                            <button type="submit">保存</button>
                          </form>
                        ) : m ? (
                          <span safe>{`${m.points}分：${m.note}`}</span>
                        ) : (
                          "未录入"
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        ) : (
          ""
        )}
      </>,
    );
  };

  app.get(`${ADMIN}/indicators/:id`, { schema: { hide: true, params: Params } }, (req, reply) =>
    indicatorPage(req, reply, req.params.id),
  );

  app.post(
    `${ADMIN}/indicators/:id`,
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) => {
      const v = (req.body ?? {}) as FormValues;
      return runFormChange(
        req,
        reply,
        async () => {
          const i = await updateIndicatorForUser(
            deps,
            requireUser(req),
            req.params.id,
            indicatorInput(v, false),
          );
          return { flash: `已保存指标“${i.name}”。`, to: `${ADMIN}/indicators/${i.id}` };
        },
        (r) => indicatorPage(req, reply, req.params.id, { ...r, values: v, which: "edit" }),
      );
    },
  );

  app.post(
    `${ADMIN}/indicators/:id/values`,
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) => {
      const v = (req.body ?? {}) as FormValues;
      return runFormChange(
        req,
        reply,
        async () => {
          const saved = await enterManualValue(deps, requireUser(req), req.params.id, {
            period: one(v.period),
            org: one(v.org),
            points: one(v.points) ?? "",
            note: one(v.note),
          });
          return {
            flash: "已保存得分。",
            to: `${ADMIN}/indicators/${req.params.id}?period=${encodeURIComponent(saved.period)}`,
          };
        },
        (r) => indicatorPage(req, reply, req.params.id, { ...r, values: v, which: "value" }),
      );
    },
  );

  // ---------- runs ----------

  const runPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    problems: ErrorDetail[] = [],
    status?: number,
  ) => {
    const user = requireUser(req);
    const run = await getRunView(deps, user, id);
    const tree = await loadOrgTree(deps, user.siteId);
    const manage = mayAssess(user, "assessment.manage", tree);
    return sendAdminPage(
      deps,
      reply,
      { user, title: `${run.period_label}政务公开考核`, path: ADMIN, status, flash: takeFlash(req) },
      <>
        <p>
          <a href={ADMIN}>返回考核</a>
        </p>
        {problems.length ? <ErrorSummary title="未能确定考核结果：" problems={problems} /> : ""}
        <dl class="meta-table">
          <dt>考核期</dt>
          <dd safe>{`${run.from_on} 至 ${run.to_on}`}</dd>
          <dt>状态</dt>
          <dd safe>{`${run.status_label}（第${run.version}次计算）`}</dd>
          <dt>计算</dt>
          <dd safe>{`${run.computed_by}，${run.computed_at.slice(0, 16).replace("T", " ")}（UTC）`}</dd>
          {run.finalised_at ? (
            <>
              <dt>确定</dt>
              <dd
                safe
              >{`${run.finalised_by ?? ""}，${run.finalised_at.slice(0, 16).replace("T", " ")}（UTC）`}</dd>
            </>
          ) : (
            ""
          )}
        </dl>
        <p>
          <a href={`${runUrl(run.id)}/ranking.xlsx`}>导出排名（Excel）</a>
        </p>
        {manage && run.status === "draft" ? (
          <form method="post" action={`${runUrl(run.id)}/finalise`}>
            <CsrfField token={reply.generateCsrf()} />
            <p>确定后本考核期不能再重新计算，手工录入的得分也不能再修改。</p>
            <button type="submit">确定考核结果</button>
          </form>
        ) : (
          ""
        )}
        <Ranking run={run} />
        <p>点击单位或得分查看每项得分的评分依据。</p>
      </>,
    );
  };

  app.get(`${ADMIN}/runs/:id`, { schema: { hide: true, params: Params } }, (req, reply) =>
    runPage(req, reply, req.params.id),
  );

  app.post(`${ADMIN}/runs/:id/finalise`, { schema: { hide: true, params: Params } }, async (req, reply) =>
    runFormChange(
      req,
      reply,
      async () => {
        await finaliseRun(deps, requireUser(req), req.params.id);
        return { flash: "已确定考核结果。", to: runUrl(req.params.id) };
      },
      (r) => runPage(req, reply, req.params.id, r.problems, r.status),
    ),
  );

  app.get(`${ADMIN}/runs/:id/ranking.xlsx`, { schema: { hide: true, params: Params } }, (req, reply) =>
    sendRankingWorkbook(deps, requireUser(req), req.params.id, reply),
  );

  app.get(
    `${ADMIN}/runs/:id/orgs/:org`,
    { schema: { hide: true, params: OrgParams } },
    async (req, reply) => {
      const user = requireUser(req);
      const view = await getOrgRunView(deps, user, req.params.id, req.params.org);
      return sendAdminPage(
        deps,
        reply,
        { user, title: `${view.run.period_label}考核：${view.org.name}`, path: ADMIN, flash: takeFlash(req) },
        <>
          <p>
            <a href={runUrl(view.run.id)}>返回排名</a>{" "}
            <a href={`${runUrl(view.run.id)}/orgs/${view.org.id}/evidence.xlsx`}>导出评分依据（Excel）</a>
          </p>
          <OrgScores view={view} mayRecord={canAny(user, "accountability.record")} />
        </>,
      );
    },
  );

  app.get(
    `${ADMIN}/runs/:id/orgs/:org/evidence.xlsx`,
    { schema: { hide: true, params: OrgParams } },
    (req, reply) =>
      sendEvidenceWorkbook(
        deps,
        requireUser(req),
        req.params.id,
        req.params.org,
        `${req.protocol}://${req.host}`,
        reply,
      ),
  );
}
