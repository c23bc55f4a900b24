import type { ErrorDetail } from "../../platform/errors";
import { AdminBareLayout } from "../../web/views/admin-layout";
import { CsrfField, ErrorSummary } from "../../web/views/layout";

const fieldError = (problems: ErrorDetail[], field: string) =>
  problems.find((p) => p.field === field)?.message;

export function LoginPage(p: {
  siteName: string;
  csrf: string;
  next: string;
  username?: string;
  problems: ErrorDetail[];
}) {
  const userErr = fieldError(p.problems, "username");
  const passErr = fieldError(p.problems, "password");
  return (
    <AdminBareLayout title="工作人员登录" siteName={p.siteName}>
      <ErrorSummary title="登录未成功" problems={p.problems} />
      <form method="post" action="/admin/login" class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="next" value={p.next} />
        <label for="username">用户名</label>
        {userErr ? (
          <p class="field-error" id="username-error" safe>
            {userErr}
          </p>
        ) : (
          ""
        )}
        <input
          id="username"
          name="username"
          type="text"
          autocomplete="username"
          required
          value={p.username ?? ""}
          aria-invalid={userErr ? "true" : undefined}
          aria-describedby={userErr ? "username-error" : undefined}
        />
        <label for="password">密码</label>
        {passErr ? (
          <p class="field-error" id="password-error" safe>
            {passErr}
          </p>
        ) : (
          ""
        )}
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          aria-invalid={passErr ? "true" : undefined}
          aria-describedby={passErr ? "password-error" : undefined}
        />
        <button type="submit">登录</button>
      </form>
      <p class="meta">连续输错密码 5 次，账户将被锁定一段时间。忘记密码请联系本单位系统管理员。</p>
      <p>
        <a href="/">返回门户网站</a>
      </p>
    </AdminBareLayout>
  );
}

export function PasswordForm(p: { csrf: string; problems: ErrorDetail[]; done?: boolean }) {
  const field = (id: string, label: string, autocomplete: string, hint?: string) => {
    const err = fieldError(p.problems, id);
    return (
      <>
        <label for={id} safe>
          {label}
        </label>
        {hint ? (
          <p class="hint" safe>
            {hint}
          </p>
        ) : (
          ""
        )}
        {err ? (
          <p class="field-error" id={`${id}-error`} safe>
            {err}
          </p>
        ) : (
          ""
        )}
        <input
          id={id}
          name={id}
          type="password"
          autocomplete={autocomplete}
          required
          aria-invalid={err ? "true" : undefined}
          aria-describedby={err ? `${id}-error` : undefined}
        />
      </>
    );
  };
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
