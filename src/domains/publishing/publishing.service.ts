import type { Actor, Deps, Executor } from "../../deps";
import { AppError, notFound, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { isRealDate, shanghaiDateOf } from "../../platform/time";
import { lockedStep } from "../../platform/workflow/locked-step";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { getOrg, loadOrgTree, type OrgTree } from "../orgs";
import { resolveCatalogNodes } from "./catalog-link";
import { normaliseDocNumber } from "./doc-number";
import { invalidateItemPages } from "./page-cache";
import { authoriseDraftIn, authoriseItem, type ItemAction } from "./publishing.policy";
import * as repo from "./publishing.repo";
import {
  type CreateItemInput,
  ITEM_KINDS,
  type ItemKind,
  NEEDS_INTERPRETATION,
  TAKES_DOC_NUMBER,
  type UpdateItemInput,
} from "./publishing.schemas";
import { htmlToText, toSafeHtml } from "./rich-text";

export type ItemRow = repo.ItemRow;

/** The item policy (publishing.policy.ts) for the item's organisation: 404 when not visible, 403 otherwise. */
function authorise(user: CurrentUser, action: ItemAction, orgId: string, tree: OrgTree): void {
  authoriseItem(user, action, { site_id: tree.get(orgId)?.site_id ?? "", org_id: orgId }, tree);
}

const _invalidTransition = (item: ItemRow, action: string) =>
  new AppError("invalid_transition", 409, `信息当前状态为“${item.status}”，不能执行“${action}”。`, [
    { field: "action", code: "invalid_transition", message: `状态 ${item.status} 不允许操作 ${action}` },
  ]);

async function loadItem(deps: Deps, id: string, db: Executor = deps.db.kysely): Promise<ItemRow> {
  const item = await repo.findItem(db, id);
  if (!item) throw notFound("信息", "item_not_found");
  return item;
}

/** The shortest text version of a 图解 (graphic interpretation), in characters other than spaces. */
export const GRAPHIC_TEXT_MIN = 50;

/**
 * Field rules shared by create and update: every problem collected, values normalised. `current` is the
 * draft's form and text as stored (an update names only the fields it changes).
 */
function checkFields(
  p: Problems,
  kind: ItemKind,
  input: Partial<CreateItemInput>,
  today: string,
  current?: { form: string | null; bodyText: string },
): { docNumber?: string | null; bodyHtml?: string; bodyText?: string; bodyMnHtml?: string | null } {
  const out: { docNumber?: string | null; bodyHtml?: string; bodyText?: string; bodyMnHtml?: string | null } =
    {};
  if (input.title !== undefined && !input.title.trim()) p.add("title", "required", "请填写标题。");
  if (kind !== "interpretation") {
    for (const f of ["interprets", "interpreter", "form"] as const) {
      if (input[f] !== undefined) p.add(f, "field_not_used", `只有政策解读可以填写 ${f}。`);
    }
  }
  if (input.doc_number !== undefined && input.doc_number !== "") {
    if (!TAKES_DOC_NUMBER.has(kind)) p.add("doc_number", "field_not_used", "此类信息不使用文号。");
    else {
      const r = normaliseDocNumber(input.doc_number);
      if (r.ok) out.docNumber = r.value;
      else p.add("doc_number", "invalid_doc_number", r.message);
    }
  } else if (input.doc_number === "") out.docNumber = null;
  if (input.body !== undefined) {
    out.bodyHtml = toSafeHtml(input.body);
    out.bodyText = htmlToText(out.bodyHtml);
    if (!out.bodyText.trim()) p.add("body", "required", "请填写正文。");
  }
  // A 图解 is a picture (an image attachment): its body is the picture's text alternative for screen readers
  // and for anyone who cannot see it (WCAG 2.1, 1.1.1), so it says what the picture says, not "见附图".
  if (kind === "interpretation" && (input.form !== undefined || input.body !== undefined)) {
    const text = (out.bodyText ?? current?.bodyText ?? "").replace(/\s/g, "");
    if ((input.form ?? current?.form) === "graphic" && text && text.length < GRAPHIC_TEXT_MIN)
      p.add(
        "body",
        "graphic_text_required",
        `图解解读须在正文中写明图解内容的文字版（不少于${GRAPHIC_TEXT_MIN}字，现为${text.length}字），供使用读屏软件或看不到图片的读者阅读。`,
      );
  }
  if (input.body_mn !== undefined) out.bodyMnHtml = input.body_mn.trim() ? toSafeHtml(input.body_mn) : null;
  // Date.parse takes 2026-02-30 for 2 March: an item with such a date would pass review and signing, then
  // fail at publication.
  if (input.formed_on !== undefined && !isRealDate(input.formed_on)) {
    p.add("formed_on", "invalid_date", `成文日期 ${input.formed_on} 不存在，请按 YYYY-MM-DD 填写真实日期。`);
  } else if (input.formed_on !== undefined && input.formed_on > today)
    p.add("formed_on", "future_date", "成文日期不能晚于今天。");
  return out;
}

/**
 * Creates a draft. `within` runs inside the same transaction, after the item is written, so a caller that
 * records something about the new draft (an Art. 44 decision) stores both or neither.
 */
export async function createItem(
  deps: Deps,
  user: CurrentUser,
  input: CreateItemInput,
  opts: {
    within?: (trx: Executor, row: ItemRow) => Promise<void>;
    /** Replaces the drafting check for a caller with its own policy (a document-management import account). */
    authorise?: (orgId: string, tree: OrgTree) => void;
  } = {},
): Promise<ItemRow> {
  const db = deps.db.kysely;
  const tree = await loadOrgTree(deps, user.siteId);
  const p = new Problems();
  // The HTML form reaches here without the API's schema: the fields every item needs are checked again.
  if (typeof input.title !== "string" || !input.title.trim()) p.add("title", "required", "请填写标题。");
  if (typeof input.body !== "string") p.add("body", "required", "请填写正文。");
  if (!(ITEM_KINDS as readonly string[]).includes(input.kind))
    p.add("kind", "invalid_kind", "请选择信息类别。");
  p.throwIfAny();
  let orgId = user.orgId;
  if (input.org) {
    const org = tree.flatten(user.siteId).find((x) => x.org.code === input.org)?.org;
    if (!org) p.add("org", "org_not_found", `机构 ${input.org} 不存在。`);
    else orgId = org.id;
  }
  p.throwIfAny();
  if (opts.authorise) opts.authorise(orgId, tree);
  else authoriseDraftIn(user, orgId, tree);
  const org = (await getOrg(deps, orgId))!;
  const kind = input.kind as ItemKind;
  const today = shanghaiDateOf(deps.clock.now());
  const fields = checkFields(p, kind, input, today);

  let interprets: ItemRow | undefined;
  if (kind === "interpretation") {
    if (!input.interprets) p.add("interprets", "required", "请指明解读的是哪一份政策文件（interprets）。");
    else {
      interprets = await repo.findItem(db, input.interprets);
      if (!interprets) p.add("interprets", "policy_not_found", "要解读的政策文件不存在。");
      else if (!NEEDS_INTERPRETATION.has(interprets.kind))
        p.add("interprets", "not_a_policy", "只能解读政策文件或规范性文件。");
      // 谁起草谁解读: the drafting organisation interprets its own policy.
      else if (interprets.org_id !== orgId)
        p.add(
          "interprets",
          "interpreter_org_mismatch",
          "按照“谁起草谁解读”，解读须由政策文件的起草单位编写。",
        );
      else if (["withdrawn", "superseded"].includes(interprets.status))
        p.add("interprets", "policy_not_current", "该政策文件已撤回或已被替换。");
    }
  }
  const nodeIds = await resolveCatalogNodes(
    deps,
    orgId,
    kind,
    input.catalog_nodes ?? (input.catalog_node ? [input.catalog_node] : undefined),
    p,
  );
  p.throwIfAny();

  const now = deps.clock.now().toISOString();
  const id = newId();
  const row: ItemRow = {
    id,
    site_id: org.site_id,
    org_id: orgId,
    lineage_id: id,
    version: 1,
    supersedes_id: null,
    kind,
    status: "draft",
    title: input.title.trim(),
    title_mn: input.title_mn?.trim() || null,
    body_html: fields.bodyHtml!,
    body_mn_html: fields.bodyMnHtml ?? null,
    body_text: fields.bodyText!,
    summary: input.summary?.trim() || null,
    index_number: null,
    doc_number: fields.docNumber ?? null,
    topic: input.topic?.trim() || null,
    keywords: input.keywords?.trim() || null,
    disclosure_mode: "proactive",
    formed_on: input.formed_on ?? today,
    scheduled_at: null,
    published_at: null,
    published_on: null,
    validity: "valid",
    validity_on: null,
    replaced_by_id: null,
    interprets_id: interprets?.id ?? null,
    // The principal responsible official is the policy's first interpreter (work plan 一(三)).
    interpreter: kind === "interpretation" ? input.interpreter?.trim() || `${org.name}主要负责同志` : null,
    interpretation_form: kind === "interpretation" ? (input.form ?? "text") : null,
    withdrawn_at: null,
    withdraw_reason: null,
    last_note: null,
    late: null,
    late_working_days: null,
    submitted_by: null,
    reviewed_by: null,
    signed_by: null,
    published_by: null,
    content_sha256: null,
    created_by: user.id,
    created_at: now,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertItem(trx, row);
    await repo.setNodes(trx, id, nodeIds);
    await repo.insertEvent(trx, event(deps, user, id, "create", null, "draft"));
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "item.create",
      entityType: "item",
      entityId: id,
      orgId: row.org_id,
      businessDate: row.formed_on,
      summary: { after: { kind, title: row.title, org: org.code, interprets: row.interprets_id } },
    });
    await opts.within?.(trx, row);
  });
  return row;
}

