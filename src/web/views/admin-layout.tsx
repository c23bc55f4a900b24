import type {} from "@fastify/secure-session";
import type { Children } from "@kitajs/html";
import type { FastifyRequest } from "fastify";
import { type Action, type CurrentUser, canAny, ROLE_LABELS } from "../../domains/accounts";
import { CsrfField, Doc } from "./layout";

/** Back-office navigation; each entry shows only to users whose roles allow its action somewhere. */
export interface AdminNavEntry {
  href: string;
  label: string;
  action: Action;
  /** Shown on this test instead of the action's roles (a platform-level page, such as sites). */
  when?: (user: CurrentUser) => boolean;
}

const adminNav: AdminNavEntry[] = [{ href: "/admin", label: "工作台", action: "dashboard.view" }];

/** Domains add their back-office pages to the navigation when they register their routes. */
export function addAdminNav(entry: AdminNavEntry): void {
  if (!adminNav.some((e) => e.href === entry.href)) adminNav.push(entry);
}

/** Takes the one-time message a redirect left in the session (set with `req.session.set("flash", …)`). */
export function takeFlash(req: FastifyRequest): string | undefined {
  const flash = req.session.get("flash");
  if (flash) req.session.set("flash", undefined);
  return flash || undefined;
}

/** A one-time confirmation after a form post, announced to screen readers. */
export function Flash(p: { text?: string }) {
  return p.text ? (
    <p class="notice ok" role="status" safe>
      {p.text}
    </p>
  ) : (
    ""
  );
}

export function AdminLayout(p: {
  user: CurrentUser;
  csrf: string;
  title: string;
  path: string;
  siteName: string;
  /** A one-time confirmation shown under the heading (see `takeFlash`). */
  flash?: string;
  children?: Children;
}) {
  const entries = adminNav.filter((e) => (e.when ? e.when(p.user) : canAny(p.user, e.action)));
  return (
    <Doc lang="zh-CN" title={`${p.title} - ${p.siteName}政务公开管理`} bodyClass="admin">
      <a class="skip-link" href="#main">
        跳到主要内容
      </a>
      <header class="admin-header">
        <div class="wrap header-row">
          <a class="brand" href="/admin">
            <img class="emblem" src="/assets/emblem.svg" alt="" width="40" height="40" />
            <span class="site-name" safe>{`${p.siteName} 政务公开管理`}</span>
          </a>
          <div class="user-box">
            <span safe>{`${p.user.name}（${p.user.orgName}）`}</span>
            <span class="roles" safe>
              {p.user.roles.map((r) => ROLE_LABELS[r]).join("、")}
            </span>
            <a href="/admin/password">修改密码</a>
            <a href="/admin/account/2fa">账户安全</a>
            <form method="post" action="/admin/logout" class="inline">
              <CsrfField token={p.csrf} />
              <button type="submit" class="link-button">
                退出登录
              </button>
            </form>
          </div>
        </div>
        <nav class="admin-nav" aria-label="管理导航">
          <ul class="wrap">
            {entries.map((e) => (
              <li>
                <a
                  href={e.href}
                  aria-current={
                    p.path === e.href || (e.href !== "/admin" && p.path.startsWith(`${e.href}/`))
                      ? "page"
                      : undefined
                  }
                  safe
                >
                  {e.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" class="wrap" tabindex="-1">
        <h1 safe>{p.title}</h1>
        <Flash text={p.flash} />
        {p.children}
      </main>
    </Doc>
  );
}

/** A bare page (login) in the back office's look. */
export function AdminBareLayout(p: { title: string; siteName: string; children?: Children }) {
  return (
    <Doc lang="zh-CN" title={`${p.title} - ${p.siteName}政务公开管理`} bodyClass="admin bare">
      <main id="main" class="narrow" tabindex="-1">
        <p class="brand">
          <img class="emblem" src="/assets/emblem.svg" alt="" width="48" height="48" />
          <span class="site-name" safe>{`${p.siteName} 政务公开管理`}</span>
        </p>
        <h1 safe>{p.title}</h1>
        {p.children}
      </main>
    </Doc>
  );
}
