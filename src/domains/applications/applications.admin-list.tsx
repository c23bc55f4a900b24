// Back-office application queues: tabs, search form, due-date cell and the list table.

import { Field } from "../../web/views/fields";
import { provisionalDueNote } from "../calendar";
import { channelLabel, statusLabel } from "./applications.admin-fields";
import { outcomeLabel, QUEUE_NAMES, QUEUES, type QueueName, type QueueRow } from "./applications.export";
import { APPLICANT_TYPE_LABELS } from "./applications.schemas";

/** The query string of a queue and search, for links (tabs keep the search; export keeps both). */
export function queueQuery(queue: QueueName, f: { code?: string; applicant?: string; id_number?: string }) {
  const q = new URLSearchParams({ queue });
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  return q.toString();
}

export function QueueTabs(p: {
  queue: QueueName;
  search: { code?: string; applicant?: string; id_number?: string };
}) {
  return (
    <nav aria-label="申请队列" class="tabs">
      <ul>
        {QUEUE_NAMES.map((q) => (
          <li>
            <a
              href={`/admin/applications?${queueQuery(q, p.search)}`}
              aria-current={q === p.queue ? "page" : undefined}
            >
              {QUEUES[q].label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function SearchForm(p: {
  queue: QueueName;
  values: { code?: string; applicant?: string; id_number?: string };
  handles: boolean;
}) {
  return (
    <form method="get" action="/admin/applications" class="filters" role="search" aria-label="查找申请">
      <input type="hidden" name="queue" value={p.queue} />
      <div>
        <Field name="code" id="search-code" label="查询码" value={p.values.code} maxlength={40} />
      </div>
      <div>
        <Field
          name="applicant"
          id="search-applicant"
          label="申请人姓名或名称"
          value={p.values.applicant}
          maxlength={100}
        />
      </div>
      {p.handles ? (
        <div>
          <Field
            name="id_number"
            id="search-id"
            label="身份证件号码或统一社会信用代码"
            value={p.values.id_number}
            maxlength={40}
            autocomplete="off"
          />
        </div>
      ) : (
        ""
      )}
      <div>
        <button type="submit">查找</button>
      </div>
    </form>
  );
}

export function DueCell(p: {
  row: Pick<QueueRow, "due_on" | "due_on_provisional" | "overdue" | "paused" | "remaining">;
}) {
  if (!p.row.due_on) return <td>—</td>;
  return (
    <td>
      {p.row.overdue ? (
        <strong class="overdue" safe>
          {p.row.due_on}
        </strong>
      ) : (
        <span safe>{p.row.due_on}</span>
      )}
      {p.row.due_on_provisional ? (
        <span class="tag" title={provisionalDueNote(p.row.due_on)}>
          暂定
        </span>
      ) : (
        ""
      )}
      {p.row.overdue ? <span class="tag warn">已逾期</span> : ""}
      {p.row.paused ? <span class="tag">暂停计时</span> : ""}
      {!p.row.overdue && !p.row.paused && p.row.remaining !== null ? (
        <span class="meta" safe>{`（剩余 ${p.row.remaining} 个工作日）`}</span>
      ) : (
        ""
      )}
    </td>
  );
}

export function ApplicationTable(p: { rows: QueueRow[]; caption: string }) {
  if (p.rows.length === 0) return <p>暂无申请。</p>;
  return (
    <div class="table-scroll" tabindex="0" role="region" aria-label={p.caption}>
      <table>
        <caption class="visually-hidden" safe>
          {p.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">查询码</th>
            <th scope="col">申请人</th>
            <th scope="col">类型</th>
            <th scope="col">渠道</th>
            <th scope="col">收到日期</th>
            <th scope="col">答复期限</th>
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td>
                <a href={`/admin/applications/${r.id}`} class="mono" safe>
                  {r.tracking_code}
                </a>
              </td>
              <td safe>{r.applicant_name}</td>
              <td safe>{APPLICANT_TYPE_LABELS[r.applicant_type] ?? r.applicant_type}</td>
              <td safe>{channelLabel(r.channel)}</td>
              <td safe>{r.received_on ?? "待登记"}</td>
              <DueCell row={r} />
              <td safe>{`${statusLabel(r.status)}${r.outcome ? `：${outcomeLabel(r.outcome)}` : ""}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
