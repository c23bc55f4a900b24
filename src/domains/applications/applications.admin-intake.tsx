// Back-office form for registering a paper application (Art. 31 receipt rules).

import type { ErrorDetail } from "../../platform/errors";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import { type FieldCtx, type FormValues, Input, Select, TextArea } from "./applications.admin-fields";
import {
  APPLICANT_TYPE_LABELS,
  APPLICANT_TYPES,
  CHANNEL_LABELS,
  CHANNELS,
  DELIVERIES,
  DELIVERY_LABELS,
  ID_TYPE_LABELS,
  ID_TYPES,
} from "./applications.schemas";
import { REPLY_LIMIT } from "./applications.steps";

// ---- registering a paper application ----

/** Art. 31: the date of receipt depends on how the application came. */
export const RECEIPT_RULES: Record<string, string> = {
  in_person: "当面提交：以提交之日为收到申请之日。",
  registered_post: "挂号信/EMS等需签收的邮件：以本机关签收之日为收到申请之日。",
  letter: "平信等无需签收的邮件：以本机关与申请人确认之日为收到申请之日。",
  fax: "传真：以双方确认之日为收到申请之日。",
  email: "电子邮件：以双方确认之日为收到申请之日。",
};
export const PAPER_CHANNELS = CHANNELS.filter((c) => c !== "online");

export function IntakeForm(p: { csrf: string; today: string; values: FormValues; problems: ErrorDetail[] }) {
  const c: FieldCtx = { prefix: "", values: { on: p.today, ...p.values }, problems: p.problems };
  return (
    <>
      <ErrorSummary title="申请未登记，请修改以下问题：" problems={p.problems} />
      <form method="post" action="/admin/applications/new" class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <fieldset>
          <legend>收到申请</legend>
          <Select
            c={c}
            name="channel"
            label="申请方式"
            options={PAPER_CHANNELS.map((ch) => [ch, CHANNEL_LABELS[ch] ?? ch])}
          />
          <Input
            c={c}
            name="on"
            label="收到申请日期"
            type="date"
            max={p.today}
            hint={`《条例》第三十一条，按申请方式确定收到日期；答复期限自该日的次日起计算${REPLY_LIMIT}个工作日。`}
          />
          <ul class="hint">
            {PAPER_CHANNELS.map((ch) => (
              <li safe>{RECEIPT_RULES[ch] ?? ""}</li>
            ))}
          </ul>
        </fieldset>
        <fieldset>
          <legend>申请人</legend>
          <Select
            c={c}
            name="applicant.type"
            label="申请人类型"
            options={APPLICANT_TYPES.map((t) => [t, APPLICANT_TYPE_LABELS[t] ?? t])}
          />
          <Input c={c} name="applicant.name" label="姓名或名称" autocomplete="off" />
          <Select
            c={c}
            name="applicant.id_type"
            label="身份证件类型"
            options={ID_TYPES.map((t) => [t, ID_TYPE_LABELS[t] ?? t])}
          />
          <Input
            c={c}
            name="applicant.id_number"
            label="身份证件号码"
            hint="自然人必填；法人或其他组织可填经办人的证件号码。加密保存，仅办理人员可见。"
            autocomplete="off"
          />
          <Input
            c={c}
            name="applicant.credit_code"
            label="统一社会信用代码（法人或其他组织）"
            autocomplete="off"
          />
          <Input c={c} name="applicant.legal_rep" label="法定代表人或负责人（法人或其他组织）" />
          <Input c={c} name="applicant.phone" label="联系电话" type="tel" autocomplete="off" />
          <Input c={c} name="applicant.email" label="电子邮箱" type="email" autocomplete="off" />
          <Input c={c} name="applicant.address" label="通信地址" autocomplete="off" />
          <p class="hint">联系电话、电子邮箱、通信地址至少填写一项。</p>
        </fieldset>
        <fieldset>
          <legend>所需信息</legend>
          <TextArea
            c={c}
            name="description"
            label="所需政府信息的名称、文号或者便于查询的其他特征性描述"
            rows={5}
          />
          <Select
            c={c}
            name="delivery"
            label="获取信息的方式"
            options={DELIVERIES.map((d) => [d, DELIVERY_LABELS[d] ?? d])}
          />
        </fieldset>
        <button type="submit">登记申请</button>
      </form>
    </>
  );
}
