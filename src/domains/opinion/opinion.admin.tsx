// Back office: /admin/opinion (warnings, cases, scan now), /admin/opinion/cases/new, /admin/opinion/cases/{id}
// (facts, clocks, response, events, accountability and their forms), /admin/opinion/settings (clocks,
// thresholds, keywords, feed import). Forms POST and redirect (303); a refused form shows the page again with
// every problem. Sign-in and CSRF: the back-office hook (web/auth.ts).
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { formatShanghai, shanghaiDateOf } from "../../platform/time";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import { problemsOf, recordFormChange, runFormChange } from "../../web/form-problems";
import type { AppInstance } from "../../web/types";
import { addAdminNav, takeFlash } from "../../web/views/admin-layout";
import { ErrorList } from "../../web/views/error-list";
import { type Choice, Field } from "../../web/views/fields";
import { CsrfField } from "../../web/views/layout";
import { actorOf, type CurrentUser, can, canAny } from "../accounts";
import { loadOrgTree, type OrgTree } from "../orgs";
import {
  drainUpload,
  openUpload,
  readMultipartFields,
} from "../publishing/attachments/attachments.multipart";
import {
  AccountabilityForm,
  AccountabilityList,
  CaseFacts,
  ClockTable,
  categoryChoices,
  EventForm,
  EventList,
  levelChoices,
  ResponseForm,
  ResponseSection,
  StepForms,
  type Values,
  WarningTable,
} from "./opinion.admin-views";
import { clocksOf, isLate } from "./opinion.clocks";
import { FEED_MAX_BYTES, importFeed } from "./opinion.feeds";
import { mayAct, maySiteWide } from "./opinion.policy";
import { caseUrl, presentCase } from "./opinion.present";
import { draftResponse, holdToAccount } from "./opinion.response";
import { listWarningsFor, scanNow } from "./opinion.scan";
import type { CaseActionInput, EventInput } from "./opinion.schemas";
import {
  addCaseEvent,
  createCase,
  listCasesForStaff,
  loadCaseForStaff,
  offeredSteps,
  performCaseStep,
} from "./opinion.service";
import {
  addKeyword,
  listKeywordsFor,
  type OpinionSettings,
  removeKeyword,
  SETTING_LABELS,
  saveSettings,
  settingsOf,
} from "./opinion.settings";
import { CATEGORY_LABELS, LEVEL_LABELS, STATUS_LABELS } from "./opinion.steps";

const FormBody = Type.Record(Type.String({ maxLength: 80 }), Type.String({ maxLength: 200_000 }));
const Params = Type.Object({ id: Type.String({ maxLength: 40 }) });

const orgChoices = (
  user: CurrentUser,
  tree: OrgTree,
  action: "opinion.manage" | "opinion.handle",
): Choice[] =>
  tree
    .flatten(user.siteId)
    .filter((e) => mayAct(user, action, { site_id: user.siteId, org_id: e.org.id }, tree))
    .map((e) => ({ value: e.org.code, label: e.org.name }));

