// 互动交流统计 in the back office (/admin/messages/statistics): the period form, the tables by organisation,
// type and channel, the overdue list, the Excel download, and (the office) storing the year's snapshot
// for the annual report and the assessment. Works without JavaScript; a department clerk sees only the
// rows of their own organisation (messages.statistics.ts statisticsScope).
import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { formatShanghai, shanghaiDateOf } from "../../platform/time";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { takeFlash } from "../../web/views/admin-layout";
import { Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import { loadOrgTree } from "../orgs";
import {
  GROUP_LABELS,
  GROUPS,
  type OverdueMessage,
  parseStatisticsQuery,
  refreshStatisticsFor,
  type StatisticsRow,
  statisticsBookFor,
  statisticsScope,
  storedCells,
} from "./messages.statistics";
import { sendStatisticsWorkbook } from "./messages.statistics.api";

const PageQuery = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 20 })),
  to: Type.Optional(Type.String({ maxLength: 20 })),
  org: Type.Optional(Type.String({ maxLength: 60 })),
});

const num = (v: number | null, suffix = "") => (v === null ? "—" : `${v}${suffix}`);

const COLUMNS: Array<{ header: string; value: (r: StatisticsRow) => string }> = [
  { header: "收到", value: (r) => num(r.received) },
  { header: "已答复", value: (r) => num(r.answered) },
  { header: "按期答复", value: (r) => num(r.answered_on_time) },
  { header: "逾期答复", value: (r) => num(r.answered_late) },
  { header: "按期答复率", value: (r) => num(r.on_time_rate, "%") },
  { header: "超期未答复", value: (r) => num(r.overdue_open) },
  { header: "超过两个月未答复", value: (r) => num(r.alarm_open) },
  { header: "平均办理工作日", value: (r) => num(r.answer_days_avg) },
  { header: "办理工作日中位数", value: (r) => num(r.answer_days_median) },
  { header: "退回次数", value: (r) => num(r.returned) },
  { header: "不予受理", value: (r) => num(r.rejected) },
  { header: "公开发布", value: (r) => num(r.published) },
  { header: "满意", value: (r) => num(r.satisfied) },
  { header: "基本满意", value: (r) => num(r.basic) },
  { header: "不满意", value: (r) => num(r.unsatisfied) },
  { header: "满意率", value: (r) => num(r.satisfaction_rate, "%") },
];

const FIRST = { org: "承办单位", type: "留言类型", channel: "收到渠道" } as const;

