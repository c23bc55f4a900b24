// Who replies and who reviews: the replying organ of an application, the site's next-higher people's government
// and the review routes of vertically led organs and branches (migration 0019), with the audited settings a
// site administrator changes and the problems the back office shows. The law: letter.remedies.ts and
// docs/decisions/0007-reply-letter-remedies.md.
import type { Actor, Deps, Executor } from "../../../deps";
import { AppError, Problems } from "../../../platform/errors";
import { actorOf, type CurrentUser, can, canAny } from "../../accounts";
import { recordAudit } from "../../audit";
import { loadOrgTree, type Org, type OrgTree } from "../../orgs";
import {
  isReviewRoute,
  type ReplyingOrgan,
  type ReviewContext,
  type ReviewRoute,
  reviewBodies,
} from "./letter.remedies";

/** Organs that reply in their own name; a community or an institution replies through the organ above it. */
const REPLYING_KINDS = new Set(["government", "department", "town"]);

interface ReviewColumns {
  id: string;
  review_route: string | null;
  review_body: string | null;
}

export async function readParentGovernment(db: Executor, siteId: string): Promise<string | null> {
  const row = await db
    .selectFrom("sites")
    .select("parent_government")
    .where("id", "=", siteId)
    .executeTakeFirst();
  return row?.parent_government?.trim() || null;
}

async function readReviewColumns(db: Executor, siteId: string): Promise<Map<string, ReviewColumns>> {
  const rows = await db
    .selectFrom("orgs")
    .select(["id", "review_route", "review_body"])
    .where("site_id", "=", siteId)
    .where("review_route", "is not", null)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, review_route: r.review_route ?? null, review_body: r.review_body ?? null },
    ]),
  );
}

/**
 * The organ an application's reply is made by: the organisation holding it (the site's people's government when
 * none), or, for a community or an institution, the nearest organ above it. The county government's own replies
 * are those held by the root organisation: its general office handles them there and replies in its name.
 */
export function replyingOrgOf(tree: OrgTree, siteId: string, holderId: string | null): Org | undefined {
  const root = tree.roots(siteId)[0];
  let org = holderId ? tree.get(holderId) : root;
  for (let depth = 0; org && !REPLYING_KINDS.has(org.kind) && org.parent_id && depth < 64; depth++)
    org = tree.get(org.parent_id);
  return org ?? root;
}

function organOf(org: Org, root: Org | undefined, review: ReviewColumns | undefined): ReplyingOrgan {
  const route = review?.review_route ?? "";
  return {
    name: org.name,
    kind: org.kind,
    isSiteGovernment: !!root && org.id === root.id,
    reviewRoute: isReviewRoute(route) ? route : null,
    reviewBody: review?.review_body?.trim() || null,
  };
}

/** The replying organ and its review context for an application of a site (the letter's signature too). */
export async function reviewContextFor(
  deps: Pick<Deps, "db">,
  siteId: string,
  holderId: string | null,
): Promise<{ org: Org | undefined; context: ReviewContext }> {
  const db = deps.db.kysely;
  const [tree, parent, review] = await Promise.all([
    loadOrgTree(deps, siteId),
    readParentGovernment(db, siteId),
    readReviewColumns(db, siteId),
  ]);
  const root = tree.roots(siteId)[0];
  const org = replyingOrgOf(tree, siteId, holderId);
  const organ: ReplyingOrgan = org
    ? organOf(org, root, review.get(org.id))
    : { name: "", kind: "government", isSiteGovernment: true, reviewRoute: null, reviewBody: null };
  return { org, context: { organ, siteGovernment: root?.name ?? "", parentGovernment: parent } };
}

/** One line of the back-office overview: an organ, who reviews its replies, or why that cannot be said. */
export interface ReviewOverviewRow {
  code: string;
  name: string;
  /** The site's own people's government: reviewed by the parent government, no route of its own. */
  siteGovernment: boolean;
  route: ReviewRoute | null;
  reviewBody: string | null;
  bodies: string[];
  problem: string | null;
}

/** Every replying organ of the site with its review bodies; a missing setting is a row's problem. */
export async function reviewOverview(deps: Pick<Deps, "db">, siteId: string) {
  const db = deps.db.kysely;
  const [tree, parent, review] = await Promise.all([
    loadOrgTree(deps, siteId),
    readParentGovernment(db, siteId),
    readReviewColumns(db, siteId),
  ]);
  const root = tree.roots(siteId)[0];
  const rows: ReviewOverviewRow[] = tree
    .flatten(siteId)
    .map(({ org }) => org)
    .filter((org) => REPLYING_KINDS.has(org.kind))
    .map((org) => {
      const organ = organOf(org, root, review.get(org.id));
      const context = { organ, siteGovernment: root?.name ?? "", parentGovernment: parent };
      try {
        return {
          code: org.code,
          name: org.name,
          siteGovernment: organ.isSiteGovernment,
          route: organ.reviewRoute,
          reviewBody: organ.reviewBody,
          bodies: reviewBodies(context),
          problem: null,
        };
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        return {
          code: org.code,
          name: org.name,
          siteGovernment: organ.isSiteGovernment,
          route: organ.reviewRoute,
          reviewBody: organ.reviewBody,
          bodies: [],
          problem: e.message,
        };
      }
    });
  return { parentGovernment: parent, siteGovernment: root?.name ?? "", rows };
}

const MAX_NAME = 100;
/** A government or department name: Chinese text, no markup, no line breaks. */
function checkName(value: string, field: string, label: string, p: Problems): string {
  const name = value.trim();
  if (name.length > MAX_NAME) p.add(field, "too_long", `${label}不能超过${MAX_NAME}字。`);
  else if (/[\r\n<>{}]/.test(name)) p.add(field, "invalid_name", `${label}不能包含换行或 < > { } 等符号。`);
  return name;
}

