// 网站纠错统计: error reports (我为政府网站找错) by kind — received in a period, still open, answered, overdue —
// for the office (errorReportStats answers 404 to anyone who does not see the whole site's messages).

import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { type ErrorDetail, Problems } from "../../platform/errors";
import { isRealDate } from "../../platform/time";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { Field } from "../../web/views/fields";
import { ErrorSummary } from "../../web/views/layout";
import { errorReportStats } from "./messages.staff";

const StatsQuery = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 20 })),
  to: Type.Optional(Type.String({ maxLength: 20 })),
});

/** The period's problems: each date real and YYYY-MM-DD, the end not before the start. */
function rangeProblems(from: string | undefined, to: string | undefined): ErrorDetail[] {
  const p = new Problems();
  if (from && !isRealDate(from)) p.add("from", "invalid_date", "开始日期应为 YYYY-MM-DD 格式的真实日期。");
  if (to && !isRealDate(to)) p.add("to", "invalid_date", "结束日期应为 YYYY-MM-DD 格式的真实日期。");
  if (p.empty && from && to && to < from) p.add("to", "invalid_range", "结束日期不能早于开始日期。");
  return p.list;
}

export function registerMessageStats(app: AppInstance, deps: Deps): void {
  app.get(
    "/admin/messages/stats",
    { schema: { hide: true, querystring: StatsQuery } },
    async (req, reply) => {
      const user = requireUser(req);
      const from = req.query.from?.trim() || undefined;
      const to = req.query.to?.trim() || undefined;
      const problems = rangeProblems(from, to);
      const stats = await errorReportStats(deps, user, problems.length ? {} : { from, to });
      return sendAdminPage(
        deps,
        reply,
        { user, title: "网站纠错统计", path: "/admin/messages", status: problems.length ? 400 : 200 },
        <>
          <p>
            <a href="/admin/messages?type=error_report">查看全部网站纠错</a>
          </p>
          <ErrorSummary title="统计期间有误，请修改：" problems={problems} />
          <form method="get" action="/admin/messages/stats" class="filters" aria-label="统计期间">
            <div>
              <Field name="from" type="date" label="收到日期自" value={from} problems={problems} />
            </div>
            <div>
              <Field name="to" type="date" label="至" value={to} problems={problems} />
            </div>
            <div>
              <button type="submit">统计</button>
            </div>
          </form>
          <p class="meta" safe>
            {problems.length || (!from && !to)
              ? `全部期间：共 ${stats.total} 件`
              : `${from ?? "最早"} 至 ${to ?? "今天"}：共 ${stats.total} 件`}
          </p>
          <div class="table-scroll" tabindex="0" role="region" aria-label="按错误类型统计">
            <table id="error-report-stats">
              <caption>按错误类型统计（处理时限 3 个工作日）</caption>
              <thead>
                <tr>
                  <th scope="col">错误类型</th>
                  <th scope="col">收到</th>
                  <th scope="col">办理中</th>
                  <th scope="col">已答复</th>
                  <th scope="col">已逾期</th>
                </tr>
              </thead>
              <tbody>
                {stats.items.map((r) => (
                  <tr>
                    <th scope="row" safe>
                      {r.label}
                    </th>
                    <td safe>{String(r.total)}</td>
                    <td safe>{String(r.open)}</td>
                    <td safe>{String(r.answered)}</td>
                    <td safe>{String(r.overdue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>,
      );
    },
  );
}
