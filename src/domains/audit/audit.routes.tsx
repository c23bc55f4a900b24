import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { formatShanghai } from "../../platform/time";
import { authorizeAny, requireUser, requireUserOrRedirect } from "../../web/auth";
import { addDashboardPanel } from "../../web/dashboard";
import type { AppInstance } from "../../web/types";
import { AdminLayout, addAdminNav } from "../../web/views/admin-layout";
import { resolveSite } from "../orgs";
import { listAuditForUser, verifyAuditChain } from "./audit.service";

const Filter = Type.Object({
  action: Type.Optional(Type.String({ maxLength: 60, pattern: "^[a-z_.]*$" })),
  entity_type: Type.Optional(Type.String({ maxLength: 40, pattern: "^[a-z_]*$" })),
  entity_id: Type.Optional(Type.String({ maxLength: 60 })),
  from: Type.Optional(Type.String({ pattern: "^(\\d{4}-\\d{2}-\\d{2})?$" })),
  to: Type.Optional(Type.String({ pattern: "^(\\d{4}-\\d{2}-\\d{2})?$" })),
  before: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00+08:00`) + 86_400_000).toISOString();

function toFilter(q: {
  action?: string;
  entity_type?: string;
  entity_id?: string;
  from?: string;
  to?: string;
  before?: number;
}) {
  return {
    action: q.action || undefined,
    entityType: q.entity_type || undefined,
    entityId: q.entity_id || undefined,
    // Dates are Asia/Shanghai calendar days; `to` is inclusive.
    from: q.from ? new Date(Date.parse(`${q.from}T00:00:00+08:00`)).toISOString() : undefined,
    to: q.to ? nextDay(q.to) : undefined,
    beforeSeq: q.before,
  };
}

export function registerAuditRoutes(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: "/admin/audit", label: "审计日志", action: "audit.view" });
  addDashboardPanel({
    id: "audit",
    title: "最近操作",
    action: "audit.view",
    async load(d, user) {
      // The full chain check runs on the audit page, not on every dashboard view.
      const rows = await listAuditForUser(d, user, {}, 5);
      return {
        href: "/admin/audit",
        lines: rows.map((r) => ({
          text: `${formatShanghai(r.at)} ${r.actor_label} ${r.action}`,
          href: "/admin/audit",
        })),
      };
    },
  });

  app.get(
    "/api/v1/audit",
    {
      schema: {
        tags: ["audit"],
        summary: "Audit log entries, newest first",
        security: [{ bearer: [] }],
        querystring: Filter,
      },
    },
    async (req) => {
      const user = requireUser(req);
      authorizeAny(user, "audit.view");
      const rows = await listAuditForUser(deps, user, toFilter(req.query), req.query.limit ?? 50);
      return { items: rows.map((r) => ({ ...r, summary: JSON.parse(r.summary) })) };
    },
  );

  app.get("/admin/audit", { schema: { hide: true, querystring: Filter } }, async (req, reply) => {
    const user = requireUserOrRedirect(req, reply);
    if (!user) return reply;
    authorizeAny(user, "audit.view");
    const site = await resolveSite(deps, req);
    const q = req.query;
    const rows = await listAuditForUser(deps, user, toFilter(q), 100);
    const check = await verifyAuditChain(deps);
    const more = rows.length === 100 ? rows[rows.length - 1]!.seq : undefined;
    const params = new URLSearchParams(
      Object.entries({
        action: q.action,
        entity_type: q.entity_type,
        entity_id: q.entity_id,
        from: q.from,
        to: q.to,
      }).filter((e): e is [string, string] => Boolean(e[1])),
    );
    return reply.type("text/html; charset=utf-8").send(
      <AdminLayout
        user={user}
        csrf={reply.generateCsrf()}
        title="审计日志"
        path="/admin/audit"
        siteName={site.name}
      >
        <p class={check.ok ? "notice ok" : "notice warn"} role="status" safe>
          {/* No count: it would tell one site how busy the others are. */}
          {check.ok
            ? `哈希链校验通过：未发现篡改、删除、插入或数据库回退。${check.anchor.state === "missing" ? "（库外链头文件缺失，无法检查回退，请联系系统管理员。）" : ""}`
            : `哈希链校验失败：第 ${check.seq} 条记录异常（${check.problem}）。请联系系统管理员核查。`}
        </p>
        <form method="get" action="/admin/audit" class="filters">
          <div>
            <label for="f-action">操作</label>
            <input id="f-action" name="action" value={q.action ?? ""} placeholder="如 auth. 或 user.create" />
          </div>
          <div>
            <label for="f-type">对象类型</label>
            <input id="f-type" name="entity_type" value={q.entity_type ?? ""} />
          </div>
          <div>
            <label for="f-id">对象编号</label>
            <input id="f-id" name="entity_id" value={q.entity_id ?? ""} />
          </div>
          <div>
            <label for="f-from">起始日期</label>
            <input id="f-from" name="from" type="date" value={q.from ?? ""} />
          </div>
          <div>
            <label for="f-to">截止日期</label>
            <input id="f-to" name="to" type="date" value={q.to ?? ""} />
          </div>
          <div>
            <button type="submit" class="button">
              筛选
            </button>
          </div>
        </form>
        <div class="table-scroll" tabindex="0" role="region" aria-label="审计日志">
          <table>
            <caption class="visually-hidden">审计日志</caption>
            <thead>
              <tr>
                <th scope="col">序号</th>
                <th scope="col">时间</th>
                <th scope="col">操作人</th>
                <th scope="col">操作</th>
                <th scope="col">对象</th>
                <th scope="col">业务日期</th>
                <th scope="col">摘要</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td safe>{String(r.seq)}</td>
                  <td safe>{formatShanghai(r.at)}</td>
                  <td safe>{r.actor_label}</td>
                  <td class="mono" safe>
                    {r.action}
                  </td>
                  <td class="mono" safe>
                    {`${r.entity_type}${r.entity_id ? ` ${r.entity_id}` : ""}`}
                  </td>
                  <td safe>{r.business_date ?? ""}</td>
                  <td class="mono" safe>
                    {r.summary}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {more ? (
          <p>
            <a href={`/admin/audit?${params.toString()}${params.size ? "&" : ""}before=${more}`}>
              更早的记录
            </a>
          </p>
        ) : (
          ""
        )}
      </AdminLayout>,
    );
  });
}
