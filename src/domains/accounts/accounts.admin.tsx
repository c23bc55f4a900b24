import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { formatShanghai } from "../../platform/time";
import { authorize, authorizeAny, requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { AdminLayout, addAdminNav, takeFlash } from "../../web/views/admin-layout";
import { Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import { loadOrgTree, type OrgTree, siteById } from "../orgs";
import { listUserEmails } from "./accounts.email";
import { registerUserEmailAdmin, UserEmails } from "./accounts.email-views";
import { can, ROLE_LABELS, ROLES } from "./accounts.policy";
import {
  actorOf,
  type CurrentUser,
  createUser,
  getUserRow,
  listUsersWithRoles,
  updateAccountStatus,
} from "./accounts.service";
import { resetTotp, usersWithTotp } from "./accounts.totp";

const html = "text/html; charset=utf-8";

type UserListRow = Awaited<ReturnType<typeof listUsersWithRoles>>[number];

function UserTable(p: {
  rows: UserListRow[];
  tree: OrgTree;
  viewer: CurrentUser;
  csrf: string;
  now: Date;
  /** Users with an enabled second factor. */
  totp: Set<string>;
}) {
  return (
    <div class="table-scroll" tabindex="0" role="region" aria-label="账户列表">
      <table>
        <caption class="visually-hidden">账户列表</caption>
        <thead>
          <tr>
            <th scope="col">用户名</th>
            <th scope="col">姓名</th>
            <th scope="col">单位</th>
            <th scope="col">角色</th>
            <th scope="col">状态</th>
            <th scope="col">双因素认证</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((u) => {
            const locked = u.locked_until && new Date(u.locked_until) > p.now;
            const manage = can(p.viewer, "user.manage", u.org_id, p.tree);
            const action = (change: string, label: string) => (
              <form method="post" action={`/admin/users/${u.id}/${change}`} class="inline">
                <CsrfField token={p.csrf} />
                <button type="submit" class="link-button" safe>
                  {label}
                </button>
              </form>
            );
            return (
              <tr>
                <td class="mono" safe>
                  {u.username}
                </td>
                <td safe>{u.name}</td>
                <td safe>{p.tree.get(u.org_id)?.name ?? ""}</td>
                <td safe>{u.roles.map((r) => ROLE_LABELS[r as keyof typeof ROLE_LABELS] ?? r).join("、")}</td>
                <td safe>
                  {Number(u.disabled)
                    ? "已停用"
                    : locked
                      ? `锁定至 ${formatShanghai(u.locked_until!)}`
                      : "正常"}
                </td>
                <td>{p.totp.has(u.id) ? "已启用" : "未启用"}</td>
                <td>
                  {manage ? (
                    <>
                      {locked ? action("unlock", "解除锁定") : ""}
                      {p.totp.has(u.id) && u.id !== p.viewer.id ? action("reset-2fa", "重置双因素认证") : ""}
                      {Number(u.disabled)
                        ? action("enable", "启用")
                        : u.id === p.viewer.id
                          ? ""
                          : action("disable", "停用")}
                    </>
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
  );
}

function UserCreateForm(p: {
  csrf: string;
  orgs: Array<{ code: string; name: string; depth: number }>;
  problems: ErrorDetail[];
  values: Record<string, unknown>;
}) {
  const v = (f: string) => (typeof p.values[f] === "string" ? (p.values[f] as string) : "");
  const chosen = ([] as unknown[]).concat(p.values.roles ?? []).map(String);
  return (
    <section aria-labelledby="user-create-title">
      <h2 id="user-create-title">新建账户</h2>
      <ErrorSummary title="账户未创建，请修改以下问题：" problems={p.problems} />
      <form method="post" action="/admin/users" class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <Field
          name="username"
          label="用户名"
          hint="3-40位小写字母、数字、点、下划线或连字符。"
          value={v("username")}
          autocomplete="off"
          problems={p.problems}
        />
        <Field name="name" label="姓名" value={v("name")} autocomplete="off" problems={p.problems} />
        <Field
          as="select"
          name="org"
          label="所属单位"
          value={v("org")}
          choices={p.orgs.map((o) => ({ value: o.code, label: `${"　".repeat(o.depth)}${o.name}` }))}
          problems={p.problems}
        />
        <Field
          as="checkboxes"
          name="roles"
          label="角色"
          values={chosen}
          choices={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          problems={p.problems}
        />
        <Field
          name="password"
          label="初始密码"
          type="password"
          hint="至少10位；请通知本人登录后立即修改。"
          autocomplete="new-password"
          problems={p.problems}
        />
        <button type="submit">创建账户</button>
      </form>
    </section>
  );
}

export function registerAccountAdmin(app: AppInstance, deps: Deps): void {
  registerUserEmailAdmin(app, deps);
  addAdminNav({ href: "/admin/users", label: "账户管理", action: "user.view" });

  const render = async (
    user: CurrentUser,
    csrf: string,
    extra: { problems?: ErrorDetail[]; values?: Record<string, unknown>; flash?: string } = {},
  ) => {
    const site = await siteById(deps, user.siteId);
    const tree = await loadOrgTree(deps, site.id);
    const inScope = tree.flatten(site.id).filter(({ org }) => tree.isWithin(org.id, user.orgId));
    const rows = await listUsersWithRoles(
      deps,
      inScope.map(({ org }) => org.id),
    );
    const manageable = inScope.filter(({ org }) => can(user, "user.manage", org.id, tree));
    const emails = await listUserEmails(
      deps,
      rows.map((r) => r.id),
    );
    return (
      <AdminLayout
        user={user}
        csrf={csrf}
        title="账户管理"
        path="/admin/users"
        siteName={site.name}
        flash={extra.flash}
      >
        {manageable.length ? (
          <UserCreateForm
            csrf={csrf}
            orgs={manageable.map(({ org, depth }) => ({ code: org.code, name: org.name, depth }))}
            problems={extra.problems ?? []}
            values={extra.values ?? {}}
          />
        ) : (
          ""
        )}
        <h2>现有账户</h2>
        <UserTable
          rows={rows}
          tree={tree}
          viewer={user}
          csrf={csrf}
          now={deps.clock.now()}
          totp={
            await usersWithTotp(
              deps,
              rows.map((r) => r.id),
            )
          }
        />
        <UserEmails rows={rows} emails={emails} tree={tree} viewer={user} csrf={csrf} />
      </AdminLayout>
    );
  };

  app.get("/admin/users", { schema: { hide: true } }, async (req, reply) => {
    const user = requireUser(req);
    authorizeAny(user, "user.view");
    return reply.type(html).send(await render(user, reply.generateCsrf(), { flash: takeFlash(req) }));
  });

  app.post(
    "/admin/users",
    {
      schema: {
        hide: true,
        body: Type.Object({
          username: Type.String({ maxLength: 100 }),
          name: Type.String({ maxLength: 100 }),
          org: Type.String({ maxLength: 50 }),
          roles: Type.Optional(
            Type.Union([
              Type.String({ maxLength: 20 }),
              Type.Array(Type.String({ maxLength: 20 }), { maxItems: 6 }),
            ]),
          ),
          password: Type.String({ maxLength: 200 }),
          _csrf: Type.Optional(Type.String()),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      authorizeAny(user, "user.manage");
      const roles = ([] as string[]).concat(req.body.roles ?? []);
      try {
        const tree = await loadOrgTree(deps, user.siteId);
        const org = tree.flatten().find((x) => x.org.code === req.body.org)?.org;
        if (org) authorize(user, "user.manage", org.id, tree);
        const created = await createUser(deps, actorOf(user), {
          ...req.body,
          orgCode: req.body.org,
          roles,
          siteId: user.siteId,
        });
        req.session.set("flash", `已创建账户 ${created.username}（${created.name}）。`);
        return reply.redirect("/admin/users", 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500 || e.status === 403) throw e;
        const problems = e.details.length ? e.details : [{ code: e.code, message: e.message }];
        const { password: _p, _csrf, ...values } = req.body;
        return reply
          .status(e.status)
          .type(html)
          .send(await render(user, reply.generateCsrf(), { problems, values: { ...values, roles } }));
      }
    },
  );

  app.post(
    "/admin/users/:id/:change",
    {
      schema: {
        hide: true,
        params: Type.Object({
          id: Type.String({ maxLength: 40 }),
          change: Type.Union([
            Type.Literal("unlock"),
            Type.Literal("disable"),
            Type.Literal("enable"),
            Type.Literal("reset-2fa"),
          ]),
        }),
        body: Type.Object({ _csrf: Type.Optional(Type.String()) }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const target = await getUserRow(deps, req.params.id);
      if (!target) throw new AppError("user_not_found", 404, "用户不存在。");
      authorize(user, "user.manage", target.org_id, await loadOrgTree(deps, user.siteId));
      const change = req.params.change;
      if (change === "reset-2fa") await resetTotp(deps, actorOf(user), target.id);
      else await updateAccountStatus(deps, actorOf(user), target.id, change);
      const label = {
        unlock: "已解除锁定",
        disable: "已停用",
        enable: "已启用",
        "reset-2fa": "已重置双因素认证（该用户下次登录时重新启用）",
      }[change];
      req.session.set("flash", `${label}：${target.username}`);
      return reply.redirect("/admin/users", 303);
    },
  );
}
