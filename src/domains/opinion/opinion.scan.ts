// The early-warning pass (issue 17 item 2): the county's own streams — messages, 12345 tickets, applications,
// consultation comments and imported feed entries — read through their domains' index.ts over the window and
// the baseline period, then keyword hits and bursts found (opinion.burst.ts). Each new topic becomes a warning
// with its evidence and opens a draft case, all in one transaction under the site's row lock, so two passes at
// once raise a topic once. `gongkai opinion scan` and the daily job run it.
import type { Actor, Deps, Executor } from "../../deps";
import { newId } from "../../platform/ids";
import type { CurrentUser } from "../accounts";
import { applicationTextsSince } from "../applications";
import { recordAudit } from "../audit";
import { commentTextsSince } from "../consultation";
import { messageTextsSince } from "../interaction";
import { listSites, loadOrgTree } from "../orgs";
import { type FoundTopic, findBursts, findKeywordHits, type StreamText } from "./opinion.burst";
import { authoriseSiteWide } from "./opinion.policy";
import { presentWarning, type WarningView } from "./opinion.present";
import * as repo from "./opinion.repo";
import { openDraftCase } from "./opinion.service";
import { settingsOf } from "./opinion.settings";

const HOUR = 3_600_000;

/** Every text of the site's streams in [since, until). */
export async function streamTexts(
  db: Executor,
  siteId: string,
  since: string,
  until: string,
): Promise<StreamText[]> {
  const [messages, applications, comments, feed] = await Promise.all([
    messageTextsSince(db, siteId, since, until),
    applicationTextsSince(db, siteId, since, until),
    commentTextsSince(db, siteId, since, until),
    repo.feedTextsSince(db, siteId, since, until),
  ]);
  return [
    ...messages.map((m) => ({
      type: m.channel === "hotline" ? "hotline_ticket" : "message",
      id: m.id,
      text: `${m.title}\n${m.body}`,
      at: m.created_at,
    })),
    ...applications.map((a) => ({ type: "application", id: a.id, text: a.description, at: a.submitted_at })),
    ...comments.map((c) => ({ type: "comment", id: c.id, text: c.body, at: c.created_at })),
    ...feed.map((f) => ({ type: "feed", id: f.id, text: `${f.title}\n${f.body}`, at: f.published_at })),
  ];
}

/** One pass over a site now: the warnings it raised (each with the draft case it opened). */
export async function scanSite(deps: Deps, actor: Actor, siteId: string): Promise<WarningView[]> {
  const db = deps.db.kysely;
  const now = deps.clock.now();
  const settings = await settingsOf(db, siteId);
  const opts = {
    now,
    windowHours: settings.window_hours,
    baselineDays: settings.baseline_days,
    ratio: settings.burst_ratio,
    min: settings.burst_min,
  };
  const windowStart = new Date(now.getTime() - opts.windowHours * HOUR).toISOString();
  const since = new Date(
    now.getTime() - opts.windowHours * HOUR - opts.baselineDays * 24 * HOUR,
  ).toISOString();
  const texts = await streamTexts(db, siteId, since, now.toISOString());
  const keywords = (await repo.listKeywords(db, siteId)).map((k) => k.word);
  const found: FoundTopic[] = [...findKeywordHits(texts, keywords, opts), ...findBursts(texts, opts)];
  const tree = await loadOrgTree(deps, siteId);
  const root = tree.roots(siteId)[0];
  if (!found.length || !root) return [];
  const raisedAt = now.toISOString();
  return db.transaction().execute(async (trx) => {
    await repo.lockSite(trx, deps.db.dialect, siteId);
    const known = await repo.warnedKeysSince(trx, siteId, windowStart);
    const out: WarningView[] = [];
    for (const f of found) {
      if (known.has(f.key)) continue;
      known.add(f.key);
      const row: repo.WarningRow = {
        id: newId(),
        site_id: siteId,
        kind: f.kind,
        topic: f.topic,
        topic_key: f.key,
        count: f.count,
        baseline: f.baseline,
        window_hours: f.window_hours,
        evidence_json: JSON.stringify(f.evidence),
        raised_at: raisedAt,
        case_id: null,
      };
      await repo.insertWarning(trx, row);
      await recordAudit(trx, deps.clock, actor, {
        action: "opinion.warning_raise",
        entityType: "opinion_warning",
        entityId: row.id,
        summary: { topic: f.topic, count: f.count, baseline: f.baseline },
      });
      row.case_id = await openDraftCase(trx, deps, actor, row, root.id);
      out.push(presentWarning(row));
    }
    return out;
  });
}

/** The scheduled pass: every site. */
export async function scanAllSites(deps: Deps, actor: Actor): Promise<WarningView[]> {
  const out: WarningView[] = [];
  for (const s of await listSites(deps)) out.push(...(await scanSite(deps, actor, s.id)));
  return out;
}

/** A pass asked for by the office (the back office's 立即扫描). */
export async function scanNow(deps: Deps, user: CurrentUser, actor: Actor) {
  authoriseSiteWide(user, "opinion.manage", await loadOrgTree(deps, user.siteId));
  return scanSite(deps, actor, user.siteId);
}

export async function listWarningsFor(deps: Deps, user: CurrentUser): Promise<WarningView[]> {
  authoriseSiteWide(user, "opinion.view", await loadOrgTree(deps, user.siteId));
  return (await repo.listWarnings(deps.db.kysely, user.siteId)).map(presentWarning);
}