export function registerOpinionAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: "/admin/opinion", label: "舆情回应", action: "opinion.view" });

  app.get("/admin/opinion", { schema: { hide: true } }, async (req, reply) => {
    const user = requireUser(req);
    const { rows, tree } = await listCasesForStaff(deps, user);
    const siteWide = maySiteWide(user, "opinion.view", tree);
    const manage = maySiteWide(user, "opinion.manage", tree);
    const warnings = siteWide ? (await listWarningsFor(deps, user)).slice(0, 20) : [];
    const settings = await settingsOf(deps.db.kysely, user.siteId);
    const now = deps.clock.now();
    return sendAdminPage(
      deps,
      reply,
      { user, title: "舆情回应", path: "/admin/opinion", flash: takeFlash(req) },
      <>
        {manage ? (
          <p class="actions">
            <a href="/admin/opinion/cases/new">登记舆情事件</a>
            {" · "}
            <a href="/admin/opinion/settings">时限、预警和关键词设置</a>
          </p>
        ) : (
          ""
        )}
        {siteWide ? (
          <section aria-labelledby="warnings-title">
            <h2 id="warnings-title">舆情预警</h2>
            <p
              class="hint"
              safe
            >{`对本县留言、12345工单、依申请公开和征求意见及导入的新闻舆情，按关键词和话题突增（${settings.window_hours}小时内不少于${settings.burst_min}条且达到基线的${settings.burst_ratio}倍）自动预警，每日扫描一次。`}</p>
            {manage ? (
              <form method="post" action="/admin/opinion/scan" class="inline">
                <CsrfField token={reply.generateCsrf()} />
                <button type="submit">立即扫描</button>
              </form>
            ) : (
              ""
            )}
            <WarningTable items={warnings} />
          </section>
        ) : (
          ""
        )}
        <section aria-labelledby="cases-title">
          <h2 id="cases-title">舆情事件</h2>
          {rows.length ? (
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">事件</th>
                  <th scope="col">级别</th>
                  <th scope="col">类别</th>
                  <th scope="col">第一责任单位</th>
                  <th scope="col">状态</th>
                  <th scope="col">时限</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const clocks = clocksOf(r, settings, now);
                  const open = clocks.filter((c) => c.state === "due" || c.state === "overdue");
                  return (
                    <tr>
                      <td>
                        <a href={caseUrl(r.id)} safe>
                          {r.title}
                        </a>
                      </td>
                      <td safe>{LEVEL_LABELS[r.level]}</td>
                      <td safe>{CATEGORY_LABELS[r.category]}</td>
                      <td safe>{tree.get(r.org_id)?.name ?? ""}</td>
                      <td safe>{STATUS_LABELS[r.status]}</td>
                      <td>
                        {open.length
                          ? open
                              .map((c) => `${c.label}：${c.state_label}（${formatShanghai(c.due_at)}前）`)
                              .join("；")
                          : isLate(clocks)
                            ? "超时完成"
                            : clocks.length
                              ? "按时完成"
                              : "—"}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : (
            <p>暂无舆情事件。</p>
          )}
        </section>
      </>,
    );
  });

  app.post("/admin/opinion/scan", { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const user = requireUser(req);
    const raised = await scanNow(deps, user, actorOf(user));
    req.session.set(
      "flash",
      raised.length
        ? `扫描完成，新增 ${raised.length} 条预警，已生成待研判的舆情事件。`
        : "扫描完成，没有新的预警。",
    );
    return reply.redirect("/admin/opinion", 303);
  });

  // ------------------------------------------------------------------------------------ new case
  const newForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    problems: ErrorDetail[],
    status = 200,
  ) => {
    const user = requireUser(req);
    const tree = await loadOrgTree(deps, user.siteId);
    return sendAdminPage(
      deps,
      reply,
      { user, title: "登记舆情事件", path: "/admin/opinion", status },
      <form method="post" action="/admin/opinion/cases/new" class="stack">
        <ErrorList problems={problems} />
        <CsrfField token={reply.generateCsrf()} />
        <Field name="title" label="事件名称" required value={values.title} problems={problems} />
        <Field
          name="summary"
          as="textarea"
          rows={4}
          label="事件概要"
          hint="在哪里、涉及谁、传播范围。"
          value={values.summary}
          problems={problems}
        />
        <Field
          name="level"
          as="select"
          label="舆情级别"
          choices={levelChoices}
          value={values.level ?? "general"}
          problems={problems}
        />
        <Field
          name="category"
          as="select"
          label="舆情类别"
          choices={categoryChoices}
          value={values.category}
          problems={problems}
        />
        <Field
          name="org"
          as="select"
          label="第一责任单位"
          hint="谁主管谁负责。"
          choices={orgChoices(user, tree, "opinion.manage")}
          value={values.org}
          problems={problems}
        />
        <Field
          name="discovered_at"
          type="datetime-local"
          label="发现时间（默认现在；回应时限从此时起算）"
          value={values.discovered_at}
          problems={problems}
        />
        <button type="submit">登记</button>
      </form>,
    );
  };
  app.get("/admin/opinion/cases/new", { schema: { hide: true } }, async (req, reply) =>
    newForm(req, reply, {}, []),
  );
  app.post("/admin/opinion/cases/new", { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const user = requireUser(req);
    const v = req.body as Values;
    return runFormChange(
      req,
      reply,
      async () => {
        const row = await createCase(deps, user, {
          title: v.title ?? "",
          summary: v.summary,
          level: v.level ?? "",
          category: v.category ?? "",
          org: v.org,
          discovered_at: v.discovered_at,
        });
        return { flash: "已登记舆情事件，回应时限开始计算。", to: caseUrl(row.id) };
      },
      (r) => newForm(req, reply, v, r.problems, r.status),
    );
  });

  // ------------------------------------------------------------------------------------ the case
  type FormName = "actions" | "events" | "response" | "accountability";
  const detail = async (
    req: FastifyRequest,
    reply: FastifyReply,
    user: CurrentUser,
    id: string,
    form: { problems: ErrorDetail[]; status?: number; values?: Values; name?: FormName } = { problems: [] },
  ) => {
    const { row, tree } = await loadCaseForStaff(deps, user, id);
    const c = await presentCase(deps, row, tree);
    const csrf = reply.generateCsrf();
    const of = (n: FormName) =>
      form.name === n ? { problems: form.problems, values: form.values ?? {} } : { problems: [], values: {} };
    const handles = mayAct(user, "opinion.handle", row, tree);
    const working = row.status === "draft" || row.status === "open" || row.status === "responded";
    const mayAccount =
      row.status !== "draft" &&
      row.status !== "dismissed" &&
      canAny(user, "accountability.record") &&
      can(user, "accountability.record", row.org_id, tree);
    return sendAdminPage(
      deps,
      reply,
      { user, title: row.title, path: "/admin/opinion", status: form.status, flash: takeFlash(req) },
      <>
        <ErrorList problems={form.problems} />
        <CaseFacts c={c} />
        <ClockTable c={c} />
        <ResponseSection c={c} />
        <StepForms
          id={row.id}
          csrf={csrf}
          actions={offeredSteps(user, row, tree)}
          orgs={orgChoices(user, tree, "opinion.manage")}
          c={c}
          {...of("actions")}
        />
        {handles && row.status === "open" && !row.response_item_id ? (
          <ResponseForm id={row.id} csrf={csrf} {...of("response")} />
        ) : (
          ""
        )}
        <EventList c={c} />
        {handles && working ? <EventForm id={row.id} csrf={csrf} {...of("events")} /> : ""}
        <AccountabilityList c={c} />
        {mayAccount ? (
          <AccountabilityForm
            id={row.id}
            csrf={csrf}
            today={shanghaiDateOf(deps.clock.now())}
            {...of("accountability")}
          />
        ) : (
          ""
        )}
        <p>
          <a href="/admin/opinion">返回舆情回应</a>
        </p>
      </>,
    );
  };

  app.get("/admin/opinion/cases/:id", { schema: { hide: true, params: Params } }, async (req, reply) =>
    detail(req, reply, requireUser(req), req.params.id),
  );

  const change = (name: FormName) =>
    recordFormChange(caseUrl, (req, reply, user, id, f) => detail(req, reply, user, id, { ...f, name }));

  app.post(
    "/admin/opinion/cases/:id/actions",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      change("actions")(req, reply, async (user) => {
        const r = await performCaseStep(deps, user, req.params.id, req.body as unknown as CaseActionInput);
        return `已办理，事件状态：${STATUS_LABELS[r.status]}。`;
      }),
  );
  app.post(
    "/admin/opinion/cases/:id/events",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      change("events")(req, reply, async (user) => {
        const b = req.body as Values;
        await addCaseEvent(deps, user, req.params.id, {
          kind: b.kind ?? "",
          party: b.party || undefined,
          text: b.text ?? "",
          at: b.at || undefined,
        } as EventInput);
        return "已保存记录。";
      }),
  );
  app.post(
    "/admin/opinion/cases/:id/response",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      change("response")(req, reply, async (user) => {
        const b = req.body as Values;
        await draftResponse(deps, user, req.params.id, { title: b.title ?? "", body: b.body ?? "" });
        return "已起草回应稿，请在“信息发布”中提交审查、审签后发布。";
      }),
  );
  app.post(
    "/admin/opinion/cases/:id/accountability",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      change("accountability")(req, reply, async (user) => {
        const b = req.body as Values;
        await holdToAccount(deps, user, req.params.id, {
          kind: b.kind ?? "",
          reason: b.reason ?? "",
          decided_on: b.decided_on ?? "",
          rectify_by: b.rectify_by || null,
        });
        return "已记录问责，计入考核。";
      }),
  );

  // ------------------------------------------------------------------------------------ settings
  const settingsPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: {
      problems?: ErrorDetail[];
      values?: Values;
      status?: number;
      feedProblems?: ErrorDetail[];
      keywordProblems?: ErrorDetail[];
    } = {},
  ) => {
    const user = requireUser(req);
    const keywords = await listKeywordsFor(deps, user);
    const s = await settingsOf(deps.db.kysely, user.siteId);
    const csrf = reply.generateCsrf();
    const problems = form.problems ?? [];
    return sendAdminPage(
      deps,
      reply,
      {
        user,
        title: "舆情时限和预警设置",
        path: "/admin/opinion",
        status: form.status,
        flash: takeFlash(req),
      },
      <>
        <form method="post" action="/admin/opinion/settings" class="stack">
          <h2>回应时限和预警阈值</h2>
          <ErrorList problems={problems} />
          <CsrfField token={csrf} />
          {(Object.keys(SETTING_LABELS) as (keyof OpinionSettings)[]).map((k) => (
            <Field
              name={k}
              type="number"
              inputmode="numeric"
              label={SETTING_LABELS[k][0]}
              value={form.values?.[k] ?? String(s[k])}
              problems={problems}
            />
          ))}
          <button type="submit">保存设置</button>
        </form>
        <section aria-labelledby="kw-title">
          <h2 id="kw-title">监测关键词</h2>
          <ErrorList problems={form.keywordProblems ?? []} />
          {keywords.length ? (
            <ul>
              {keywords.map((k) => (
                <li>
                  <span safe>{k.word}</span>{" "}
                  <form method="post" action={`/admin/opinion/keywords/${k.id}/delete`} class="inline">
                    <CsrfField token={csrf} />
                    <button type="submit" aria-label={`删除关键词 ${k.word}`}>
                      删除
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          ) : (
            <p>尚未设置监测关键词。</p>
          )}
          <form method="post" action="/admin/opinion/keywords" class="stack">
            <CsrfField token={csrf} />
            <Field name="word" label="添加关键词" problems={form.keywordProblems ?? []} />
            <button type="submit">添加</button>
          </form>
        </section>
        <section aria-labelledby="feed-title">
          <h2 id="feed-title">导入新闻舆情</h2>
          <p class="hint">
            上传 RSS/Atom 订阅源文件，或含“标题、内容、链接、发布时间”列的 CSV、Excel
            表格，作为预警扫描的一个来源。
          </p>
          <ErrorList problems={form.feedProblems ?? []} />
          <form method="post" action="/admin/opinion/feeds" enctype="multipart/form-data" class="stack">
            <CsrfField token={csrf} />
            <Field name="source" label="来源名称（选填）" problems={form.feedProblems ?? []} />
            <Field
              name="file"
              type="file"
              accept=".xml,.rss,.atom,.csv,.xlsx"
              label="文件"
              problems={form.feedProblems ?? []}
            />
            <button type="submit">导入</button>
          </form>
        </section>
      </>,
    );
  };
  app.get("/admin/opinion/settings", { schema: { hide: true } }, async (req, reply) =>
    settingsPage(req, reply),
  );
  app.post("/admin/opinion/settings", { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const v = req.body as Values;
    return runFormChange(
      req,
      reply,
      async () => {
        await saveSettings(
          deps,
          requireUser(req),
          Object.fromEntries(Object.keys(SETTING_LABELS).map((k) => [k, Number(v[k] ?? "")])),
        );
        return { flash: "已保存舆情设置。", to: "/admin/opinion/settings" };
      },
      (r) => settingsPage(req, reply, { problems: r.problems, values: v, status: r.status }),
    );
  });
  app.post("/admin/opinion/keywords", { schema: { hide: true, body: FormBody } }, async (req, reply) =>
    runFormChange(
      req,
      reply,
      async () => {
        await addKeyword(deps, requireUser(req), (req.body as Values).word ?? "");
        return { flash: "已添加监测关键词。", to: "/admin/opinion/settings" };
      },
      (r) => settingsPage(req, reply, { keywordProblems: r.problems, status: r.status }),
    ),
  );
  app.post(
    "/admin/opinion/keywords/:id/delete",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) => {
      await removeKeyword(deps, requireUser(req), req.params.id);
      req.session.set("flash", "已删除监测关键词。");
      return reply.redirect("/admin/opinion/settings", 303);
    },
  );
  app.post(
    "/admin/opinion/feeds",
    {
      preValidation: readMultipartFields,
      onResponse: async (req) => drainUpload(req),
      schema: { hide: true },
    },
    async (req, reply) => {
      const user = requireUser(req);
      try {
        const upload = await openUpload(req);
        const { files } = await upload.bufferFiles({ maxBytes: FEED_MAX_BYTES, maxFiles: 1 });
        const file = files[0];
        if (!file?.filename)
          throw new AppError("validation_failed", 400, "请选择文件。", [
            { field: "file", code: "file_missing", message: "请选择要导入的订阅源或表格文件。" },
          ]);
        if (file.truncated)
          throw new AppError("validation_failed", 400, "文件过大。", [
            { field: "file", code: "file_too_large", message: "文件不能超过 5 MB。" },
          ]);
        const r = await importFeed(deps, user, {
          filename: file.filename,
          data: file.data,
          source: upload.fields.source,
        });
        req.session.set("flash", `已导入“${r.source}”：新增 ${r.imported} 条，已有 ${r.known} 条。`);
        return reply.redirect("/admin/opinion/settings", 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500 || e.status === 403) throw e;
        return settingsPage(req, reply, {
          feedProblems: problemsOf(e).map((d) => ({ ...d, field: "file" })),
          status: e.status,
        });
      } finally {
        await drainUpload(req);
      }
    },
  );
}
