import { Type } from "@sinclair/typebox";
import type { FastifyReply } from "fastify";
import type { Deps } from "../../deps";
import type { ErrorDetail } from "../../platform/errors";
import { formatShanghai } from "../../platform/time";
import { sendAdminPage } from "../../web/admin-page";
import { Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import type { CurrentUser } from "../accounts";
import type { CatalogNode } from "../catalog";
import type { ItemEventRow, ItemRow } from "./publishing.repo";
import {
  FORM_LABELS,
  INTERPRETATION_FORMS,
  ITEM_KINDS,
  type ItemStatus,
  KIND_LABELS,
  STATUS_LABELS,
  VALIDITY_LABELS,
} from "./publishing.schemas";
import { eventLabel } from "./workflow.steps";

export const statusLabel = (s: string) => STATUS_LABELS[s as ItemStatus] ?? s;
export const kindLabel = (k: string) => KIND_LABELS[k as keyof typeof KIND_LABELS] ?? k;

export function ItemTable(p: { rows: ItemRow[]; orgNames: Map<string, string>; caption: string }) {
  if (p.rows.length === 0) return <p>暂无信息。</p>;
  return (
    <div class="table-scroll" tabindex="0" role="region" aria-label={p.caption}>
      <table>
        <caption class="visually-hidden" safe>
          {p.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">标题</th>
            <th scope="col">类别</th>
            <th scope="col">单位</th>
            <th scope="col">状态</th>
            <th scope="col">更新时间</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td>
                <a href={`/admin/items/${r.id}`} safe>
                  {r.title}
                </a>
                {r.late === 1 ? <span class="tag warn">超期发布</span> : ""}
              </td>
              <td safe>{kindLabel(r.kind)}</td>
              <td safe>{p.orgNames.get(r.org_id) ?? ""}</td>
              <td safe>{statusLabel(r.status)}</td>
              <td safe>{formatShanghai(r.updated_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface ItemFormValues {
  kind?: string;
  title?: string;
  body?: string;
  doc_number?: string;
  formed_on?: string;
  catalog_node?: string;
  topic?: string;
  keywords?: string;
  summary?: string;
  interprets?: string;
  interpreter?: string;
  form?: string;
  title_mn?: string;
  body_mn?: string;
}

export function ItemForm(p: {
  csrf: string;
  action: string;
  values: ItemFormValues;
  problems: ErrorDetail[];
  columns: CatalogNode[];
  policies: ItemRow[];
  editing: boolean;
  submitLabel: string;
}) {
  const v = p.values;
  const isInterp = v.kind === "interpretation";
  const text = (name: keyof ItemFormValues, label: string, hint?: string) => (
    <Field name={name} label={label} hint={hint} value={v[name]} problems={p.problems} />
  );
  return (
    <>
      <ErrorSummary title="信息未保存，请修改以下问题：" problems={p.problems} />
      <form method="post" action={p.action} class="stack" novalidate>
        <CsrfField token={p.csrf} />
        {p.editing ? (
          <input type="hidden" name="kind" value={v.kind ?? ""} />
        ) : (
          <Field
            as="select"
            name="kind"
            label="信息类别"
            hint="政策文件和规范性文件须同时起草解读，一并提交审查（谁起草谁解读）。"
            value={v.kind}
            choices={ITEM_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
            problems={p.problems}
          />
        )}
        {text("title", "标题")}
        <Field
          as="textarea"
          name="body"
          label="正文"
          hint="可直接粘贴文字，空行分段；也可粘贴公文系统导出的HTML，系统会清除不安全的内容。"
          rows={14}
          value={v.body}
          problems={p.problems}
        />
        {isInterp ? (
          <>
            <Field
              as="select"
              name="interprets"
              label="解读的政策文件"
              disabled={p.editing}
              value={v.interprets}
              choices={p.policies.map((x) => ({
                value: x.id,
                label: `${x.title}（${statusLabel(x.status)}）`,
              }))}
              problems={p.problems}
            />
            {text(
              "interpreter",
              "解读人",
              "例如：县政府办公室主任 王某。主要负责同志是重大政策的第一解读人。",
            )}
            <Field
              as="select"
              name="form"
              label="解读形式"
              value={v.form ?? "text"}
              choices={INTERPRETATION_FORMS.map((f) => ({ value: f, label: FORM_LABELS[f]! }))}
              problems={p.problems}
            />
          </>
        ) : (
          text("doc_number", "文号（可选）", "如 固政发〔2020〕1号；系统会统一为六角括号。")
        )}
        {text("formed_on", "成文日期", "格式 2026-11-26；不填则为今天。")}
        <Field
          as="select"
          name="catalog_node"
          label="公开目录栏目"
          blank="按信息类别自动归入"
          value={v.catalog_node}
          choices={p.columns.map((c) => ({ value: c.id, label: `${"　".repeat(c.depth)}${c.name}` }))}
          problems={p.problems}
        />
        {text("topic", "主题分类（可选）")}
        {text("keywords", "主题词（可选）")}
        <p class="hint">蒙古文版本在保存后于信息页面的“蒙古文版本”中起草，并单独审核。</p>
        <button type="submit" safe>
          {p.submitLabel}
        </button>
      </form>
    </>
  );
}

export function ActionForm(p: {
  id: string;
  csrf: string;
  action: string;
  label: string;
  note?: "required" | "optional";
  schedule?: boolean;
  danger?: boolean;
}) {
  const noteLabel: string = p.note === "required" ? `${p.label}理由（必填）` : "意见（可选）";
  return (
    <form method="post" action={`/admin/items/${p.id}/actions`} class="stack action-form">
      <CsrfField token={p.csrf} />
      <input type="hidden" name="action" value={p.action} />
      {p.note ? <Field as="textarea" name="note" id={`note-${p.action}`} label={noteLabel} rows={2} /> : ""}
      {p.schedule ? <Field name="at" type="datetime-local" label="定时发布（可选，不填则立即发布）" /> : ""}
      <button type="submit" class={p.danger ? "danger" : undefined} safe>
        {p.label}
      </button>
    </form>
  );
}

/** An item's history (办理记录): who did what when, with the note, each action named in Chinese. */
export function EventList(p: { events: ItemEventRow[] }) {
  if (p.events.length === 0) return <p class="meta">暂无办理记录。</p>;
  return (
    <div class="table-scroll">
      <table class="events">
        <thead>
          <tr>
            <th scope="col">时间</th>
            <th scope="col">办理人</th>
            <th scope="col">办理事项</th>
            <th scope="col">状态变化</th>
            <th scope="col">意见或说明</th>
          </tr>
        </thead>
        <tbody>
          {p.events.map((e) => (
            <tr>
              <td safe>{formatShanghai(e.at)}</td>
              <td safe>{e.actor_label}</td>
              <td safe>{eventLabel(e.action, e.to_status)}</td>
              <td
                safe
              >{`${e.from_status ? `${statusLabel(e.from_status)} → ` : ""}${statusLabel(e.to_status)}`}</td>
              <td safe>{e.note ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const validityLabel = (v: string) => VALIDITY_LABELS[v] ?? v;

/** One back-office page of the publishing pages, in the admin layout. */
export const itemPageSender =
  (deps: Deps) =>
  (user: CurrentUser, reply: FastifyReply, title: string, path: string, body: JSX.Element, status = 200) =>
    sendAdminPage(deps, reply, { user, title, path, status }, body);

export const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
export const FormBody = Type.Record(Type.String(), Type.String({ maxLength: 2_000_000 }));
