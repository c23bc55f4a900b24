import type { ErrorDetail } from "../../platform/errors";
import { formatShanghai } from "../../platform/time";
import { groupSecret, qrSvg } from "../../platform/totp";
import { Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import type { TotpStatus } from "./accounts.totp";

// The second factor's pages: the code asked after the password, enrolment (QR code and key), the recovery
// codes shown once, and the user's own security page.

const CodeField = (p: { problems: ErrorDetail[]; recovery?: boolean }) => (
  <Field
    name="code"
    label="验证码"
    hint={
      p.recovery
        ? "打开手机上的验证器应用（如腾讯身份验证器、Microsoft Authenticator），输入当前显示的6位数字。手机不在身边时，可输入一个恢复码（形如 abcde-23456），每个恢复码只能使用一次。"
        : "输入验证器应用当前显示的6位数字。"
    }
    autocomplete="one-time-code"
    inputmode={p.recovery ? "text" : "numeric"}
    maxlength={20}
    problems={p.problems}
  />
);

/** The current password, asked again before the factor changes (accounts.reauth.ts). */
const PasswordField = (p: { id: string; problems: ErrorDetail[] }) => (
  <Field
    name="password"
    id={p.id}
    type="password"
    label="当前密码"
    hint="为确认是您本人操作，请再次输入登录密码。"
    autocomplete="current-password"
    maxlength={200}
    problems={p.problems}
  />
);

/** The code after a correct password. */
export function TotpChallengeForm(p: { csrf: string; next: string; problems: ErrorDetail[] }) {
  return (
    <>
      <ErrorSummary title="验证未通过" problems={p.problems} />
      <form method="post" action="/admin/login/2fa" class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="next" value={p.next} />
        <CodeField problems={p.problems} recovery />
        <button type="submit">验证并登录</button>
      </form>
      <p class="meta">丢失手机且没有恢复码时，请联系本单位系统管理员重置双因素认证。</p>
    </>
  );
}

/** Step by step: install an app, scan the code (or type the key), confirm with the first code. */
export function TotpEnrolForm(p: {
  csrf: string;
  action: string;
  next?: string;
  secret: string;
  uri: string;
  problems: ErrorDetail[];
  required: boolean;
  /** On the security page of a signed-in user: the password is asked again. */
  reauth?: boolean;
}) {
  // Our own SVG markup (modules as rects, no text from anyone): inserted as is.
  const safeQr = qrSvg(p.uri);
  return (
    <>
      <ErrorSummary title="双因素认证未启用" problems={p.problems} />
      {p.required ? (
        <p class="notice" role="status">
          按本单位安全规定，您的账户（管理员或审签领导）必须使用双因素认证：每次登录除密码外，还需输入手机验证器上的动态验证码。
        </p>
      ) : (
        ""
      )}
      <ol class="steps">
        <li>在手机上安装支持 TOTP 的验证器应用，如腾讯身份验证器、Microsoft Authenticator、FreeOTP。</li>
        <li>
          <p>在应用中添加账户，扫描下面的二维码：</p>
          <figure class="totp-qr">
            <span role="img" aria-label="双因素认证二维码（包含下方密钥）">
              {safeQr}
            </span>
            <figcaption>
              无法扫码时，请在应用中选择“手动输入密钥”，类型选“基于时间”，输入密钥：
              <code class="mono totp-secret" safe>
                {groupSecret(p.secret)}
              </code>
            </figcaption>
          </figure>
        </li>
        <li>输入应用显示的6位验证码，完成启用。</li>
      </ol>
      <form method="post" action={p.action} class="stack" novalidate>
        <CsrfField token={p.csrf} />
        {p.next ? <input type="hidden" name="next" value={p.next} /> : ""}
        {p.reauth ? <PasswordField id="enable-password" problems={p.problems} /> : ""}
        <CodeField problems={p.problems} />
        <button type="submit">启用双因素认证</button>
      </form>
    </>
  );
}

/** The ten recovery codes, shown once. */
export function RecoveryCodes(p: { codes: string[]; next?: string }) {
  return (
    <section aria-labelledby="recovery-title" class="recovery-codes">
      <h2 id="recovery-title">恢复码</h2>
      <p class="notice" role="status">
        请立即抄写或打印下列恢复码，妥善保管。手机丢失时，每个恢复码可代替验证码登录一次。本页关闭后不再显示。
      </p>
      <ol class="mono">
        {p.codes.map((c) => (
          <li safe>{c}</li>
        ))}
      </ol>
      {p.next ? (
        <p>
          <a class="button" href={p.next}>
            我已保存恢复码，继续
          </a>
        </p>
      ) : (
        ""
      )}
    </section>
  );
}

/** The signed-in user's own second factor: status, new recovery codes, turning it off where allowed. */
export function TotpSecurity(p: {
  csrf: string;
  status: TotpStatus;
  problems: ErrorDetail[];
  enrol?: { secret: string; uri: string };
  codes?: string[];
  flash?: string;
}) {
  const s = p.status;
  return (
    <>
      {p.flash ? (
        <p class="notice ok" role="status" safe>
          {p.flash}
        </p>
      ) : (
        ""
      )}
      {p.codes ? <RecoveryCodes codes={p.codes} /> : ""}
      <section aria-labelledby="totp-status">
        <h2 id="totp-status">双因素认证</h2>
        <p>
          {s.enabled
            ? `已启用（${formatShanghai(s.enabledAt!)}），剩余恢复码 ${s.recoveryLeft} 个。`
            : s.required
              ? "未启用。您的角色必须使用双因素认证，下次登录时将要求启用。"
              : "未启用。启用后，每次登录除密码外还需输入手机验证器上的动态验证码。"}
        </p>
      </section>
      {p.enrol ? (
        <TotpEnrolForm
          csrf={p.csrf}
          action="/admin/account/2fa/enable"
          secret={p.enrol.secret}
          uri={p.enrol.uri}
          problems={p.problems}
          required={s.required}
          reauth
        />
      ) : (
        ""
      )}
      {s.enabled ? (
        <>
          <ErrorSummary title="操作未完成" problems={p.problems} />
          <section aria-labelledby="totp-renew">
            <h2 id="totp-renew">重新生成恢复码</h2>
            <p class="hint">旧的恢复码将全部作废。</p>
            <form method="post" action="/admin/account/2fa/recovery" class="stack" novalidate>
              <CsrfField token={p.csrf} />
              <PasswordField id="renew-password" problems={p.problems} />
              <Field
                name="code"
                id="renew-code"
                label="验证码"
                hint="输入验证器应用当前显示的6位数字。"
                autocomplete="one-time-code"
                inputmode="numeric"
                maxlength={20}
                problems={p.problems}
              />
              <button type="submit">生成新的恢复码</button>
            </form>
          </section>
          {s.required ? (
            <p class="meta">您的角色必须使用双因素认证，不能停用。更换手机请联系本单位系统管理员重置。</p>
          ) : (
            <section aria-labelledby="totp-off">
              <h2 id="totp-off">停用双因素认证</h2>
              <form method="post" action="/admin/account/2fa/disable" class="stack" novalidate>
                <CsrfField token={p.csrf} />
                <PasswordField id="disable-password" problems={[]} />
                <Field
                  name="code"
                  id="disable-code"
                  label="验证码"
                  autocomplete="one-time-code"
                  inputmode="numeric"
                  maxlength={20}
                  problems={[]}
                />
                <button type="submit" class="danger">
                  停用
                </button>
              </form>
            </section>
          )}
        </>
      ) : (
        ""
      )}
    </>
  );
}
