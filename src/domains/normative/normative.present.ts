// The register as the public and the API see it (RULES.md §12: 标题, 发文机关, 发文字号, 索引号, 成文日期,
// 发布日期, 主题分类, 有效性), and its filters, shared by /gk/normative-register, its CSV and GET /api/v1/normative.
import type { Deps } from "../../deps";
import { AppError } from "../../platform/errors";
import { loadOrgTree } from "../orgs";
import { VALIDITIES } from "../publishing";
import * as repo from "./normative.repo";

export interface RegisterFilter {
  validity?: string;
  org?: string;
  year?: string;
}

/** Validity as the register words it: a repealed document is 已废止. */
export const REGISTER_VALIDITY: Record<string, string> = {
  valid: "有效",
  expired: "已失效",
  repealed: "已废止",
  revised: "已修订",
};

export async function registerRows(deps: Pick<Deps, "db">, siteId: string, f: RegisterFilter) {
  const problems = [];
  if (f.validity && !(VALIDITIES as readonly string[]).includes(f.validity))
    problems.push({
      field: "validity",
      code: "invalid_validity",
      message: "有效性应为 valid、expired、repealed 或 revised。",
    });
  if (f.year && !/^(19|20)\d{2}$/.test(f.year))
    problems.push({ field: "year", code: "invalid_year", message: "年份应为四位数字。" });
  let orgIds: string[] | undefined;
  if (f.org) {
    const tree = await loadOrgTree(deps, siteId);
    const org = tree.flatten(siteId).find((x) => x.org.code === f.org)?.org;
    if (!org) problems.push({ field: "org", code: "org_not_found", message: "没有这个发文机关。" });
    else orgIds = [org.id];
  }
  if (problems.length) throw new AppError("validation_failed", 400, "筛选条件有误。", problems);
  return repo.listLedger(deps.db.kysely, {
    siteId,
    publishedOnly: true,
    validity: f.validity,
    orgIds,
    year: f.year ? Number(f.year) : undefined,
  });
}

export const registerJson = (r: repo.LedgerRow) => ({
  id: r.id,
  title: r.title,
  org: { code: r.org_code, name: r.org_name },
  doc_number: r.doc_number,
  registration_number: r.registration_number,
  index_number: r.index_number,
  formed_on: r.formed_on,
  published_on: r.published_on,
  validity: r.validity,
  expires_on: r.expires_on,
  url: `/gk/items/${r.id}`,
});

export const entryJson = (e: repo.EntryRow) => ({
  item_id: e.item_id,
  registration_number: e.registration_number,
  review_body: e.review_body,
  reviewed_on: e.reviewed_on,
  review_opinion: e.review_opinion,
  decision_body: e.decision_body,
  decided_on: e.decided_on,
  validity_years: e.validity_years,
  expires_on: e.expires_on,
  filing_due_on: e.filing_due_on,
  filed_on: e.filed_on,
  filed_with: e.filed_with,
  filing_number: e.filing_number,
});
