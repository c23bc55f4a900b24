import type { Deps } from "../../deps";
import { getOrg } from "../orgs";
import { listPublicAttachments } from "./attachments";
import { isPublic } from "./publishing.present";
import * as repo from "./publishing.repo";

/** Loads what an item page shows; everything the view needs, so rendering does no I/O. */
export async function loadItemPage(deps: Deps, id: string) {
  const db = deps.db.kysely;
  const item = await repo.findItem(db, id);
  if (!item || !isPublic(item)) return undefined;
  const [org, interpretations, policy, versions, replacement, attachments] = await Promise.all([
    getOrg(deps, item.org_id),
    ["policy", "normative"].includes(item.kind) ? repo.interpretationsOf(db, item.id) : Promise.resolve([]),
    item.interprets_id ? repo.findItem(db, item.interprets_id) : Promise.resolve(undefined),
    repo.versionsOf(db, item.lineage_id),
    item.replaced_by_id ? repo.findItem(db, item.replaced_by_id) : Promise.resolve(undefined),
    listPublicAttachments(deps, item.id),
  ]);
  return {
    item,
    orgName: org?.name ?? "",
    interpretations: interpretations.filter((i) => i.status === "published"),
    policy: policy && isPublic(policy) ? policy : undefined,
    latest: versions.filter((v) => v.status === "published").at(-1),
    replacement: replacement && isPublic(replacement) ? replacement : undefined,
    attachments,
  };
}

export type ItemPageData = NonNullable<Awaited<ReturnType<typeof loadItemPage>>>;