function event(
  deps: Deps,
  user: CurrentUser | Actor,
  itemId: string,
  action: string,
  from: string | null,
  to: string,
  note?: string | null,
) {
  const actor = "username" in user ? actorOf(user) : user;
  return {
    id: newId(),
    item_id: itemId,
    at: deps.clock.now().toISOString(),
    actor_id: actor.id,
    actor_label: actor.label,
    action,
    from_status: from,
    to_status: to,
    note: note ?? null,
  };
}

export async function updateDraft(
  deps: Deps,
  user: CurrentUser,
  id: string,
  input: UpdateItemInput,
): Promise<ItemRow> {
  const tree = await loadOrgTree(deps, user.siteId);
  // The fields are checked against the item as read now (catalogue lookups read outside the transaction);
  // what they depend on, its kind and organisation, never changes. The problems are reported only once the
  // locked row shows the user may edit it and it is still a draft.
  const seen = await loadItem(deps, id);
  const p = new Problems();
  const fields = checkFields(p, seen.kind as ItemKind, input, shanghaiDateOf(deps.clock.now()), {
    form: seen.interpretation_form,
    bodyText: seen.body_text,
  });
  const nodeIds =
    input.catalog_nodes || input.catalog_node
      ? await resolveCatalogNodes(
          deps,
          seen.org_id,
          seen.kind as ItemKind,
          input.catalog_nodes ?? [input.catalog_node!],
          p,
        )
      : undefined;
  const patch: Partial<ItemRow> = { updated_at: deps.clock.now().toISOString() };
  if (input.title !== undefined) patch.title = input.title.trim();
  if (fields.bodyHtml !== undefined)
    Object.assign(patch, { body_html: fields.bodyHtml, body_text: fields.bodyText });
  if (fields.bodyMnHtml !== undefined) patch.body_mn_html = fields.bodyMnHtml;
  if (fields.docNumber !== undefined) patch.doc_number = fields.docNumber;
  for (const f of ["summary", "topic", "keywords", "title_mn", "interpreter"] as const) {
    if (input[f] !== undefined) patch[f] = input[f]!.trim() || null;
  }
  if (input.formed_on !== undefined) patch.formed_on = input.formed_on;
  if (input.form !== undefined) patch.interpretation_form = input.form;
  // Load, lock, check, write: an edit racing a submission never changes what was submitted.
  await lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockItem(trx, deps.db.dialect, id),
    missing: () => notFound("信息", "item_not_found"),
    check: (_trx, item) => {
      authorise(user, "item.draft", item.org_id, tree);
      if (item.status !== "draft")
        throw new AppError("not_a_draft", 409, "只能修改草稿；已提交的信息请先退回。");
      p.throwIfAny();
    },
    write: async (trx, item) => {
      await repo.updateItem(trx, id, patch);
      if (nodeIds) await repo.setNodes(trx, id, nodeIds);
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "item.update",
        entityType: "item",
        entityId: id,
        orgId: item.org_id,
        summary: {
          changed: Object.keys(patch).filter((k) => k !== "updated_at"),
          before: { title: item.title, ...(patch.formed_on ? { formed_on: item.formed_on } : {}) },
        },
      });
    },
  });
  return loadItem(deps, id);
}

export { performAction, publishDueItems, setValidity } from "./workflow.service";
export { invalidateItemPages };
