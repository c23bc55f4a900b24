import type { ErrorDetail } from "../../platform/errors";
import { formatShanghai } from "../../platform/time";
import { AdminBareLayout } from "../../web/views/admin-layout";
import { Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../web/views/layout";

export function LoginPage(p: {
  siteName: string;
  csrf: string;
  next: string;
  username?: string;
  problems: ErrorDetail[];
  limits: { maxFailures: number; lockMinutes: number; idleMinutes: number };
}) {
  return (
    <AdminBareLayout title="工作人员登录" siteName={p.siteName}>
      <ErrorSummary title="登录未成功" problems={p.problems} />
      <form method="post" action="/admin/login" class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="next" value={p.next} />
        <Field
          name="username"
          label="用户名"
          autocomplete="username"
          value={p.username ?? ""}
          problems={p.problems}
        />
        <Field
          name="password"
          label="密码"
          type="password"
          autocomplete="current-password"
          problems={p.problems}
        />
        <button type="submit">登录</button>
      </form>
      <p class="meta" safe>
        {`在同一地址连续输错密码 ${p.limits.maxFailures} 次，将暂停从该地址登录 ${p.limits.lockMinutes} 分钟。` +
          `登录后 ${p.limits.idleMinutes} 分钟无操作将自动退出。忘记密码请联系本单位系统管理员。`}
      </p>
      <p>
        <a href="/">返回门户网站</a>
      </p>
    </AdminBareLayout>
  );
}

export function PasswordForm(p: { csrf: string; problems: ErrorDetail[]; done?: boolean }) {
  const field = (name: string, label: string, autocomplete: string, hint?: string) => (
    <Field
      name={name}
      label={label}
      type="password"
      autocomplete={autocomplete}
      hint={hint}
      problems={p.problems}
    />
  );

  return (
    <>
      {p.done ? (
        <p class="notice ok" role="status">
          密码已修改。其他设备上的登录已失效。
        </p>
      ) : (
        ""
      )}
      <ErrorSummary title="密码未修改" problems={p.problems} />
      <form method="post" action="/admin/password" class="stack" novalidate>
        <CsrfField token={p.csrf} />
        {field("current", "当前密码", "current-password")}
        {field("next", "新密码", "new-password", "至少10位，不要使用生日、电话等容易猜到的内容。")}
        {field("confirm", "再次输入新密码", "new-password")}
        <button type="submit">修改密码</button>
      </form>
    </>
  );
}

/** Where the user is signed in now (open server-side sessions), so a session they do not recognise shows. */
export function MySessions(p: {
  sessions: Array<{
    address: string;
    user_agent: string;
    created_at: string;
    last_seen_at: string;
    current: boolean;
  }>;
}) {
  return (
    <section aria-labelledby="my-sessions">
      <h2 id="my-sessions">当前登录</h2>
      <p class="hint">
        修改密码会使下列所有登录失效（本浏览器将自动重新登录）。如有不认识的登录，请立即修改密码。
      </p>
      <div class="table-scroll" tabindex="0" role="region" aria-label="当前登录">
        <table>
          <thead>
            <tr>
              <th scope="col">登录时间</th>
              <th scope="col">最近活动</th>
              <th scope="col">地址</th>
              <th scope="col">浏览器</th>
            </tr>
          </thead>
          <tbody>
            {p.sessions.map((s) => (
              <tr>
                <td safe>{formatShanghai(s.created_at)}</td>
                <td safe>{formatShanghai(s.last_seen_at)}</td>
                <td class="mono" safe>
                  {s.address}
                </td>
                <td>
                  <span safe>{s.user_agent.slice(0, 80)}</span>
                  {s.current ? "（本浏览器）" : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
