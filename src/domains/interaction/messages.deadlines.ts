// Each site's answer limits per message type, in working days (defaults in messages.steps.ts). A change
// applies to messages received afterwards: a running clock keeps the limit it started with.
import type { Deps, Executor } from "../../deps";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree } from "../orgs";
import { authoriseDeadlineSettings, messageScope } from "./interaction.policy";
import { ALL_TYPES, type DeadlinesInput, type MessageType } from "./interaction.schemas";
import * as repo from "./messages.repo";
import { DEFAULT_DEADLINES } from "./messages.steps";

export type Deadlines = Record<MessageType, number>;

/** The limits in force for a site (its settings over the defaults). */
export async function deadlinesOfSite(db: Executor, siteId: string): Promise<Deadlines> {
  const out: Deadlines = { ...DEFAULT_DEADLINES };
  for (const r of await repo.deadlinesOf(db, siteId)) {
    if ((ALL_TYPES as readonly string[]).includes(r.type)) out[r.type as MessageType] = r.days;
  }
  return out;
}

/** Read by the site's message staff. */
export async function getMessageDeadlines(deps: Deps, user: CurrentUser): Promise<Deadlines> {
  messageScope(user, await loadOrgTree(deps, user.siteId));
  return deadlinesOfSite(deps.db.kysely, user.siteId);
}

/** Changed by the office at the site root; audited with the old and new limits. */
export async function setMessageDeadlines(
  deps: Deps,
  user: CurrentUser,
  input: DeadlinesInput,
): Promise<Deadlines> {
  authoriseDeadlineSettings(user, await loadOrgTree(deps, user.siteId));
  const at = deps.clock.now().toISOString();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const before = await deadlinesOfSite(trx, user.siteId);
    for (const t of ALL_TYPES) await repo.upsertDeadline(trx, user.siteId, t, input[t], at);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "message.deadlines",
      entityType: "site",
      entityId: user.siteId,
      siteId: user.siteId,
      summary: { before, after: { ...input } },
    });
    return { ...input };
  });
}
