// Views of the 12345 hotline's back office: the register of hotline numbers (table and form) and the upload of
// 12345's export (form and preview with every row's problems). Everything typed or uploaded is escaped (safe).
import type { ErrorDetail } from "../../platform/errors";
import { Field } from "../../web/views/fields";
import type { ImportPreview } from "./hotline.import";
import { NUMBER_STATUS_LABELS, NUMBER_STATUSES } from "./hotline.schemas";

export type NumberValues = Record<string, string | undefined>;

interface NumberView {
  id: string;
  number: string;
  name: string;
  org: { code: string; name: string };
  status: string;
  status_label: string;
  reason: string | null;
  merged_on: string | null;
}

export function NumberTable(p: { rows: NumberView[] }) {
  if (!p.rows.length) return <p>尚未登记热线号码。</p>;
  return (
    <table class="table">
      <caption>本县政务服务便民热线归并情况</caption>
      <thead>
        <tr>
          <th scope="col">号码</th>
          <th scope="col">名称</th>
          <th scope="col">主管单位</th>
          <th scope="col">归并情况</th>
          <th scope="col">归并日期</th>
          <th scope="col">保留理由</th>
          <th scope="col">操作</th>
        </tr>
      </thead>
      <tbody>
        {p.rows.map((r) => (
          <tr>
            <td safe>{r.number}</td>
            <td safe>{r.name}</td>
            <td safe>{r.org.name}</td>
            <td safe>{r.status_label}</td>
            <td safe>{r.merged_on ?? ""}</td>
            <td safe>{r.reason ?? ""}</td>
            <td>
              <a href={`/admin/hotline/numbers/${r.id}`}>
                修改<span class="visually-hidden" safe>{` ${r.number}`}</span>
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function NumberForm(p: {
  action: string;
  csrf: string;
  orgs: Array<{ value: string; label: string }>;
  values: NumberValues;
  problems: readonly ErrorDetail[];
}) {
  const v = p.values;
  const general = p.problems.filter((x) => !x.field);
  return (
    <form method="post" action={p.action} class="stack" novalidate>
      <input type="hidden" name="_csrf" value={p.csrf} />
      {general.map((x) => (
        <p class="field-error" safe>
          {x.message}
        </p>
      ))}
      <Field
        name="number"
        label="热线号码"
        required
        value={v.number}
        maxlength={20}
        inputmode="tel"
        problems={p.problems}
      />
      <Field name="name" label="热线名称" required value={v.name} maxlength={100} problems={p.problems} />
      <Field
        name="org"
        as="select"
        label="主管单位"
        required
        value={v.org}
        blank="请选择"
        choices={p.orgs}
        problems={p.problems}
      />
      <Field
        name="status"
        as="radios"
        label="归并情况"
        required
        value={v.status}
        choices={NUMBER_STATUSES.map((s) => ({ value: s, label: NUMBER_STATUS_LABELS[s] }))}
        problems={p.problems}
      />
      <Field
        name="merged_on"
        type="date"
        label="归并日期"
        hint="已归并到12345的热线填写"
        value={v.merged_on}
        problems={p.problems}
      />
      <Field
        name="reason"
        as="textarea"
        label="保留理由"
        hint="保留的热线必填，如：紧急类热线；双号并行（设分中心、电话转接）"
        value={v.reason}
        maxlength={500}
        problems={p.problems}
      />
      <Field
        name="sort_order"
        type="number"
        label="排序"
        value={v.sort_order}
        min="0"
        max="9999"
        problems={p.problems}
      />
      <p>
        <button type="submit">保存</button>
      </p>
    </form>
  );
}

export function ImportForm(p: {
  action: string;
  csrf: string;
  maxMb: number;
  problems: readonly ErrorDetail[];
}) {
  return (
    <form method="post" action={p.action} enctype="multipart/form-data" class="stack">
      <input type="hidden" name="_csrf" value={p.csrf} />
      <h2>上传12345工单导出文件</h2>
      <Field
        name="file"
        type="file"
        label="12345热线导出文件"
        required
        accept=".xlsx,.csv"
        hint={`Excel（.xlsx，第一个工作表）或 CSV（UTF-8 编码），不超过 ${p.maxMb} MB、5000 行。第一行为表头：工单编号、诉求类型、标题、诉求内容、来电人、联系电话、派单日期、承办单位、满意度。已导入过的工单编号只更新承办单位和满意度，不会重复。`}
        problems={p.problems}
      />
      <p>
        <button type="submit">上传并预览</button>
      </p>
    </form>
  );
}

const OUTCOME_LABELS = { new: "新增", update: "更新", same: "无变化" } as const;

export function ImportPreviewView(p: { preview: ImportPreview; csrf: string; action: string }) {
  const pv = p.preview;
  return (
    <section aria-labelledby="preview-heading">
      <h2 id="preview-heading" safe>{`预览：${pv.filename}`}</h2>
      {pv.problems.length ? (
        <div class="error-summary" role="alert">
          <p safe>{`文件中有 ${pv.problems.length} 个问题，未导入任何工单。请在原文件中修改后重新上传：`}</p>
          <ul>
            {pv.problems.map((x) => (
              <li safe>{x.message}</li>
            ))}
          </ul>
        </div>
      ) : (
        <form method="post" action={p.action} class="stack">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <input type="hidden" name="import_id" value={pv.import_id ?? ""} />
          <p safe>{`共 ${pv.rows.length} 件工单，检查无误。确认后一次导入。`}</p>
          <p>
            <button type="submit">确认导入</button>
          </p>
        </form>
      )}
      {pv.rows.length ? (
        <table class="table">
          <caption>{pv.problems.length ? "检查无误的行" : "将导入的工单"}</caption>
          <thead>
            <tr>
              <th scope="col">行号</th>
              <th scope="col">工单编号</th>
              <th scope="col">诉求类型</th>
              <th scope="col">标题</th>
              <th scope="col">派单日期</th>
              <th scope="col">承办单位</th>
              <th scope="col">满意度</th>
              <th scope="col">导入后</th>
            </tr>
          </thead>
          <tbody>
            {pv.rows.map((r) => (
              <tr>
                <td safe>{String(r.row)}</td>
                <td safe>{r.ticket_no}</td>
                <td safe>{r.type}</td>
                <td safe>{r.title}</td>
                <td safe>{r.dispatched_on}</td>
                <td safe>{r.org}</td>
                <td safe>{r.satisfaction}</td>
                <td>{OUTCOME_LABELS[r.outcome]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        ""
      )}
    </section>
  );
}
