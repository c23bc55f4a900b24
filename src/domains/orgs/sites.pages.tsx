import type { ErrorDetail } from "../../platform/errors";
import { formatShanghai } from "../../platform/time";
import { Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import type { Org, Site } from "./orgs.repo";
import { hostsOf } from "./sites.service";

export type SiteRow = { site: Site; root: Org | undefined };

const rootLabel = (root: Org): string => `${root.name}（${root.code}）`;

export function SiteTable(p: { rows: SiteRow[] }) {
  return (
    <div class="table-scroll" tabindex="0" role="region" aria-label="站点列表">
      <table>
        <caption class="visually-hidden">站点列表</caption>
        <thead>
          <tr>
            <th scope="col">站点名称</th>
            <th scope="col">站点代码</th>
            <th scope="col">行政区划代码</th>
            <th scope="col">网站标识码</th>
            <th scope="col">主机名</th>
            <th scope="col">本级人民政府</th>
            <th scope="col">创建时间</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map(({ site, root }) => (
            <tr>
              <td safe>{site.name}</td>
              <td class="mono" safe>
                {site.code}
              </td>
              <td class="mono" safe>
                {site.division_code}
              </td>
              <td class="mono" safe>
                {site.identifier_code}
              </td>
              <td class="mono" safe>
                {hostsOf(site).join(", ") || "（默认站点）"}
              </td>
              <td>{root ? <span safe>{rootLabel(root)}</span> : "—"}</td>
              <td safe>{formatShanghai(site.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type Values = Record<string, string | undefined>;

/** A new site and its root organisation (the people's government), in one form. */
export function SiteCreateForm(p: { csrf: string; problems: ErrorDetail[]; values: Values }) {
  const f = (id: string, label: string, hint?: string) => (
    <Field name={id} label={label} hint={hint} value={p.values[id]} problems={p.problems} />
  );
  return (
    <section aria-labelledby="site-create-title">
      <h2 id="site-create-title">新建站点</h2>
      <ErrorSummary title="站点未创建，请修改以下问题：" problems={p.problems} />
      <form method="post" action="/admin/sites" class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <fieldset>
          <legend>站点</legend>
          {f("code", "站点代码", "字母、数字、下划线或连字符，全平台唯一，例如 damao。")}
          {f("name", "站点名称", "例如：达尔罕茂明安联合旗人民政府")}
          {f("division_code", "行政区划代码", "6位数字，例如 150223。")}
          {f("identifier_code", "网站标识码", "10位数字，前6位为行政区划代码。")}
          {f(
            "hosts",
            "主机名（可选）",
            "门户网站的域名，多个用逗号分隔，不含 http:// 和端口；不填则只能经默认站点访问。",
          )}
        </fieldset>
        <fieldset>
          <legend>本级人民政府（根机构）</legend>
          {f("root_org", "机构代码", "在本站点内唯一，例如 dmq。")}
          {f("root_name", "机构全称", "例如：达尔罕茂明安联合旗人民政府")}
          {f("root_credit_code", "统一社会信用代码（可选）", "18位，系统会核对校验位。")}
        </fieldset>
        <button type="submit">创建站点</button>
      </form>
    </section>
  );
}

/** The first administrator of a site (role admin at its root organisation), so the county can take over. */
export function SiteAdminForm(p: { csrf: string; sites: Site[]; problems: ErrorDetail[]; values: Values }) {
  return (
    <section aria-labelledby="site-admin-title">
      <h2 id="site-admin-title">为站点添加管理员</h2>
      <ErrorSummary title="管理员未添加，请修改以下问题：" problems={p.problems} />
      <form method="post" action="/admin/sites/admins" class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <Field
          as="select"
          name="site"
          label="站点"
          value={p.values.site}
          choices={p.sites.map((s) => ({ value: s.code, label: `${s.name}（${s.code}）` }))}
          problems={p.problems}
        />
        <Field
          name="username"
          label="用户名"
          hint="3-40位小写字母、数字、点、下划线或连字符。"
          value={p.values.username}
          problems={p.problems}
        />
        <Field name="admin_name" label="姓名" value={p.values.admin_name} problems={p.problems} />
        <Field
          name="password"
          label="初始密码"
          hint="至少10位；请经可靠渠道交给本人，并提醒其登录后立即修改。"
          type="password"
          problems={p.problems}
        />
        <button type="submit">添加管理员</button>
      </form>
    </section>
  );
}
