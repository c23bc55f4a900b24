import { type Static, Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { pageRequest } from "../../platform/paging";
import { formatShanghai } from "../../platform/time";
import { AdminLayout } from "../../web/views/admin-layout";
import { ADMIN_PAGER_TEXT, CursorPager, type PagerTarget, pagerParams } from "../../web/views/cursor-pager";
import { Field } from "../../web/views/fields";
import { type CurrentUser, listUsersWithRoles } from "../accounts";
import { loadOrgTree, resolveSite } from "../orgs";
import { auditCheckForPage, type PageCheck } from "./audit.check";
import {
  AUDIT_AREAS,
  actionLabel,
  areaByKey,
  chainProblemLabel,
  describeSummary,
  entityLabel,
  hasActionLabel,
} from "./audit.labels";
import { auditScopeOf } from "./audit.policy";
import type { AuditFilter } from "./audit.repo";
import { pageAuditForUser } from "./audit.service";

export const PER_PAGE = 50;

const date = Type.String({ pattern: "^(\\d{4}-\\d{2}-\\d{2})?$" });
export const AuditPageQuery = Type.Object({
  /** An action code, `group:<area>` for a whole area, or a prefix such as `auth.` (older links). */
  action: Type.Optional(Type.String({ maxLength: 60, pattern: "^[a-z_.:]*$" })),
  actor: Type.Optional(Type.String({ maxLength: 60 })),
  org: Type.Optional(Type.String({ maxLength: 60 })),
  entity_type: Type.Optional(Type.String({ maxLength: 40, pattern: "^[a-z_]*$" })),
  entity_id: Type.Optional(Type.String({ maxLength: 60 })),
  from: Type.Optional(date),
  to: Type.Optional(date),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  cursor: Type.Optional(Type.String({ maxLength: 300 })),
});
export type AuditPageQuery = Static<typeof AuditPageQuery>;

const dayStart = (d: string) => new Date(Date.parse(`${d}T00:00:00+08:00`)).toISOString();
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00+08:00`) + 86_400_000).toISOString();

/** The query's filter; dates are Asia/Shanghai calendar days and `to` is inclusive. */
export function auditFilterOf(q: AuditPageQuery, orgIdsWithin: (id: string) => string[]): AuditFilter {
  const f: AuditFilter = {
    entityType: q.entity_type || undefined,
    entityId: q.entity_id || undefined,
    actorId: q.actor || undefined,
    from: q.from ? dayStart(q.from) : undefined,
    to: q.to ? nextDay(q.to) : undefined,
  };
  const a = q.action ?? "";
  if (a.startsWith("group:")) f.actions = Object.keys(areaByKey(a.slice(6))?.actions ?? {});
  else if (hasActionLabel(a)) f.actions = [a];
  else if (a && !a.includes(":")) f.action = a;
  if (q.org) f.orgIds = orgIdsWithin(q.org);
  return f;
}

const ENTITY_HREF: Record<string, (id: string) => string> = {
  item: (id) => `/admin/items/${encodeURIComponent(id)}`,
  application: (id) => `/admin/applications/${encodeURIComponent(id)}`,
};

/** The chain check's notice: the result, and when the last full check ran (audit.check.ts). */
export function checkText(check: PageCheck): string {
  // No count of the whole chain: it would tell one site how busy the others are.
  if (check.state === "pending") return "哈希链校验进行中：首次完整校验尚未完成，请稍后刷新本页查看结果。";
  const r = check.result;
  const when =
    check.fullAt === undefined
      ? "完整校验尚未完成"
      : `最近一次完整校验始于 ${formatShanghai(new Date(check.fullAt))}`;
  const refreshing = check.refreshing ? "，新一轮完整校验正在进行" : "";
  if (!r.ok)
    return `哈希链校验失败：第 ${r.seq} 条记录异常（${chainProblemLabel(r.problem)}）。请联系系统管理员核查。（${when}${refreshing}。）`;
  const anchor = r.anchor.state === "missing" ? "（库外链头文件缺失，无法检查回退，请联系系统管理员。）" : "";
  const since = check.mode === "incremental" ? "，此后新增的记录已在本次查看时逐条校验" : "";
  return `哈希链校验通过：未发现篡改、删除、插入或数据库回退。${anchor}（${when}${since}${refreshing}。）`;
}

export async function renderAuditPage(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  user: CurrentUser,
  q: AuditPageQuery,
) {
  const site = await resolveSite(deps, req);
  const [tree, scope] = await Promise.all([loadOrgTree(deps, user.siteId), auditScopeOf(deps, user)]);
  const orgs = tree.flatten(user.siteId).filter(({ org }) => scope.orgIds.includes(org.id));
  const within = (id: string) => orgs.filter(({ org }) => tree.isWithin(org.id, id)).map(({ org }) => org.id);
  const filter = auditFilterOf(q, within);
  const pageReq = pageRequest(q, PER_PAGE);
  const [first, check, people] = await Promise.all([
    pageAuditForUser(deps, user, filter, pageReq),
    auditCheckForPage(deps),
    listUsersWithRoles(deps, scope.orgIds),
  ]);
  const total = first.total;
  const pages = total.capped ? undefined : Math.max(1, Math.ceil(total.n / PER_PAGE));
  // A page number past the end (the log was filtered further since the link was made): the last page.
  const found =
    !pageReq.cursor && pages !== undefined && pageReq.page > pages
      ? await pageAuditForUser(deps, user, filter, { size: PER_PAGE, page: pages })
      : first;
  const rows = found.rows;
  // Summaries name organisations by id or by code.
  const names = {
    orgs: new Map(
      tree
        .flatten(user.siteId)
        .flatMap(({ org }) => [[org.id, org.name] as const, [org.code, org.name] as const]),
    ),
  };
  const kept = Object.entries({
    action: q.action,
    actor: q.actor,
    org: q.org,
    entity_type: q.entity_type,
    entity_id: q.entity_id,
    from: q.from,
    to: q.to,
  }).filter((e): e is [string, string] => Boolean(e[1]));
  const hrefOf = (to: PagerTarget) => {
    const params = new URLSearchParams([...kept, ...Object.entries(pagerParams(to))]);
    return `/admin/audit${params.size ? `?${params}` : ""}`;
  };
  return reply.type("text/html; charset=utf-8").send(
    <AdminLayout
      user={user}
      csrf={reply.generateCsrf()}
      title="审计日志"
      path="/admin/audit"
      siteName={site.name}
    >
      <p class={check.state === "done" && !check.result.ok ? "notice warn" : "notice ok"} role="status" safe>
        {checkText(check)}
      </p>
      <form method="get" action="/admin/audit" class="filters audit-filters" aria-label="筛选审计日志">
        <div>
          <Field
            as="select"
            id="f-action"
            name="action"
            label="操作类型"
            value={q.action}
            blank="全部操作"
            choices={[]}
            groups={AUDIT_AREAS.map((area) => ({
              label: area.label,
              choices: [
                { value: `group:${area.key}`, label: `全部${area.label}操作` },
                ...Object.entries(area.actions).map(([value, label]) => ({ value, label })),
              ],
            }))}
          />
        </div>
        <div>
          <Field
            as="select"
            id="f-actor"
            name="actor"
            label="操作人"
            value={q.actor}
            blank="全部人员"
            choices={people.map((u) => ({ value: u.id, label: `${u.name}（${u.username}）` }))}
          />
        </div>
        <div>
          <Field
            as="select"
            id="f-org"
            name="org"
            label="组织"
            value={q.org}
            blank="全部组织"
            choices={orgs.map(({ org, depth }) => ({
              value: org.id,
              label: `${"　".repeat(depth)}${org.name}`,
            }))}
          />
        </div>
        <div>
          <Field id="f-from" name="from" type="date" label="起始日期" value={q.from} />
        </div>
        <div>
          <Field id="f-to" name="to" type="date" label="截止日期" value={q.to} />
        </div>
        <div>
          <Field id="f-id" name="entity_id" label="对象编号" value={q.entity_id} />
        </div>
        {q.entity_type ? <input type="hidden" name="entity_type" value={q.entity_type} /> : ""}
        <div>
          <button type="submit" class="button">
            筛选
          </button>{" "}
          <a href="/admin/audit">清除条件</a>
        </div>
      </form>
      <p class="meta" role="status" safe>
        {total.n === 0
          ? "没有符合条件的记录。"
          : pages === undefined
            ? `共 ${total.n} 条以上记录，第 ${found.page} 页，每页 ${PER_PAGE} 条。`
            : `共 ${total.n} 条记录，第 ${found.page} / ${pages} 页，每页 ${PER_PAGE} 条。`}
      </p>
      {rows.length > 0 ? (
        <div class="table-scroll" tabindex="0" role="region" aria-label="审计日志">
          <table class="audit-table">
            <caption class="visually-hidden">审计日志</caption>
            <thead>
              <tr>
                <th scope="col">序号</th>
                <th scope="col">时间</th>
                <th scope="col">操作人</th>
                <th scope="col">操作</th>
                <th scope="col">对象</th>
                <th scope="col">业务日期</th>
                <th scope="col">详情</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const href = r.entity_id ? ENTITY_HREF[r.entity_type]?.(r.entity_id) : undefined;
                const details = describeSummary(r.summary, { ...names, entityType: r.entity_type });
                return (
                  <tr>
                    <td safe>{String(r.seq)}</td>
                    <td class="nowrap" safe>
                      {formatShanghai(r.at)}
                    </td>
                    <td safe>{r.actor_label}</td>
                    <td safe>{actionLabel(r.action)}</td>
                    <td>
                      {href ? (
                        <a href={href} safe>
                          {entityLabel(r.entity_type)}
                        </a>
                      ) : (
                        <span safe>{entityLabel(r.entity_type)}</span>
                      )}
                      {r.entity_id ? (
                        <span class="meta entity-id">
                          {" 编号 "}
                          <a
                            class="mono"
                            href={`/admin/audit?entity_id=${encodeURIComponent(r.entity_id)}`}
                            safe
                          >
                            {r.entity_id.slice(0, 8)}
                          </a>
                        </span>
                      ) : (
                        ""
                      )}
                    </td>
                    <td safe>{r.business_date ?? ""}</td>
                    <td>
                      {details.length > 0 ? (
                        <ul class="audit-details">
                          {details.map((d) => (
                            <li safe>{`${d.label}：${d.value}`}</li>
                          ))}
                        </ul>
                      ) : (
                        ""
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        ""
      )}
      <CursorPager
        page={found.page}
        size={PER_PAGE}
        next={found.next}
        prev={found.prev}
        total={total}
        href={hrefOf}
        text={{ ...ADMIN_PAGER_TEXT, label: "审计日志分页" }}
      />
    </AdminLayout>,
  );
}
