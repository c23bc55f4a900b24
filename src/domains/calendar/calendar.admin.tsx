// Back-office views of the calendar: covered years, the notice form, closures and moved deadlines.
import type { Deps } from "../../deps";
import type { ProseNotice } from "../../platform/calendar";
import type { ErrorDetail } from "../../platform/errors";
import { formatShanghai } from "../../platform/time";
import { AdminLayout } from "../../web/views/admin-layout";
import { Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import type { CurrentUser } from "../accounts";
import type { ClockChangeView } from "./calendar.repo";
import {
  type ClosureView,
  listClockChanges,
  listClosures,
  listCoveredYears,
  loadCalendar,
  missingNextYearWarning,
  provisionalYearSource,
  type YearSource,
} from "./index";

export const PATH = "/admin/calendar";

const OWNER_LABELS: Record<string, string> = { application: "依申请公开", message: "留言办理" };

const NOTICE_EXAMPLE = `{"year": 2027, "document_number": "国办发明电〔2026〕…号",
 "days": [{"date": "2027-01-01", "off": true, "name": "元旦"},
          {"date": "2027-02-07", "off": false, "name": "春节"}]}`;

export interface FormState {
  problems: ErrorDetail[];
  values: Record<string, string | undefined>;
}
const emptyForm = (): FormState => ({ problems: [], values: {} });

interface PageData {
  years: YearSource[];
  closures: ClosureView[];
  changes: ClockChangeView[];
  warning?: { message: string };
}

const sourceLabel = (y: YearSource): string =>
  y.source === "notice"
    ? `节假日通知 ${y.document_number ?? "（未填文号）"}`
    : y.source === "provisional"
      ? "暂定：按法定节假日计算（通知尚未录入）"
      : "内置数据（chinese-days 软件包）";
const importedLabel = (y: YearSource): string =>
  y.imported_at ? `${formatShanghai(y.imported_at)} ${y.imported_by ?? ""}` : "";

function YearsTable(p: { years: YearSource[] }) {
  return (
    <div class="table-scroll">
      <table>
        <caption>已覆盖的年份</caption>
        <thead>
          <tr>
            <th scope="col">年份</th>
            <th scope="col">来源</th>
            <th scope="col">放假天数</th>
            <th scope="col">调休上班天数</th>
            <th scope="col">录入</th>
          </tr>
        </thead>
        <tbody>
          {[...p.years].reverse().map((y) => (
            <tr>
              <th scope="row">
                <a href={`/calendar?year=${y.year}`} safe>{`${y.year}年`}</a>
              </th>
              <td safe>{sourceLabel(y)}</td>
              <td safe>{String(y.days_off)}</td>
              <td safe>{String(y.makeup_days)}</td>
              <td safe>{importedLabel(y)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const fieldProblems = (problems: ErrorDetail[], field: string) =>
  problems.map((p) => ({
    field,
    code: p.code,
    message: p.field && !p.message.includes(p.field) ? `${p.message}（${p.field}）` : p.message,
  }));

const NOTICE_HINT =
  "国务院办公厅发布次年部分节假日安排的通知后，把通知原文（自标题“国务院办公厅关于……年部分节假日安排的通知”起，" +
  "含“一、元旦：……”各节）整体粘贴在下面，系统识别后先列出放假日和调休上班日，请核对无误后确认导入。" +
  "也可以按下面示例的 JSON 格式填写全部放假日（off 为 true）和调休上班日（off 为 false）。" +
  "同一年份重新录入将整体替换该年的安排。录入后，所有未结的法定期限将自动重新计算。";

const SCOPES = [
  { value: "all", label: "全部站点" },
  { value: "site", label: "仅本站点" },
];

function NoticeForm(p: { csrf: string; form: FormState }) {
  return (
    <section aria-labelledby="notice-title">
      <h2 id="notice-title">录入节假日通知或停止办公安排</h2>
      <ErrorSummary title="未导入，请修改以下问题：" problems={p.form.problems} />
      <form method="post" action={`${PATH}/notices`} class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <Field
          as="textarea"
          name="notice"
          label="通知内容（通知原文或 JSON）"
          hint={NOTICE_HINT}
          rows={12}
          value={p.form.values.notice}
          problems={p.form.problems}
        />
        <p class="hint">JSON 格式示例：</p>
        <pre class="mono">{NOTICE_EXAMPLE}</pre>
        <button type="submit">识别并导入</button>
      </form>
      <form method="post" action={`${PATH}/notices/upload`} enctype="multipart/form-data" class="stack">
        <CsrfField token={p.csrf} />
        <Field
          name="file"
          id="notice_file"
          type="file"
          accept=".txt,text/plain"
          label="或上传通知原文的文本文件（.txt，UTF-8 编码）"
        />
        <button type="submit">上传并识别</button>
      </form>
    </section>
  );
}

function ClosureSection(p: { csrf: string; closures: ClosureView[]; form: FormState }) {
  const v = p.form.values;
  return (
    <section aria-labelledby="closures-title">
      <h2 id="closures-title">本县停止办公</h2>
      <p>因台风、疫情等原因停止办公的日期不计入工作日（原本即为休息日的日期不受影响）。</p>
      {p.closures.length ? (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">停止办公安排</caption>
            <thead>
              <tr>
                <th scope="col">日期</th>
                <th scope="col">原因</th>
                <th scope="col">范围</th>
                <th scope="col">登记</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {p.closures.map((c) => (
                <tr>
                  <td safe>{c.from === c.to ? c.from : `${c.from} 至 ${c.to}`}</td>
                  <td safe>{c.reason}</td>
                  <td>{c.site_id ? "本站点" : "全部站点"}</td>
                  <td safe>{`${formatShanghai(c.created_at)} ${c.created_by}`}</td>
                  <td>
                    <form
                      method="post"
                      action={`${PATH}/closures/${encodeURIComponent(c.id)}/delete`}
                      class="inline"
                    >
                      <CsrfField token={p.csrf} />
                      <button type="submit" class="link-button" safe>
                        {`撤销 ${c.from} 的停止办公`}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>暂无停止办公安排。</p>
      )}
      <h3>登记停止办公</h3>
      <ErrorSummary title="未保存，请修改以下问题：" problems={p.form.problems} />
      <form method="post" action={`${PATH}/closures`} class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <Field name="from" type="date" label="开始日期" value={v.from} problems={p.form.problems} />
        <Field
          name="to"
          type="date"
          label="结束日期（含当日；仅一天可不填）"
          value={v.to}
          problems={p.form.problems}
        />
        <Field name="reason" label="原因" maxlength={200} value={v.reason} problems={p.form.problems} />
        <Field
          as="select"
          name="scope"
          label="适用范围"
          value={v.scope === "site" ? "site" : "all"}
          choices={SCOPES}
          problems={p.form.problems}
        />
        <button type="submit">登记</button>
      </form>
    </section>
  );
}

function ChangesTable(p: { changes: ClockChangeView[] }) {
  return (
    <section aria-labelledby="changes-title">
      <h2 id="changes-title">最近因节假日调整而变更的期限</h2>
      {p.changes.length ? (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">期限变更记录</caption>
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">事项</th>
                <th scope="col">原期限</th>
                <th scope="col">新期限</th>
                <th scope="col">原因</th>
              </tr>
            </thead>
            <tbody>
              {p.changes.map((c) => (
                <tr>
                  <td safe>{formatShanghai(c.at)}</td>
                  <td class="mono" safe>{`${OWNER_LABELS[c.owner_type] ?? c.owner_type} ${c.owner_id}`}</td>
                  <td safe>{c.old_due_on ?? "（未能计算）"}</td>
                  <td safe>{c.new_due_on ?? "（未能计算）"}</td>
                  <td safe>{c.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>暂无变更记录。</p>
      )}
    </section>
  );
}

const list = (dates: string[]) => (dates.length ? dates.join("、") : "无");

/** The parse of a notice's published text, with a button that imports exactly that text. */
function NoticePreview(p: { csrf: string; preview: ProseNotice; text: string }) {
  const { notice, holidays, ignored, outsideYear } = p.preview;
  return (
    <section aria-labelledby="preview-title" class="notice">
      <h2
        id="preview-title"
        safe
      >{`请核对识别结果：${notice.year}年节假日安排${notice.document_number ? `（${notice.document_number}）` : ""}`}</h2>
      <div class="table-scroll">
        <table>
          <caption safe>{notice.title ?? `${notice.year}年部分节假日安排`}</caption>
          <thead>
            <tr>
              <th scope="col">节日</th>
              <th scope="col">放假日</th>
              <th scope="col">调休上班日</th>
              <th scope="col">通知原文</th>
            </tr>
          </thead>
          <tbody>
            {holidays.map((h) => (
              <tr>
                <th scope="row" safe>
                  {h.name}
                </th>
                <td safe>{`${list(h.off)}（${h.off.length} 天）`}</td>
                <td safe>{list(h.makeup)}</td>
                <td safe>{h.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {ignored.length || outsideYear.length ? (
        <>
          <h3>以下内容未导入，请核对</h3>
          <ul>
            {ignored.map((s) => (
              <li safe>{`未识别为放假或上班：${s}`}</li>
            ))}
            {outsideYear.map((d) => (
              <li
                safe
              >{`${d.date}（${d.name ?? ""}${d.off ? "放假" : "上班"}）不在${notice.year}年内，属相邻年份的安排`}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>通知中的日期已全部识别。</p>
      )}
      <form method="post" action={`${PATH}/notices`}>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="notice" value={p.text} />
        <input type="hidden" name="confirm" value="1" />
        <button type="submit" safe>{`确认导入${notice.year}年节假日安排`}</button>
      </form>
    </section>
  );
}

export async function loadPage(deps: Deps, siteId: string): Promise<PageData> {
  const warning = await missingNextYearWarning(deps);
  const years = await listCoveredYears(deps);
  // The years counted provisionally (no notice yet) are listed too, so the clerk sees what is 暂定.
  const cal = await loadCalendar(deps);
  const last = years[years.length - 1]?.year ?? 0;
  for (let y = last + 1; y <= last + 3; y++) {
    const p = provisionalYearSource(cal, y);
    if (p) years.push(p);
  }
  return {
    years,
    closures: await listClosures(deps, siteId),
    changes: await listClockChanges(deps, { cause: "calendar", limit: 20, siteId }),
    ...(warning ? { warning } : {}),
  };
}

export function CalendarAdminPage(p: {
  user: CurrentUser;
  csrf: string;
  siteName: string;
  data: PageData;
  flash?: string;
  notice?: FormState;
  closure?: FormState;
  preview?: ProseNotice;
}) {
  return (
    <AdminLayout
      user={p.user}
      csrf={p.csrf}
      title="节假日安排"
      path={PATH}
      siteName={p.siteName}
      flash={p.flash}
    >
      {p.data.warning ? (
        <p class="notice warn" role="status" safe>
          {p.data.warning.message}
        </p>
      ) : (
        ""
      )}
      <p>
        工作日按国务院办公厅每年的部分节假日安排通知计算。<a href="/calendar">查看公开的节假日日历</a>
      </p>
      {p.preview ? (
        <NoticePreview csrf={p.csrf} preview={p.preview} text={p.notice?.values.notice ?? ""} />
      ) : (
        ""
      )}
      <NoticeForm csrf={p.csrf} form={p.notice ?? emptyForm()} />
      <YearsTable years={p.data.years} />
      <ClosureSection csrf={p.csrf} closures={p.data.closures} form={p.closure ?? emptyForm()} />
      <ChangesTable changes={p.data.changes} />
    </AdminLayout>
  );
}
