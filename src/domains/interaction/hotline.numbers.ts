// The register of the county's hotline numbers (政务服务便民热线归并, 国办发〔2020〕53号, RULES.md §10): each
// number with its owning organisation and whether it was merged into 12345 (with the date), kept (110, 119,
// 120, 122 and lines run in parallel: the reason is required) or withdrawn. The office keeps it; the public
// page and API list it.
import type { Deps, Executor } from "../../deps";
import { AppError, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { isRealDate, shanghaiDateOf } from "../../platform/time";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree, type OrgTree } from "../orgs";
import { authoriseHotlineNumbers } from "./hotline.policy";
import {
  NUMBER_STATUS_LABELS,
  NUMBER_STATUSES,
  type NumberInput,
  type NumberStatus,
} from "./hotline.schemas";
import type { HotlineNumberTable } from "./hotline.tables";

export type NumberRow = HotlineNumberTable;

const NUMBER_SHAPE = /^[0-9][0-9-]{1,19}$/;

const numberNotFound = () => new AppError("hotline_number_not_found", 404, "热线号码不存在。");

export const listNumberRows = (db: Executor, siteId: string) =>
  db
    .selectFrom("hotline_numbers")
    .selectAll()
    .where("site_id", "=", siteId)
    .orderBy("sort_order")
    .orderBy("number")
    .execute();

export function presentNumber(tree: OrgTree, r: NumberRow) {
  const org = tree.get(r.org_id);
  return {
    id: r.id,
    number: r.number,
    name: r.name,
    org: { code: org?.code ?? "", name: org?.name ?? "" },
    status: r.status,
    status_label: NUMBER_STATUS_LABELS[r.status as NumberStatus] ?? r.status,
    reason: r.reason,
    merged_on: r.merged_on,
  };
}

/** The public list (GET /api/v1/hotline/numbers, /hd/hotlines). */
export async function publicNumbers(deps: Deps, siteId: string) {
  const tree = await loadOrgTree(deps, siteId);
  return (await listNumberRows(deps.db.kysely, siteId)).map((r) => presentNumber(tree, r));
}

/** Every problem of a number as typed, named by field; the values to store. */
function checkNumber(input: NumberInput, tree: OrgTree, siteId: string, today: string) {
  const p = new Problems();
  const number = input.number.replace(/\s/g, "");
  if (!number) p.add("number", "required", "请填写热线号码。");
  else if (!NUMBER_SHAPE.test(number)) p.add("number", "invalid_number", "热线号码只能由数字和连字符组成。");
  const name = input.name.trim();
  if (!name) p.add("name", "required", "请填写热线名称。");
  const org = tree
    .flatten(siteId)
    .find(({ org: o }) => o.code === input.org.trim() || o.id === input.org)?.org;
  if (!input.org.trim()) p.add("org", "required", "请选择主管单位。");
  else if (!org) p.add("org", "unknown_org", `本站点没有代码为“${input.org}”的单位。`);
  const status = input.status;
  if (!(NUMBER_STATUSES as readonly string[]).includes(status))
    p.add("status", "invalid_status", "请选择归并情况：已归并、保留或已撤销。");
  const reason = input.reason?.trim() || null;
  if (status === "kept" && !reason)
    p.add("reason", "reason_required", "保留的热线须说明保留理由（如紧急类热线、双号并行）。");
  const mergedOn = input.merged_on?.trim() || null;
  if (mergedOn && !isRealDate(mergedOn)) p.add("merged_on", "invalid_date", "归并日期不是真实日期。");
  else if (mergedOn && mergedOn > today) p.add("merged_on", "future_date", "归并日期不能晚于今天。");
  if (status === "merged" && !mergedOn) p.add("merged_on", "required", "已归并的热线请填写归并日期。");
  if (status !== "merged" && mergedOn) p.add("merged_on", "field_not_used", "只有已归并的热线填写归并日期。");
  p.throwIfAny("热线号码未保存，请按提示修改。");
  return {
    number,
    name,
    org_id: org!.id,
    status,
    reason,
    merged_on: mergedOn,
    sort_order: input.sort_order ?? 0,
  };
}

const duplicateNumber = (n: string) =>
  new AppError("hotline_number_exists", 409, `热线号码 ${n} 已在目录中。`, [
    { field: "number", code: "hotline_number_exists", message: `热线号码 ${n} 已在目录中。` },
  ]);

export async function createNumber(deps: Deps, user: CurrentUser, input: NumberInput) {
  const tree = await loadOrgTree(deps, user.siteId);
  authoriseHotlineNumbers(user, tree);
  const v = checkNumber(input, tree, user.siteId, shanghaiDateOf(deps.clock.now()));
  const now = deps.clock.now().toISOString();
  const row: NumberRow = { id: newId(), site_id: user.siteId, ...v, created_at: now, updated_at: now };
  await deps.db.kysely.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom("hotline_numbers")
      .select("id")
      .where("site_id", "=", user.siteId)
      .where("number", "=", v.number)
      .executeTakeFirst();
    if (taken) throw duplicateNumber(v.number);
    await trx.insertInto("hotline_numbers").values(row).execute();
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "hotline.number_create",
      entityType: "hotline_number",
      entityId: row.id,
      siteId: user.siteId,
      summary: { after: { number: v.number, name: v.name, status: v.status } },
    });
  });
  return presentNumber(tree, row);
}

export async function getNumber(deps: Deps, user: CurrentUser, id: string) {
  const tree = await loadOrgTree(deps, user.siteId);
  const row = await deps.db.kysely
    .selectFrom("hotline_numbers")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw numberNotFound();
  authoriseHotlineNumbers(user, tree, row);
  return { row, view: presentNumber(tree, row) };
}

export async function updateNumber(deps: Deps, user: CurrentUser, id: string, input: NumberInput) {
  const tree = await loadOrgTree(deps, user.siteId);
  const v = checkNumber(input, tree, user.siteId, shanghaiDateOf(deps.clock.now()));
  const now = deps.clock.now().toISOString();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("hotline_numbers").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) throw numberNotFound();
    authoriseHotlineNumbers(user, tree, row);
    const taken = await trx
      .selectFrom("hotline_numbers")
      .select("id")
      .where("site_id", "=", row.site_id)
      .where("number", "=", v.number)
      .where("id", "!=", id)
      .executeTakeFirst();
    if (taken) throw duplicateNumber(v.number);
    await trx
      .updateTable("hotline_numbers")
      .set({ ...v, updated_at: now })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "hotline.number_update",
      entityType: "hotline_number",
      entityId: id,
      siteId: row.site_id,
      summary: {
        before: { number: row.number, name: row.name, status: row.status, reason: row.reason },
        after: { number: v.number, name: v.name, status: v.status, reason: v.reason },
      },
    });
    return presentNumber(tree, { ...row, ...v, updated_at: now });
  });
}

export async function deleteNumber(deps: Deps, user: CurrentUser, id: string): Promise<void> {
  const tree = await loadOrgTree(deps, user.siteId);
  await deps.db.kysely.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("hotline_numbers").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) throw numberNotFound();
    authoriseHotlineNumbers(user, tree, row);
    await trx.deleteFrom("hotline_numbers").where("id", "=", id).execute();
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "hotline.number_delete",
      entityType: "hotline_number",
      entityId: id,
      siteId: row.site_id,
      summary: { before: { number: row.number, name: row.name, status: row.status } },
    });
  });
}
