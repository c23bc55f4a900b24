// The back-office page /admin/health: the predicted verdict, each indicator with its evidence linked (the
// stale column, the broken link with the page it is on, the unanswered message) and the history table. The
// dashboard box shows the latest verdict and the veto items, red when the office was alerted.
import type { Deps } from "../../deps";
import { formatShanghai } from "../../platform/time";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import { addDashboardPanel } from "../../web/dashboard";
import type { AppInstance } from "../../web/types";
import { addAdminNav } from "../../web/views/admin-layout";
import { authoriseHealth, maySeeHealth } from "./health.policy";
import { type HistoryRow, healthHistory, latestHealth } from "./health.runs";
import { type ColumnEvidence, checkSite, type HealthResult } from "./health.service";
import { THRESHOLDS, VERDICT_LABELS, VETO_LABELS, type VetoCode } from "./health.verdict";

const when = (iso: string | null) => (iso ? formatShanghai(iso) : "从未发布");

function Columns(p: { id: string; title: string; rows: ColumnEvidence[]; limit: string }) {
  return (
    <section aria-labelledby={`h-${p.id}`}>
      <h3 id={`h-${p.id}`} safe>{`${p.title}（${p.rows.length}）`}</h3>
      {p.rows.length === 0 ? (
        <p>无。</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">栏目</th>
              <th scope="col">单位</th>
              <th scope="col">最近更新</th>
              <th scope="col">要求</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((c) => (
              <tr>
                <td>
                  <a href={c.href} safe>
                    {c.name}
                  </a>
                </td>
                <td safe>{c.org ?? "本站"}</td>
                <td safe>{when(c.latest)}</td>
                <td safe>{c.limit_days ? `${c.limit_days}天内更新` : p.limit}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function HealthView(p: { r: HealthResult & { id: string | null }; history: HistoryRow[] }) {
  const r = p.r;
  return (
    <>
      <section aria-labelledby="h-verdict" class={r.verdict === "fail" ? "alert" : "notice"}>
        <h2 id="h-verdict" safe>{`预判结果：${VERDICT_LABELS[r.verdict]}（得分 ${r.score}，60分及格）`}</h2>
        <p safe>{`检查时间：${formatShanghai(r.run_at)}${r.id ? "" : "（尚无每日检查记录，链接未检查）"}`}</p>
        {r.vetoes.length ? (
          <>
            <p>单项否决项：</p>
            <ul>
              {r.vetoes.map((v) => (
                <li>{VETO_LABELS[v as VetoCode]}</li>
              ))}
            </ul>
          </>
        ) : (
          <p>未发现单项否决项。</p>
        )}
        {r.deductions.length ? (
          <table>
            <caption>扣分项</caption>
            <thead>
              <tr>
                <th scope="col">指标</th>
                <th scope="col">数量</th>
                <th scope="col">扣分</th>
              </tr>
            </thead>
            <tbody>
              {r.deductions.map((d) => (
                <tr>
                  <td safe>{d.label}</td>
                  <td safe>{String(d.count)}</td>
                  <td safe>{String(d.points)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          ""
        )}
      </section>
      <h2>各项指标</h2>
      <section aria-labelledby="h-home">
        <h3 id="h-home">首页更新</h3>
        <p
          safe
        >{`最近发布：${when(r.home.latest)}；${r.home.stale ? `超过${THRESHOLDS.homeDays}天未更新（单项否决）` : "正常"}。`}</p>
        <p>站点可访问性：由检查机构按访问记录判定，本系统不作测量。</p>
      </section>
      <section aria-labelledby="h-wording">
        <h3 id="h-wording" safe>{`严重表述错误（${r.serious_wording.length}，单项否决）`}</h3>
        <ul>
          {r.serious_wording.map((w) => (
            <li>
              <a href={w.href} safe>
                {w.title}
              </a>
              <span safe>{`：“${w.wrong}”应为“${w.right}”`}</span>
            </li>
          ))}
        </ul>
      </section>
      <Columns id="dynamic" title="动态类栏目超过2周未更新" rows={r.stale_dynamic} limit="2周" />
      <Columns
        id="notice-policy"
        title="通知公告、政策文件类栏目超过6个月未更新"
        rows={r.stale_notice_policy}
        limit="6个月"
      />
      <Columns id="long" title="栏目超过更新周期未更新" rows={r.stale_long} limit="按更新周期" />
      <Columns id="empty" title="空白栏目" rows={r.empty_columns} limit="应有内容" />
      <section aria-labelledby="h-missing">
        <h3 id="h-missing" safe>{`缺少发布时间的信息（${r.missing_time.length}）`}</h3>
        <ul>
          {r.missing_time.map((i) => (
            <li>
              <a href={i.href} safe>
                {i.title}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="h-links">
        <h3
          id="h-links"
          safe
        >{`不可用链接（${r.broken_links.length}；已登记链接 ${r.links.known} 条，本次检查 ${r.links.checked} 条）`}</h3>
        {r.broken_links.length ? (
          <table>
            <thead>
              <tr>
                <th scope="col">链接</th>
                <th scope="col">所在页面</th>
                <th scope="col">问题</th>
              </tr>
            </thead>
            <tbody>
              {r.broken_links.map((b) => (
                <tr>
                  <td safe>{b.url}</td>
                  <td>
                    <a href={b.page.href} safe>
                      {b.page.title}
                    </a>
                  </td>
                  <td safe>{b.problem ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>无。</p>
        )}
      </section>
      <section aria-labelledby="h-consult">
        <h3 id="h-consult" safe>{`咨询留言超过3个月未答复（${r.unanswered_consults.length}，单项否决）`}</h3>
        <ul>
          {r.unanswered_consults.map((m) => (
            <li>
              <a href={m.href} safe>
                {`查询码 ${m.tracking_code}：${m.received_on} 收到，${m.replied_on ? `${m.replied_on} 答复` : "尚未答复"}`}
              </a>
            </li>
          ))}
        </ul>
        <h3 id="h-overdue" safe>{`超过办理期限的留言（${r.overdue_messages.length}）`}</h3>
        <ul>
          {r.overdue_messages.map((m) => (
            <li>
              <a href={m.href} safe>
                {`查询码 ${m.tracking_code}：办理期限 ${m.due_on ?? "—"}`}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="h-history">
        <h2 id="h-history">检查记录</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">检查时间</th>
              <th scope="col">结果</th>
              <th scope="col">得分</th>
              <th scope="col">单项否决项</th>
              <th scope="col">已提醒</th>
            </tr>
          </thead>
          <tbody>
            {p.history.map((h) => (
              <tr>
                <td safe>{formatShanghai(h.run_at)}</td>
                <td>{VERDICT_LABELS[h.verdict]}</td>
                <td safe>{String(h.score)}</td>
                <td safe>{h.vetoes.map((v) => VETO_LABELS[v]).join("；") || "无"}</td>
                <td>{h.alerted ? "是" : "否"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

export function registerHealthAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: "/admin/health", label: "网站健康检查", action: "health.view" });
  app.get("/admin/health", { schema: { hide: true } }, async (req, reply) => {
    const user = requireUser(req);
    const site = await authoriseHealth(deps, user);
    const latest = await latestHealth(deps, site.id);
    const r = latest ?? { ...(await checkSite(deps, site.id, false)), id: null };
    const history = await healthHistory(deps, site.id);
    return sendAdminPage(
      deps,
      reply,
      { user, title: "网站健康检查", path: "/admin/health" },
      <HealthView r={r} history={history} />,
    );
  });

  addDashboardPanel({
    id: "health",
    title: "网站健康检查",
    action: "health.view",
    async load(d, user) {
      if (!(await maySeeHealth(d, user))) return { lines: [] };
      const r = await latestHealth(d, user.siteId);
      if (!r) return { lines: [{ text: "尚未进行每日检查", href: "/admin/health" }] };
      return {
        href: "/admin/health",
        lines: [
          {
            text: `预判${VERDICT_LABELS[r.verdict]}，得分 ${r.score}（${r.checked_on}）`,
            href: "/admin/health",
          },
          ...r.vetoes.map((v) => ({ text: `单项否决：${VETO_LABELS[v]}`, href: "/admin/health" })),
          ...(r.alerted ? [{ text: "检查结果变差，已邮件提醒政务公开办" }] : []),
        ],
      };
    },
  });
}
