// The documents an issue may carry: published 规章 and 规范性文件 (publishing kinds policy and normative) of the
// county government and its departments, never a higher level's; each checked with every problem named, and
// the table-of-contents category it goes under by default. The compile form's list of candidates.
import type { Deps, Executor } from "../../deps";
import type { Problems } from "../../platform/errors";
import { AppError } from "../../platform/errors";
import { newId } from "../../platform/ids";
import type { CurrentUser } from "../accounts";
import { loadOrgTree, type OrgTree } from "../orgs";
import { authoriseCompile } from "./gazette.policy";
import * as repo from "./gazette.repo";
import { CATEGORIES, CATEGORY_LABELS, STATUS_LABELS } from "./gazette.steps";
import type { EntryCategory } from "./gazette.tables";

/** The kinds of the publishing domain the gazette carries: 规章 and policies (policy), 规范性文件 (normative). */
export const GAZETTE_KINDS = ["policy", "normative"] as const;
export const MAX_ENTRIES = 100;
export const MAX_NOTE = 500;

export interface EntryInput {
  item_id: string;
  category?: string;
}

/** The root organisation of the site: the county government, whose gazette it is. */
export function rootOrgOf(tree: OrgTree, siteId: string) {
  const root = tree.roots(siteId)[0];
  if (!root) throw new AppError("org_not_found", 404, "站点没有根机构。");
  return root;
}

/**
 * The county government and its departments (not towns, communities, institutions, nor vertically managed
 * organs or a higher level's branches such as 包头市生态环境局固阳县分局, whose documents are a higher level's):
 * the organisations whose documents the gazette carries.
 */
export async function gazetteOrgIds(db: Executor, tree: OrgTree, siteId: string): Promise<string[]> {
  const higher = await repo.higherLevelOrgIds(db, siteId);
  return tree
    .flatten(siteId)
    .filter(
      ({ org }) =>
        (org.kind === "government" && org.parent_id === null) ||
        (org.kind === "department" && !higher.has(org.id)),
    )
    .map(({ org }) => org.id);
}

/** The category a document goes under unless the office chooses another. */
export function defaultCategory(tree: OrgTree, orgId: string, kind: string): EntryCategory {
  const org = tree.get(orgId);
  if (!org) return "other";
  if (org.parent_id === null) return kind === "normative" ? "government_normative" : "regulation";
  if (org.code.endsWith("-zfb")) return "office_normative";
  return "department_normative";
}

const itemProblem = (n: number) => `第${n}篇文件`;

/**
 * Checks the documents of an issue (every problem at once) and builds their rows: each a published policy
 * or normative document of the county government or one of its departments, on this site, listed once, and
 * carried by no other issue; categories from the table of contents' list.
 */
export async function checkEntries(
  db: Executor,
  siteId: string,
  issueId: string,
  tree: OrgTree,
  input: EntryInput[],
  p: Problems,
): Promise<repo.EntryRow[]> {
  if (input.length > MAX_ENTRIES) p.add("entries", "too_many_entries", `每期最多刊登${MAX_ENTRIES}篇文件。`);
  const ids = input.map((e) => (e.item_id ?? "").trim());
  const items = new Map((await repo.findItems(db, ids.filter(Boolean))).map((i) => [i.id, i]));
  const carried = new Map(
    (await repo.issuesCarrying(db, ids.filter(Boolean), issueId)).map((c) => [c.item_id, c]),
  );
  const allowedOrgs = new Set(await gazetteOrgIds(db, tree, siteId));
  const seen = new Set<string>();
  const out: repo.EntryRow[] = [];
  for (const [i, e] of input.entries()) {
    const n = i + 1;
    const field = `entries_${n}`;
    const id = ids[i]!;
    const item = items.get(id);
    const category = (e.category ?? "").trim();
    if (category && !(CATEGORIES as readonly string[]).includes(category))
      p.add(
        `${field}_category`,
        "invalid_category",
        `${itemProblem(n)}：栏目应为${CATEGORIES.map((c) => CATEGORY_LABELS[c]).join("、")}之一。`,
      );
    if (!id || !item || item.site_id !== siteId) {
      p.add(field, "item_not_found", `${itemProblem(n)}：找不到该信息，请核对信息编号。`);
      continue;
    }
    if (item.status !== "published")
      p.add(
        field,
        "item_not_published",
        `${itemProblem(n)}《${item.title}》尚未发布，公报只刊登已发布的文件。`,
      );
    if (!(GAZETTE_KINDS as readonly string[]).includes(item.kind))
      p.add(
        field,
        "item_kind_not_allowed",
        `${itemProblem(n)}《${item.title}》不是规章或规范性文件，公报不予刊登。`,
      );
    if (!allowedOrgs.has(item.org_id))
      p.add(
        field,
        "item_org_not_allowed",
        `${itemProblem(n)}《${item.title}》不是县政府或其部门制发的文件，公报不刊登上级机关或其他单位的文件。`,
      );
    if (seen.has(id)) p.add(field, "duplicate_item", `${itemProblem(n)}《${item.title}》在本期中重复列出。`);
    seen.add(id);
    const other = carried.get(id);
    if (other)
      p.add(
        field,
        "item_in_other_issue",
        `${itemProblem(n)}《${item.title}》已编入另一期公报（${STATUS_LABELS[other.status as keyof typeof STATUS_LABELS] ?? ""}）。`,
      );
    out.push({
      id: newId(),
      issue_id: issueId,
      position: n,
      category: (category || defaultCategory(tree, item.org_id, item.kind)) as EntryCategory,
      item_id: item.id,
      org_id: item.org_id,
      org_name: tree.get(item.org_id)?.name ?? "",
      title: item.title,
      doc_number: item.doc_number,
      formed_on: item.formed_on,
      body_text: item.body_text,
    });
  }
  return out;
}

/** Documents the office may put in an issue: published policies and normative documents of the county
 * government and its departments, latest first, with the category each goes under by default. */
export async function listCandidates(deps: Deps, user: CurrentUser) {
  const tree = await loadOrgTree(deps, user.siteId);
  const root = rootOrgOf(tree, user.siteId);
  authoriseCompile(user, root.id, tree);
  const db = deps.db.kysely;
  const items = await repo.candidateItems(
    db,
    user.siteId,
    await gazetteOrgIds(db, tree, user.siteId),
    GAZETTE_KINDS,
  );
  const carried = new Set(
    (
      await repo.issuesCarrying(
        db,
        items.map((i) => i.id),
        "",
      )
    )
      .filter((c) => c.status === "released")
      .map((c) => c.item_id),
  );
  return items
    .filter((i) => !carried.has(i.id))
    .map((i) => ({
      id: i.id,
      title: i.title,
      doc_number: i.doc_number,
      kind: i.kind,
      org: tree.get(i.org_id)?.name ?? "",
      published_on: i.published_on,
      default_category: defaultCategory(tree, i.org_id, i.kind),
    }));
}