function StatsTable(p: {
  id: string;
  caption: string;
  first: string;
  items: StatisticsRow[];
  total: StatisticsRow;
}) {
  return (
    <div class="table-scroll" tabindex="0" role="region" aria-labelledby={`${p.id}-caption`}>
      <table id={p.id}>
        <caption id={`${p.id}-caption`} safe>
          {p.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {p.first}
            </th>
            {COLUMNS.map((c) => (
              <th scope="col" safe>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.items.length === 0 ? (
            <tr>
              <td colspan={String(COLUMNS.length + 1)}>本期间没有收到留言。</td>
            </tr>
          ) : (
            p.items.map((r) => (
              <tr>
                <th scope="row" safe>
                  {r.label}
                </th>
                {COLUMNS.map((c) => (
                  <td class="num" safe>
                    {c.value(r)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">合计</th>
            {COLUMNS.map((c) => (
              <td class="num" safe>
                {c.value(p.total)}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function OverdueTable(p: { items: OverdueMessage[]; today: string }) {
  return (
    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="overdue-caption">
      <table id="overdue-messages">
        <caption id="overdue-caption" safe>
          {`超期未答复留言清单（截至 ${p.today}，共 ${p.items.length} 件）`}
        </caption>
        <thead>
          <tr>
            <th scope="col">查询码</th>
            <th scope="col">标题</th>
            <th scope="col">类型</th>
            <th scope="col">承办单位</th>
            <th scope="col">收到日期</th>
            <th scope="col">答复期限</th>
            <th scope="col">超期工作日</th>
            <th scope="col">两个月警报</th>
          </tr>
        </thead>
        <tbody>
          {p.items.length === 0 ? (
            <tr>
              <td colspan="8">目前没有超期未答复的留言。</td>
            </tr>
          ) : (
            p.items.map((m) => (
              <tr>
                <th scope="row">
                  <a href={`/admin/messages/${encodeURIComponent(m.id)}`} safe>
                    {m.tracking_code}
                  </a>
                </th>
                <td safe>{m.title}</td>
                <td safe>{m.type_label}</td>
                <td safe>{m.org_name}</td>
                <td safe>{m.received_on}</td>
                <td safe>{m.due_on}</td>
                <td class="num warn-cell" safe>
                  {String(m.days_overdue)}
                </td>
                <td safe>{m.alarm ? `已超过两个月（${m.alarm_on} 起）` : `${m.alarm_on} 满两个月`}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

export function registerMessageStatisticsPages(app: AppInstance, deps: Deps): void {
  app.get(
    "/admin/messages/statistics",
    { schema: { hide: true, querystring: PageQuery } },
    async (req, reply) => {
      const user = requireUser(req);
      const tree = await loadOrgTree(deps, user.siteId);
      const scope = statisticsScope(user, tree);
      const q = { from: req.query.from?.trim(), to: req.query.to?.trim(), org: req.query.org?.trim() };
      const parsed = parseStatisticsQuery(deps, q);
      const problems: ErrorDetail[] = parsed.problems;
      const book = problems.length ? undefined : await statisticsBookFor(deps, user, q);
      const orgs = tree
        .flatten(user.siteId)
        .filter(({ org }) => scope.all || scope.orgIds.includes(org.id))
        .map(({ org }) => ({ value: org.code, label: org.name }));
      const search = new URLSearchParams(
        Object.entries(q).filter((e): e is [string, string] => !!e[1]),
      ).toString();
      const year = Number(shanghaiDateOf(deps.clock.now()).slice(0, 4));
      const stored = scope.all ? (await storedCells(deps, user.siteId, year)).computed_at : null;
      return sendAdminPage(
        deps,
        reply,
        {
          user,
          title: "互动交流统计",
          path: "/admin/messages",
          status: problems.length ? 400 : 200,
          flash: takeFlash(req),
        },
        <>
          <p>
            <a href="/admin/messages">返回留言列表</a>
          </p>
          <ErrorSummary title="统计条件有误，请修改：" problems={problems} />
          <form method="get" action="/admin/messages/statistics" class="filters" aria-label="统计条件">
            <div>
              <Field name="from" type="date" label="收到日期自" value={q.from} problems={problems} />
            </div>
            <div>
              <Field name="to" type="date" label="至" value={q.to} problems={problems} />
            </div>
            {orgs.length > 1 ? (
              <div>
                <Field
                  name="org"
                  as="select"
                  label="承办单位"
                  blank="全部"
                  value={q.org}
                  choices={orgs}
                  problems={problems}
                />
              </div>
            ) : (
              ""
            )}
            <div>
              <button type="submit">统计</button>
            </div>
          </form>
          {book ? (
            <>
              <p class="meta" safe>
                {`${book.site.name}：收到日期 ${book.period.from} 至 ${book.period.to}${scope.all ? "" : "（仅本单位承办的留言）"}。办理时间按法定工作日计算；退回不重新计算期限；满意率 =（满意 + 基本满意）÷ 评价数。`}
              </p>
              <p class="actions">
                <a href={`/admin/messages/statistics.xlsx${search ? `?${search}` : ""}`}>下载 Excel</a>
              </p>
              {GROUPS.map((g) => (
                <StatsTable
                  id={`stats-${g}`}
                  caption={`${GROUP_LABELS[g]}统计`}
                  first={FIRST[g]}
                  items={book.groups[g].items}
                  total={book.groups[g].total}
                />
              ))}
              <OverdueTable items={book.overdue} today={book.today} />
            </>
          ) : (
            ""
          )}
          {scope.all ? (
            <form
              method="post"
              action="/admin/messages/statistics/refresh"
              class="filters"
              aria-label="统计存档"
            >
              <CsrfField token={reply.generateCsrf()} />
              <p class="meta" safe>
                {`统计存档每天早上自动更新，年度报告和绩效考核读取存档数据；需要时可以立即更新。${stored ? `本年存档更新于 ${formatShanghai(stored)}。` : "本年尚无存档。"}`}
              </p>
              <div>
                <Field
                  name="year"
                  type="number"
                  label="年度"
                  value={String(year)}
                  min="2000"
                  max={String(year)}
                  problems={[]}
                />
              </div>
              <div>
                <button type="submit">更新统计存档</button>
              </div>
            </form>
          ) : (
            ""
          )}
        </>,
      );
    },
  );

  app.get(
    "/admin/messages/statistics.xlsx",
    { schema: { hide: true, querystring: PageQuery } },
    async (req, reply) => sendStatisticsWorkbook(deps, requireUser(req), req.query, reply),
  );

  app.post(
    "/admin/messages/statistics/refresh",
    {
      schema: {
        hide: true,
        body: Type.Object(
          { year: Type.Optional(Type.String({ maxLength: 10 })) },
          { additionalProperties: true },
        ),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const year = Number(req.body.year);
      const now = Number(shanghaiDateOf(deps.clock.now()).slice(0, 4));
      if (!Number.isInteger(year) || year < 2000 || year > now)
        throw new AppError("validation_failed", 400, "年度有误。", [
          { field: "year", code: "invalid_year", message: `年度应为 2000 至 ${now} 之间的整数。` },
        ]);
      const done = await refreshStatisticsFor(deps, user, year);
      req.session.set("flash", `已更新 ${done.year} 年统计存档。`);
      return reply.redirect("/admin/messages/statistics", 303);
    },
  );
}
