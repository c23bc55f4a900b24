import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { formatShanghai } from "../../platform/time";
import { authorizeAny, requireUser } from "../../web/auth";
import { addDashboardPanel } from "../../web/dashboard";
import type { AppInstance } from "../../web/types";
import { addAdminNav } from "../../web/views/admin-layout";
import { actionLabel } from "./audit.labels";
import { AuditPageQuery, renderAuditPage } from "./audit.page";
import { listAuditForUser } from "./audit.service";

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
          text: `${formatShanghai(r.at)} ${r.actor_label} ${actionLabel(r.action)}`,
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

  app.get("/admin/audit", { schema: { hide: true, querystring: AuditPageQuery } }, async (req, reply) => {
    const user = requireUser(req);
    authorizeAny(user, "audit.view");
    return renderAuditPage(deps, req, reply, user, req.query);
  });
}
