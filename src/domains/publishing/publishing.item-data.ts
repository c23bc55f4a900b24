import type { Deps } from "../../deps";
import { getOrg } from "../orgs";
import { listPublicAttachments } from "./attachments";
import { itemMongolian } from "./mn-port";
import { isPublic } from "./publishing.present";
import * as repo from "./publishing.repo";

/** Loads what an item page shows; everything the view needs, so rendering does no I/O. */
export async function loadItemPage(deps: Deps, id: string) {
  const db = deps.db.kysely;
  const item = await repo.findItem(db, id);
  if (!item || !isPublic(item)) return undefined;
  const [org, interpretations, policy, versions, replacement, attachments, mn] = await Promise.all([
    getOrg(deps, item.org_id),
    ["policy", "normative"].includes(item.kind) ? repo.interpretationsOf(db, item.id) : Promise.resolve([]),
    item.interprets_id ? repo.findItem(db, item.interprets_id) : Promise.resolve(undefined),
    repo.versionsOf(db, item.lineage_id),
    item.replaced_by_id ? repo.findItem(db, item.replaced_by_id) : Promise.resolve(undefined),
    listPublicAttachments(deps, item.id),
    itemMongolian(db, [item]),
  ]);
  return {
    item,
    orgName: org?.name ?? "",
    interpretations: interpretations.filter((i) => i.status === "published"),
    policy: policy && isPublic(policy) ? policy : undefined,
    latest: versions.filter((v) => v.status === "published").at(-1),
    replacement: replacement && isPublic(replacement) ? replacement : undefined,
    attachments,
    /** The approved Mongolian version (src/domains/mongolian), when there is one. */
    mn: mn.get(item.id),
  };
}

export type ItemPageData = NonNullable<Awaited<ReturnType<typeof loadItemPage>>>;
