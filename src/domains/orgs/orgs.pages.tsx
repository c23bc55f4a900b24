import type { ErrorDetail } from "../../platform/errors";
import { Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import type { Org } from "./orgs.repo";
import { ORG_KINDS } from "./orgs.schemas";

export const ORG_KIND_LABELS: Record<string, string> = {
  government: "人民政府",
  department: "政府部门",
  town: "乡镇",
  community: "社区/村",
  institution: "公共企事业单位",
};

type Row = { org: Org; depth: number };

export function OrgTreeTable(p: { rows: Row[] }) {
  return (
    <div class="table-scroll" tabindex="0" role="region" aria-label="机构列表">
      <table>
        <caption class="visually-hidden">机构列表</caption>
        <thead>
          <tr>
            <th scope="col">机构名称</th>
            <th scope="col">简称</th>
            <th scope="col">类型</th>
            <th scope="col">机构代码</th>
            <th scope="col">统一社会信用代码</th>
            <th scope="col">行政区划代码</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map(({ org, depth }) => (
            <tr>
              <td class={`depth-${Math.min(depth, 3)}`} safe>
                {org.name}
              </td>
              <td safe>{org.short_name}</td>
              <td safe>{ORG_KIND_LABELS[org.kind] ?? org.kind}</td>
              <td class="mono" safe>
                {org.code}
              </td>
              <td class="mono" safe>
                {org.credit_code ?? ""}
              </td>
              <td class="mono" safe>
                {org.division_code ?? ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OrgCreateForm(p: {
  csrf: string;
  parents: Row[];
  problems: ErrorDetail[];
  values: Record<string, string | undefined>;
}) {
  const text = (id: string, label: string, hint?: string) => (
    <Field name={id} label={label} hint={hint} value={p.values[id]} problems={p.problems} />
  );
  return (
    <section aria-labelledby="org-create-title">
      <h2 id="org-create-title">添加机构</h2>
      <ErrorSummary title="机构未添加，请修改以下问题：" problems={p.problems} />
      <form method="post" action="/admin/orgs" class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <Field
          as="select"
          name="parent_code"
          label="上级机构"
          value={p.values.parent_code}
          choices={p.parents.map(({ org, depth }) => ({
            value: org.code,
            label: `${"　".repeat(depth)}${org.name}`,
          }))}
          problems={p.problems}
        />
        <Field
          as="select"
          name="kind"
          label="类型"
          value={p.values.kind}
          choices={ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k]! }))}
          problems={p.problems}
        />
        {text("code", "机构代码", "字母、数字、下划线或连字符，在本站点内唯一，例如 gyx-jyj。")}
        {text("name", "机构全称")}
        {text("short_name", "简称（可选）")}
        {text("credit_code", "统一社会信用代码（可选）", "18位，系统会核对校验位。")}
        {text("division_code", "行政区划代码（可选）", "6位（县级）、9位（乡镇）或12位（村级）。")}
        <button type="submit">添加机构</button>
      </form>
    </section>
  );
}
