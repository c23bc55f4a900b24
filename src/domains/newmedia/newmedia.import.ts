// Account activity from files, parsed in the file worker (platform/files) under hard limits:
// - a table (Excel .xlsx or CSV) of 平台, 账号ID, 最后更新日期, 关注人数, 未回复留言数, 互动是否正常 for many accounts,
//   every problem named by row, nothing saved unless all rows are fine;
// - an account's own RSS or Atom feed: its newest entry's date is the account's last update.
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail, Problems } from "../../platform/errors";
import { parseTableFile, parseTextFile } from "../../platform/files";
import { shanghaiDateOf } from "../../platform/time";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree } from "../orgs";
import { accountNotFound, authoriseAccount } from "./newmedia.policy";
import * as repo from "./newmedia.repo";
import { type ActivityInput, checkActivity, PLATFORM_LABELS, recordActivity } from "./newmedia.service";

export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;

const HEADERS: Record<string, keyof ActivityInput | "platform" | "account_no"> = {
  平台: "platform",
  platform: "platform",
  账号id: "account_no",
  账号: "account_no",
  account_no: "account_no",
  最后更新日期: "last_update_on",
  最后更新: "last_update_on",
  last_update_on: "last_update_on",
  关注人数: "followers",
  粉丝数: "followers",
  followers: "followers",
  未回复留言数: "unanswered",
  未回复留言: "unanswered",
  unanswered: "unanswered",
  互动是否正常: "interaction_ok",
  interaction_ok: "interaction_ok",
};

const platformOf = (v: string) =>
  Object.entries(PLATFORM_LABELS).find(([code, label]) => code === v || label === v)?.[0];

export async function importActivity(
  deps: Deps,
  user: CurrentUser,
  file: { filename: string; data: Uint8Array },
) {
  const ext = file.filename.toLowerCase().split(".").pop();
  if (ext !== "csv" && ext !== "xlsx")
    throw new AppError("validation_failed", 400, "请上传 Excel（.xlsx）或 CSV 文件。", [
      { field: "file", code: "file_format", message: "请上传 Excel（.xlsx）或 CSV 文件。" },
    ]);
  if (file.data.byteLength > IMPORT_MAX_BYTES)
    throw new AppError("validation_failed", 400, "文件过大。", [
      { field: "file", code: "file_too_large", message: "文件不能超过 2 MB。" },
    ]);
  const tree = await loadOrgTree(deps, user.siteId);
  const table = await parseTableFile(ext, file.data, { what: "新媒体运营情况表" });
  const [header, ...rows] = table.rows;
  const cols = new Map<number, string>();
  for (const [i, h] of (header?.cells ?? []).entries()) {
    const f = HEADERS[h.trim().toLowerCase()] ?? HEADERS[h.trim()];
    if (f) cols.set(i, f);
  }
  const problems: ErrorDetail[] = [];
  if (![...cols.values()].includes("platform") || ![...cols.values()].includes("account_no"))
    problems.push({
      field: "file",
      code: "import_columns",
      message: "表格第一行应为列名，至少包括“平台”和“账号ID”。",
    });
  if (!rows.length) problems.push({ field: "file", code: "import_empty", message: "表格中没有数据行。" });
  if (problems.length)
    throw new AppError("validation_failed", 400, "运营情况未导入，请按提示修改。", problems);
  const today = shanghaiDateOf(deps.clock.now());
  const plan: Array<{ account: repo.AccountRow; set: Partial<repo.AccountRow> }> = [];
  for (const r of rows) {
    const v: Record<string, string> = {};
    for (const [i, f] of cols) v[f] = r.cells[i]?.trim() ?? "";
    const prefix = `第 ${r.n} 行：`;
    const p = new Problems();
    const platform = platformOf(v.platform ?? "");
    const account = platform
      ? await repo.findAccountByNo(deps.db.kysely, user.siteId, platform, v.account_no ?? "")
      : undefined;
    if (!account)
      p.add(
        "file",
        "account_unknown",
        `${prefix}找不到平台“${v.platform ?? ""}”的账号“${v.account_no ?? ""}”，请先登记。`,
      );
    else if (!authorised(user, account, tree))
      p.add("file", "org_not_allowed", `${prefix}账号“${account.name}”不属于您可管理的单位。`);
    const set = checkActivity(p, v as ActivityInput, today, prefix);
    problems.push(...p.list.map((d) => ({ ...d, field: "file" })));
    if (account && p.empty) plan.push({ account, set });
  }
  if (problems.length)
    throw new AppError("validation_failed", 400, "运营情况未导入，请按提示修改。", problems);
  await deps.db.kysely.transaction().execute(async (trx) => {
    for (const { account, set } of plan) {
      const locked = await repo.lockAccount(trx, deps.db.dialect, account.id);
      if (!locked) throw accountNotFound();
      if (set.last_update_on && locked.last_update_on && set.last_update_on < locked.last_update_on)
        delete set.last_update_on;
      await repo.updateAccount(trx, account.id, { ...set, updated_at: deps.clock.now().toISOString() });
    }
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "newmedia.import",
      entityType: "site",
      entityId: user.siteId,
      summary: { file: file.filename, accounts: plan.length },
    });
  });
  return { updated: plan.length };
}

function authorised(
  user: CurrentUser,
  account: repo.AccountRow,
  tree: Awaited<ReturnType<typeof loadOrgTree>>,
) {
  try {
    authoriseAccount(user, "newmedia.manage", account, tree);
    return true;
  } catch {
    return false;
  }
}

/** Reads an account's RSS or Atom feed (uploaded): its newest entry's date becomes the last update. */
export async function readAccountFeed(deps: Deps, user: CurrentUser, id: string, file: { data: Uint8Array }) {
  if (file.data.byteLength > IMPORT_MAX_BYTES)
    throw new AppError("validation_failed", 400, "文件过大。", [
      { field: "file", code: "file_too_large", message: "文件不能超过 2 MB。" },
    ]);
  const { parsed } = await parseTextFile("rss-feed", file.data, { what: "订阅源文件" });
  if ("error" in parsed)
    throw new AppError("feed_invalid", 400, "文件不是有效的 RSS 或 Atom 订阅源。", [
      { field: "file", code: "feed_invalid", message: "文件不是有效的 RSS 或 Atom 订阅源。" },
    ]);
  const dates = parsed.entries
    .map((e) => (e.date ? Date.parse(e.date) : Number.NaN))
    .filter((t) => !Number.isNaN(t) && t <= deps.clock.now().getTime());
  if (!dates.length)
    throw new AppError("validation_failed", 400, "订阅源中没有带发布时间的条目。", [
      {
        field: "file",
        code: "feed_no_dates",
        message: "订阅源中没有带发布时间的条目，无法判断最后更新日期。",
      },
    ]);
  const last = shanghaiDateOf(new Date(Math.max(...dates)));
  await recordActivity(deps, user, id, { last_update_on: last });
  return { last_update_on: last, entries: parsed.entries.length };
}
