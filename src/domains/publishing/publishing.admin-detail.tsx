import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import type { ErrorDetail } from "../../platform/errors";
import { formatShanghai } from "../../platform/time";
import { Flash, takeFlash } from "../../web/views/admin-layout";
import { Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import { type CurrentUser, can } from "../accounts";
import { findingsForItem, ReviewPanel } from "../review";
import { AttachmentTable, AttachmentUploadForm, listAttachments, mayEditAttachments } from "./attachments";
import {
  ActionForm,
  EventList,
  itemPageSender,
  kindLabel,
  statusLabel,
  validityLabel,
} from "./publishing.admin-views";
import { loadItemFor } from "./publishing.policy";
import { publicUrl } from "./publishing.present";
import * as repo from "./publishing.repo";
import { FORM_LABELS, NEEDS_INTERPRETATION, VALIDITIES } from "./publishing.schemas";
import { ART26_LIMIT } from "./timeliness";
import { ITEM_WORKFLOW, offeredActions, STEPS, stepContextOf } from "./workflow.steps";

/** An item's back-office page: facts, actions, interpretations, review, attachments, body, versions, history. */
export async function sendItemDetail(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  user: CurrentUser,
  id: string,
  problems: ErrorDetail[] = [],
  status = 200,
) {
  const layout = itemPageSender(deps);
  const { item, tree } = await loadItemFor(deps, user, "item.view", id);
  const db = deps.db.kysely;
  const [events, versions, interpretations, policy, findings, attachments] = await Promise.all([
    repo.eventsOf(db, id),
    repo.versionsOf(db, item.lineage_id),
    NEEDS_INTERPRETATION.has(item.kind) ? repo.interpretationsOf(db, id) : Promise.resolve([]),
    item.interprets_id ? repo.findItem(db, item.interprets_id) : Promise.resolve(undefined),
    findingsForItem(deps, id),
    listAttachments(deps, id),
  ]);
  const csrf = reply.generateCsrf();
  const may = (a: Parameters<typeof can>[1]) => can(user, a, item.org_id, tree);
  const org = tree.get(item.org_id);
  const moves = stepContextOf(item, policy).policyPending;
  // The buttons are the actions the workflow table allows from this state for this user (workflow.steps.ts).
  const actions = offeredActions(user, item, tree, stepContextOf(item, policy)).map((action) => {
    if (action === "revise")
      return <ActionForm id={id} csrf={csrf} action="revise" label={ITEM_WORKFLOW.revise.label} />;
    const step = STEPS[action];
    const label =
      action === "submit" && NEEDS_INTERPRETATION.has(item.kind) && interpretations.length === 0
        ? `${step.label}（需先起草解读）`
        : step.label;
    return (
      <ActionForm
        id={id}
        csrf={csrf}
        action={action}
        label={label}
        note={step.needsNote ? "required" : step.form?.note}
        schedule={step.form?.schedule}
        danger={step.form?.danger}
      />
    );
  });
  const url = publicUrl(item);
  // Sanitised when saved (rich-text.ts).
  const safeBodyHtml = item.body_html;
  const previous = versions.find((v) => v.id === item.supersedes_id);
  return layout(
    user,
    reply,
    item.title,
    "/admin/items",
    <>
      <Flash text={takeFlash(req)} />
      <ErrorSummary title="操作未完成：" problems={problems} />
      <dl class="facts">
        <dt>状态</dt>
        <dd
          safe
        >{`${statusLabel(item.status)}${item.scheduled_at ? `（定于 ${formatShanghai(item.scheduled_at)} 发布）` : ""}`}</dd>
        <dt>类别</dt>
        <dd safe>{kindLabel(item.kind)}</dd>
        <dt>单位</dt>
        <dd safe>{org?.name ?? ""}</dd>
        <dt>索引号</dt>
        <dd safe>{item.index_number ?? "发布时生成"}</dd>
        <dt>文号</dt>
        <dd safe>{item.doc_number ?? "无"}</dd>
        <dt>成文日期</dt>
        <dd safe>{item.formed_on}</dd>
        <dt>发布时间</dt>
        <dd>{item.published_at ? formatShanghai(item.published_at) : "未发布"}</dd>
        <dt>时效</dt>
        <dd>
          {item.published_on
            ? item.late === null
              ? "待定（尚未录入该年度节假日安排）"
              : item.late
                ? `超期：形成后第 ${item.late_working_days} 个工作日才公开（《条例》第二十六条要求${ART26_LIMIT}个工作日内）`
                : `按时：形成后 ${item.late_working_days} 个工作日内公开`
            : "发布时计算"}
        </dd>
        <dt>有效性</dt>
        <dd safe>{`${validityLabel(item.validity)}${item.validity_on ? `（${item.validity_on}）` : ""}`}</dd>
        <dt>版本</dt>
        <dd safe>{`第 ${item.version} 版`}</dd>
        {item.last_note ? (
          <>
            <dt>最近意见</dt>
            <dd safe>{item.last_note}</dd>
          </>
        ) : (
          ""
        )}
      </dl>
      {url ? (
        <p>
          <a href={url}>查看公开页面</a>
        </p>
      ) : (
        ""
      )}
      {item.status === "draft" && may("item.draft") ? (
        <p>
          <a href={`/admin/items/${id}/edit`}>修改草稿</a>
        </p>
      ) : (
        ""
      )}
      {item.status !== "withdrawn" ? (
        <p>
          <a href={`/admin/items/${id}/mn`}>蒙古文版本（起草、审核）</a>
        </p>
      ) : (
        ""
      )}
      {moves ? <p class="notice">此解读随所解读的政策文件一并提交、审查、审签和发布。</p> : ""}
      {actions.length ? (
        <section aria-labelledby="actions-title">
          <h2 id="actions-title">办理</h2>
          <div class="actions">{actions}</div>
        </section>
      ) : (
        ""
      )}
      {NEEDS_INTERPRETATION.has(item.kind) ? (
        <section aria-labelledby="interp-title">
          <h2 id="interp-title">政策解读（同步组织、同步审签、同步发布）</h2>
          {interpretations.length ? (
            <ul>
              {interpretations.map((i) => (
                <li>
                  <a href={`/admin/items/${i.id}`} safe>
                    {i.title}
                  </a>
                  <span
                    class="meta"
                    safe
                  >{`（${FORM_LABELS[i.interpretation_form ?? "text"] ?? ""}，解读人：${i.interpreter ?? ""}，${statusLabel(i.status)}）`}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p class="notice warn">尚无解读。政策文件须与解读一并提交审查。</p>
          )}
          {may("item.draft") && !["withdrawn", "superseded"].includes(item.status) ? (
            <p>
              <a class="button" href={`/admin/items/new?kind=interpretation&interprets=${id}`}>
                起草解读
              </a>
            </p>
          ) : (
            ""
          )}
        </section>
      ) : (
        ""
      )}
      {policy ? (
        <p>
          解读的政策文件：
          <a href={`/admin/items/${policy.id}`} safe>
            {policy.title}
          </a>
        </p>
      ) : (
        ""
      )}
      {["submitted", "reviewed", "signed"].includes(item.status) || findings.length ? (
        <ReviewPanel
          itemId={id}
          bodyText={item.body_text}
          findings={findings}
          attachments={new Map(attachments.map((a) => [a.id, a.filename]))}
          csrf={csrf}
          canReview={["submitted", "reviewed"].includes(item.status) && may("item.review")}
        />
      ) : (
        ""
      )}
      <section aria-labelledby="attachments-admin-title">
        <h2 id="attachments-admin-title">附件</h2>
        <AttachmentTable
          itemId={id}
          attachments={attachments}
          csrf={csrf}
          canEdit={mayEditAttachments(user, item, tree)}
        />
        {mayEditAttachments(user, item, tree) ? (
          <AttachmentUploadForm itemId={id} csrf={csrf} problems={[]} />
        ) : (
          ""
        )}
      </section>
      <section aria-labelledby="body-title">
        <h2 id="body-title">正文</h2>
        <div class="item-body preview">{safeBodyHtml}</div>
      </section>
      {item.status === "published" && may("item.sign") ? (
        <section aria-labelledby="validity-title">
          <h2 id="validity-title">有效性</h2>
          <form method="post" action={`/admin/items/${id}/validity`} class="stack">
            <CsrfField token={csrf} />
            <Field
              as="select"
              name="validity"
              label="有效性"
              value={item.validity ?? undefined}
              choices={VALIDITIES.map((v) => ({ value: v, label: validityLabel(v) }))}
            />
            <Field name="on" id="validity-on" type="date" label="日期" value={item.validity_on ?? ""} />
            <Field
              name="replaced_by"
              id="replaced-by"
              label="修订后的文件编号（已修订时必填）"
              value={item.replaced_by_id ?? ""}
            />
            <button type="submit">保存有效性</button>
          </form>
        </section>
      ) : (
        ""
      )}
      <section aria-labelledby="versions-title">
        <h2 id="versions-title">版本</h2>
        <ul>
          {versions.map((v) => (
            <li>
              <a
                href={`/admin/items/${v.id}`}
                aria-current={v.id === id ? "page" : undefined}
                safe
              >{`第 ${v.version} 版（${statusLabel(v.status)}）`}</a>
            </li>
          ))}
        </ul>
        {previous ? (
          <p>
            <a
              href={`/admin/items/${id}/diff?against=${previous.id}`}
              safe
            >{`与第 ${previous.version} 版比较`}</a>
          </p>
        ) : (
          ""
        )}
      </section>
      <section aria-labelledby="events-title">
        <h2 id="events-title">办理记录</h2>
        <EventList events={events} />
      </section>
    </>,
    status,
  );
}
