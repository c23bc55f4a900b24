// Back-office application detail page parts: facts, clock explanation, applicant, steps, disputes, letters.

import { formatShanghai } from "../../platform/time";
import { formatDueDate, provisionalDueNote } from "../calendar";
import { type ApplicationView, channelLabel, statusLabel } from "./applications.admin-fields";
import { outcomeLabel, outcomeReportRow } from "./applications.export";
import { APPLICATION_LETTER_LABELS, type ApplicationLetter } from "./applications.letters";
import { APPLICANT_TYPE_LABELS, DELIVERY_LABELS, ID_TYPE_LABELS } from "./applications.schemas";

// ---- the detail page ----

export function ApplicationFacts(p: {
  app: ApplicationView;
  dueOn: string | null;
  orgName?: string;
  handlerName?: string;
  mergedInto?: { id: string; code: string };
}) {
  const a = p.app;
  const c = a.clock;
  const open = ["handling", "correction", "consulting", "fee_pending"].includes(a.status);
  return (
    <dl class="facts">
      <dt>查询码</dt>
      <dd class="mono" safe>
        {a.tracking_code}
      </dd>
      <dt>状态</dt>
      <dd>
        <span safe>{statusLabel(a.status)}</span>
        {open && c?.overdue ? <span class="tag warn">已逾期</span> : ""}
        {open && c?.paused ? <span class="tag">暂停计时</span> : ""}
      </dd>
      <dt>申请方式</dt>
      <dd safe>{channelLabel(a.channel)}</dd>
      <dt>提交时间</dt>
      <dd safe>{formatShanghai(a.submitted_at)}</dd>
      <dt>收到申请日期</dt>
      <dd safe>{a.received_on ?? "待登记（确认收到日期后开始计时）"}</dd>
      <dt>答复期限</dt>
      <dd>
        {open && p.dueOn ? (
          c?.overdue ? (
            <strong class="overdue" safe>{`${formatDueDate(p.dueOn, c.provisional)}（已逾期）`}</strong>
          ) : (
            <span safe>{formatDueDate(p.dueOn, c?.provisional)}</span>
          )
        ) : (
          <span safe>
            {a.status === "replied"
              ? c?.due_on && a.replied_on
                ? `${c.due_on}（${a.replied_on <= c.due_on ? "已按期答复" : "逾期答复"}）`
                : "已答复"
              : open
                ? (c?.problem ?? "无法计算")
                : "—"}
          </span>
        )}
        {open && p.dueOn && c?.provisional ? (
          <p class="meta" safe>
            {provisionalDueNote(p.dueOn)}
          </p>
        ) : (
          ""
        )}
      </dd>
      {c && open ? (
        <>
          <dt>已用 / 剩余工作日</dt>
          <dd
            safe
          >{`已用 ${c.used ?? "—"} 个工作日，剩余 ${c.remaining ?? "—"} 个工作日${c.paused ? "（暂停计时中）" : ""}`}</dd>
        </>
      ) : (
        ""
      )}
      {a.extended_days ? (
        <>
          <dt>延期</dt>
          <dd safe>{`已延长 ${a.extended_days} 个工作日`}</dd>
        </>
      ) : (
        ""
      )}
      {a.status === "correction" && a.correction_deadline ? (
        <>
          <dt>补正期限</dt>
          <dd safe>{a.correction_deadline}</dd>
        </>
      ) : (
        ""
      )}
      {a.consult_party ? (
        <>
          <dt>征求意见</dt>
          <dd safe>{`${a.consult_party}（意见期限 ${a.consult_deadline ?? "—"}）`}</dd>
        </>
      ) : (
        ""
      )}
      {a.fee_yuan !== null ? (
        <>
          <dt>信息处理费</dt>
          <dd
            safe
          >{`${a.fee_yuan} 元（${a.fee_method === "by_pages" ? "按量" : "按件"}${a.fee_deadline ? `，缴费期限 ${a.fee_deadline}` : ""}）`}</dd>
        </>
      ) : (
        ""
      )}
      <dt>获取方式</dt>
      <dd
        safe
      >{`${DELIVERY_LABELS[a.delivery] ?? a.delivery}（${a.carrier === "electronic" ? "电子" : "纸质"}）`}</dd>
      <dt>承办单位</dt>
      <dd safe>{p.orgName ?? "未分办"}</dd>
      <dt>承办人</dt>
      <dd safe>{p.handlerName ?? "未指定"}</dd>
      {a.replied_on ? (
        <>
          <dt>答复日期</dt>
          <dd safe>{a.replied_on}</dd>
          <dt>答复结果</dt>
          <dd
            safe
          >{`${outcomeLabel(a.outcome)}${a.outcome ? `（年报表${outcomeReportRow(a.outcome)}）` : ""}`}</dd>
        </>
      ) : (
        ""
      )}
      {a.outcome_note ? (
        <>
          <dt>答复说明</dt>
          <dd safe>{a.outcome_note}</dd>
        </>
      ) : (
        ""
      )}
      {p.mergedInto ? (
        <>
          <dt>合并到</dt>
          <dd>
            <a href={`/admin/applications/${p.mergedInto.id}`} class="mono" safe>
              {p.mergedInto.code}
            </a>
          </dd>
        </>
      ) : (
        ""
      )}
    </dl>
  );
}

