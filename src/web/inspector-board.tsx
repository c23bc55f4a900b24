import type { Deps } from "../deps";
import { type CurrentUser, can } from "../domains/accounts";
import { overdueCountsByOrg } from "../domains/interaction/messages.statistics";
import { loadOrgTree } from "../domains/orgs";
import { shanghaiDateOf } from "../platform/time";
import { countApplicationsByOrg, countItemsByOrg } from "./inspector-board.repo";

/** One organisation's line of the inspector's table. */
export interface BoardRow {
  orgId: string;
  orgName: string;
  received: number;
  overdueOpen: number;
  replied: number;
  repliedLate: number;
  published: number;
  late: number;
}

export interface InspectorBoardData {
  year: number;
  today: string;
  rows: BoardRow[];
  total: Omit<BoardRow, "orgId" | "orgName">;
  /** Open messages (互动交流) past their due date, by handling organisation; undefined: the user sees none. */
  messages?: Array<{ org_id: string; org_name: string; overdue: number; alarm: number }>;
}

const problems = (r: Omit<BoardRow, "orgId" | "orgName">) => r.overdueOpen + r.repliedLate + r.late;

/** The dashboard's table for the 督查室: the organisations the user watches, those with overdue or late work first. */
export const watchesAsInspector = (user: CurrentUser) => user.roles.includes("inspector");

/**
 * Overdue and late work by organisation this year, within the user's site and the organisations where their
 * roles grant application.view (applications) and item.view (items).
 */
export async function loadInspectorBoard(deps: Deps, user: CurrentUser): Promise<InspectorBoardData> {
  const now = deps.clock.now();
  const today = shanghaiDateOf(now);
  const year = Number(today.slice(0, 4));
  const tree = await loadOrgTree(deps, user.siteId);
  const orgs = tree.flatten(user.siteId).map(({ org }) => org);
  const appOrgs = orgs.filter((o) => can(user, "application.view", o.id, tree)).map((o) => o.id);
  const itemOrgs = orgs.filter((o) => can(user, "item.view", o.id, tree)).map((o) => o.id);
  const [apps, items] = await Promise.all([
    countApplicationsByOrg(deps.db.kysely, user.siteId, appOrgs, year, today),
    countItemsByOrg(deps.db.kysely, user.siteId, itemOrgs, year),
  ]);
  const appsBy = new Map(apps.map((a) => [a.org_id, a]));
  const itemsBy = new Map(items.map((i) => [i.org_id, i]));
  const rows: BoardRow[] = orgs
    .map((o) => {
      const a = appsBy.get(o.id);
      const i = itemsBy.get(o.id);
      return {
        orgId: o.id,
        orgName: o.name,
        received: a?.received ?? 0,
        overdueOpen: a?.overdue_open ?? 0,
        replied: a?.replied ?? 0,
        repliedLate: a?.replied_late ?? 0,
        published: i?.published ?? 0,
        late: i?.late ?? 0,
      };
    })
    .filter((r) => r.received + r.overdueOpen + r.replied + r.published > 0);
  // Those with overdue or late work first (most first); the rest keep the organisation tree's order.
  rows.sort((x, y) => problems(y) - problems(x));
  const total = rows.reduce(
    (t, r) => ({
      received: t.received + r.received,
      overdueOpen: t.overdueOpen + r.overdueOpen,
      replied: t.replied + r.replied,
      repliedLate: t.repliedLate + r.repliedLate,
      published: t.published + r.published,
      late: t.late + r.late,
    }),
    { received: 0, overdueOpen: 0, replied: 0, repliedLate: 0, published: 0, late: 0 },
  );
  const messages = await overdueCountsByOrg(deps, user).catch(() => undefined);
  return { year, today, rows, total, messages };
}

function Count(p: { value: number; href?: string; bad?: boolean }) {
  const cls = p.bad && p.value > 0 ? "num warn-cell" : "num";
  return (
    <td class={cls}>
      {p.href && p.value > 0 ? (
        <a href={p.href} safe>
          {String(p.value)}
        </a>
      ) : (
        <span safe>{String(p.value)}</span>
      )}
    </td>
  );
}

export function InspectorBoard(p: { data: InspectorBoardData }) {
  const { year, today, rows, total } = p.data;
  return (
    <section class="inspector-board" aria-labelledby="inspector-title">
      <h2 id="inspector-title" safe>
        {`督查：各部门超期和逾期情况（${year}年，截至${today}）`}
      </h2>
      <p class="meta">
        “办理中已超期”为尚未答复且已过答复期限的申请；“逾期答复”为答复日期晚于答复期限；“超过公开时限”为发布时已超过
        《政府信息公开条例》第二十六条规定的20个工作日。有问题的部门排在前面。
      </p>
      {rows.length === 0 ? (
        <p>本年度尚无申请和发布记录。</p>
      ) : (
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="inspector-title">
          <table class="inspector-table">
            <caption class="visually-hidden">各部门依申请公开办理和主动公开发布的超期情况</caption>
            <thead>
              <tr>
                <th scope="col">部门</th>
                <th scope="col">本年收到申请</th>
                <th scope="col">办理中已超期</th>
                <th scope="col">本年已答复</th>
                <th scope="col">其中逾期答复</th>
                <th scope="col">本年发布信息</th>
                <th scope="col">其中超过公开时限</th>
                <th scope="col">操作记录</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row" safe>
                    {r.orgName}
                  </th>
                  <Count value={r.received} />
                  <Count value={r.overdueOpen} bad href="/admin/applications?queue=overdue" />
                  <Count value={r.replied} />
                  <Count value={r.repliedLate} bad href="/admin/applications?queue=replied" />
                  <Count value={r.published} />
                  <Count value={r.late} bad href="/admin/items?queue=published" />
                  <td>
                    <a href={`/admin/audit?org=${encodeURIComponent(r.orgId)}`}>
                      查看<span class="visually-hidden" safe>{`${r.orgName}的操作记录`}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">合计</th>
                <Count value={total.received} />
                <Count value={total.overdueOpen} bad />
                <Count value={total.replied} />
                <Count value={total.repliedLate} bad />
                <Count value={total.published} />
                <Count value={total.late} bad />
                <td></td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {p.data.messages ? <OverdueMessages rows={p.data.messages} /> : ""}
      <p>
        <a href="/admin/dashboards/inspection">查看督查统计图表（及时率排名、逾期情况和每月趋势）</a>
      </p>
    </section>
  );
}

function OverdueMessages(p: { rows: NonNullable<InspectorBoardData["messages"]> }) {
  return (
    <>
      <h3 id="inspector-messages">超期未答复的互动交流留言</h3>
      {p.rows.length === 0 ? (
        <p>目前没有超期未答复的留言。</p>
      ) : (
        <table class="inspector-table" aria-labelledby="inspector-messages">
          <thead>
            <tr>
              <th scope="col">承办单位</th>
              <th scope="col">超期未答复</th>
              <th scope="col">其中超过两个月</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <th scope="row" safe>
                  {r.org_name}
                </th>
                <Count value={r.overdue} bad href="/admin/messages?overdue=1" />
                <Count value={r.alarm} bad />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href="/admin/messages/statistics">查看互动交流统计和超期清单</a>
      </p>
    </>
  );
}
