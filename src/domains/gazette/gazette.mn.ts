// The Mongolian version of a gazette issue (政府公报, issue 18 part 1): the issue as the Mongolian domain
// translates it (a heading and the issue's documents). Its fingerprint covers the issue's number and every
// document's title, 文号 and text, so a changed document marks the translation outdated; the gazette policy
// (gazette.view / compile / review on the compiling office) decides who drafts and approves it.
import type { Executor } from "../../deps";
import type { MnKind, MnSource } from "../mongolian";
import { authoriseIssue, type GazetteAction, issueNotFound } from "./gazette.policy";
import * as repo from "./gazette.repo";

async function source(db: Executor, r: repo.IssueRow): Promise<MnSource> {
  const entries = await repo.listEntries(db, [r.id]);
  return {
    id: r.id,
    siteId: r.site_id,
    orgId: r.org_id,
    title: `${r.year}年第${r.number ?? "—"}期`,
    texts: [r.note ?? "", ...entries.flatMap((e) => [e.title, e.doc_number ?? "", e.body_text])],
    version: null,
    publicPath: r.status === "released" ? `/gb/issues/${r.id}` : null,
    publishedAt: r.released_at,
  };
}

export const GAZETTE_MN: MnKind = {
  type: "gazette_issue",
  label: "政府公报",
  what: "a gazette issue (政府公报)",
  actions: { view: "gazette.view", draft: "gazette.compile", review: "gazette.review" },
  authorise: (user, action, row, tree) => authoriseIssue(user, action as GazetteAction, row, tree),
  missing: issueNotFound,
  find: async (db, id) => {
    const r = await repo.findIssue(db, id);
    return r && source(db, r);
  },
  lock: async (trx, engine, id) => {
    const r = await repo.lockIssue(trx, engine, id);
    return r && source(trx, r);
  },
  adminPath: (id) => `/admin/gazette/${id}`,
  editorPath: (id) => `/admin/gazette/${id}/mn`,
  apiPath: "/api/v1/gazette/issues/:id/mn",
};