/** How the due date was computed, one line per step (the clock's own explanation). */
export function ClockExplanation(p: { explanation: string | null; problem: string | null }) {
  return (
    <section aria-labelledby="clock-title">
      <h2 id="clock-title">期限计算说明</h2>
      {p.problem ? (
        <p class="notice warn" safe>
          {p.problem}
        </p>
      ) : (
        ""
      )}
      {p.explanation ? (
        <ol class="clock-explanation mono">
          {p.explanation
            .split("\n")
            .filter((l) => l.trim() !== "")
            .map((l) => (
              <li safe>{l}</li>
            ))}
        </ol>
      ) : (
        <p>尚未登记收到日期，答复期限未开始计算。</p>
      )}
    </section>
  );
}

export function ApplicantBlock(p: { app: ApplicationView; handles: boolean }) {
  const a = p.app.applicant;
  const hidden = "（仅办理人员可见）";
  const shown = (v: string | null) => (p.handles ? (v ?? "未填写") : hidden);
  return (
    <section aria-labelledby="applicant-title">
      <h2 id="applicant-title">申请人</h2>
      <dl class="facts">
        <dt>类型</dt>
        <dd safe>{APPLICANT_TYPE_LABELS[a.type] ?? a.type}</dd>
        <dt>姓名或名称</dt>
        <dd safe>{a.name}</dd>
        {a.credit_code ? (
          <>
            <dt>统一社会信用代码</dt>
            <dd class="mono" safe>
              {a.credit_code}
            </dd>
          </>
        ) : (
          ""
        )}
        {a.legal_rep ? (
          <>
            <dt>法定代表人或负责人</dt>
            <dd safe>{a.legal_rep}</dd>
          </>
        ) : (
          ""
        )}
        <dt>身份证件</dt>
        <dd
          safe
        >{`${a.id_type ? (ID_TYPE_LABELS[a.id_type] ?? a.id_type) : "—"}：${a.id_type ? shown(a.id_number) : "—"}`}</dd>
        <dt>联系电话</dt>
        <dd safe>{shown(a.phone)}</dd>
        <dt>电子邮箱</dt>
        <dd safe>{shown(a.email)}</dd>
        <dt>通信地址</dt>
        <dd safe>{shown(a.address)}</dd>
      </dl>
    </section>
  );
}

export function StepList(p: { steps: ApplicationView["steps"] }) {
  return (
    <section aria-labelledby="steps-title">
      <h2 id="steps-title">办理记录</h2>
      <p class="meta">标“公开”的记录申请人可在查询页面看到；标“内部”的仅工作人员可见。</p>
      <ol class="events">
        {p.steps.map((s) => (
          <li>
            <span safe>{`${s.on}　${s.actor}　`}</span>
            <span class="tag">{s.public ? "公开" : "内部"}</span>
            <span safe>{`　${s.text}`}</span>
            {s.note ? <span class="meta" safe>{`（内部备注：${s.note}）`}</span> : ""}
            <span class="meta" safe>{`　记录于 ${formatShanghai(s.at)}`}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

const DISPUTE_KINDS: Record<string, string> = {
  review: "行政复议",
  litigation: "行政诉讼（未经复议直接起诉）",
  litigation_after_review: "行政诉讼（复议后起诉）",
};
const DISPUTE_RESULTS: Record<string, string> = {
  upheld: "结果维持",
  corrected: "结果纠正",
  other: "其他结果",
  pending: "尚未审结",
};

export function DisputeList(p: { disputes: ApplicationView["disputes"] }) {
  if (p.disputes.length === 0) return "";
  return (
    <section aria-labelledby="disputes-title">
      <h2 id="disputes-title">行政复议和行政诉讼</h2>
      <ul>
        {p.disputes.map((d) => (
          <li
            safe
          >{`${d.filed_on}　${DISPUTE_KINDS[d.kind] ?? d.kind}　${DISPUTE_RESULTS[d.result] ?? d.result}${d.decided_on ? `（${d.decided_on}）` : ""}${d.note ? `　${d.note}` : ""}`}</li>
        ))}
      </ul>
    </section>
  );
}

export function LetterLinks(p: { id: string; letters: ApplicationLetter[] }) {
  if (p.letters.length === 0) return "";
  return (
    <section aria-labelledby="letters-title">
      <h2 id="letters-title">文书</h2>
      <ul>
        {p.letters.map((k) => (
          <li>
            <span safe>{APPLICATION_LETTER_LABELS[k]}</span>
            {"："}
            <a href={`/admin/applications/${p.id}/letters/${k}.docx`}>Word</a>
            {" / "}
            <a href={`/admin/applications/${p.id}/letters/${k}.pdf`}>PDF</a>
          </li>
        ))}
      </ul>
      <p class="meta">文书按默认模板生成，可下载 Word 版本修改后印发。</p>
    </section>
  );
}