async function authoriseSettings(deps: Pick<Deps, "db">, user: CurrentUser, siteId: string) {
  const tree = await loadOrgTree(deps, siteId);
  const root = tree.roots(siteId)[0]?.id;
  if (siteId !== user.siteId || !root || !can(user, "site.settings", root, tree)) {
    if (!canAny(user, "site.settings"))
      throw new AppError("role_not_allowed", 403, "只有本站点的系统管理员可以修改答复书设置。");
    throw new AppError("org_not_allowed", 403, "只有本站点本级的系统管理员可以修改答复书设置。");
  }
  return tree;
}

/** Sets (or clears, with "") the site's next-higher people's government; audited with before and after. */
export async function setParentGovernment(
  deps: Deps,
  user: CurrentUser,
  value: string,
): Promise<{ parent_government: string | null }> {
  await authoriseSettings(deps, user, user.siteId);
  return writeParentGovernment(deps, actorOf(user), user.siteId, value);
}

export interface ReviewRouteInput {
  /** "" or absent: by the organ's kind; vertical or branch. */
  route?: string;
  review_body?: string;
}

/** Sets an organ's review route and body (Art. 27 vertical organs, Art. 24 ¶4 branches); audited. */
export async function setReviewRoute(
  deps: Deps,
  user: CurrentUser,
  orgCode: string,
  input: ReviewRouteInput,
): Promise<{ code: string; route: ReviewRoute | null; review_body: string | null }> {
  const tree = await authoriseSettings(deps, user, user.siteId);
  return writeReviewRoute(deps, actorOf(user), tree, user.siteId, orgCode, input);
}

/**
 * For the seed and the command line (no signed-in user): the parent government and the organs' routes of a
 * site in one go, each change audited under `actor`.
 */
export async function configureReplyReview(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: { parentGovernment?: string; routes?: Record<string, ReviewRouteInput> },
): Promise<void> {
  if (input.parentGovernment !== undefined)
    await writeParentGovernment(deps, actor, siteId, input.parentGovernment);
  const tree = await loadOrgTree(deps, siteId);
  for (const [code, route] of Object.entries(input.routes ?? {}))
    await writeReviewRoute(deps, actor, tree, siteId, code, route);
}

async function writeParentGovernment(deps: Deps, actor: Actor, siteId: string, value: string) {
  const p = new Problems();
  const name = checkName(value, "parent_government", "上一级人民政府名称", p);
  if (name && !name.endsWith("人民政府"))
    p.add(
      "parent_government",
      "not_a_government",
      "上一级人民政府名称应以“人民政府”结尾，例如“包头市人民政府”（《行政复议法》第二十四条）。",
    );
  p.throwIfAny("答复书设置未保存，请按提示修改。");
  const after = name || null;
  await deps.db.kysely.transaction().execute(async (trx) => {
    const before = await readParentGovernment(trx, siteId);
    await trx
      .updateTable("sites")
      .set({ parent_government: after, updated_at: deps.clock.now().toISOString() })
      .where("id", "=", siteId)
      .execute();
    await recordAudit(trx, deps.clock, actor, {
      action: "site.parent_government",
      entityType: "site",
      entityId: siteId,
      orgId: null,
      siteId,
      summary: { before: { parent_government: before }, after: { parent_government: after } },
    });
  });
  return { parent_government: after };
}

async function writeReviewRoute(
  deps: Deps,
  actor: Actor,
  tree: OrgTree,
  siteId: string,
  orgCode: string,
  input: ReviewRouteInput,
) {
  const org = tree.flatten(siteId).find((o) => o.org.code === orgCode)?.org;
  if (!org) throw new AppError("org_not_found", 404, `机构 ${orgCode} 不存在。`);
  const p = new Problems();
  const rawRoute = input.route?.trim() ?? "";
  const route = isReviewRoute(rawRoute) ? rawRoute : null;
  if (rawRoute && !route)
    p.add("route", "invalid_review_route", "复议途径只能是“按机构类型”“垂直领导机关”或“派出机构”。");
  const body = checkName(input.review_body ?? "", "review_body", "复议机关名称", p);
  if (route && org.id === tree.roots(siteId)[0]?.id)
    p.add(
      "route",
      "root_route",
      "本级人民政府的复议机关由“上一级人民政府名称”决定，不能设为垂直领导机关或派出机构。",
    );
  else if (route && !REPLYING_KINDS.has(org.kind))
    p.add("route", "not_an_organ", `${org.name}不以自己的名义答复，不能设置复议途径。`);
  if (route === "vertical" && !body)
    p.add("review_body", "required", "垂直领导机关须填写上一级主管部门名称（《行政复议法》第二十七条）。");
  if (!route && body)
    p.add("review_body", "body_without_route", "只有垂直领导机关和派出机构需要填写复议机关。");
  p.throwIfAny("复议途径未保存，请按提示修改。");
  const after = { review_route: route, review_body: route ? body || null : null };
  await deps.db.kysely.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("orgs")
      .select(["review_route", "review_body"])
      .where("id", "=", org.id)
      .executeTakeFirst();
    await trx
      .updateTable("orgs")
      .set({ ...after, updated_at: deps.clock.now().toISOString() })
      .where("id", "=", org.id)
      .execute();
    await recordAudit(trx, deps.clock, actor, {
      action: "org.review_route",
      entityType: "org",
      entityId: org.id,
      orgId: org.id,
      summary: {
        code: org.code,
        before: { review_route: before?.review_route ?? null, review_body: before?.review_body ?? null },
        after,
      },
    });
  });
  return { code: org.code, route: after.review_route, review_body: after.review_body };
}
