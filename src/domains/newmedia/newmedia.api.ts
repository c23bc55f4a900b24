// /api/v1/newmedia (issue 17 item 3): the registry of government new-media accounts with their alarms, filings
// (开设、变更、关停、整合), activity, the closure or merger decision, and posts reviewed before release.
// Staff only (bearer token). Error responses are added to every operation by src/web/openapi.ts.
import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { shanghaiDateOf } from "../../platform/time";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { actOnPost, draftPost, POST_STATUS_LABELS } from "./newmedia.posts";
import * as repo from "./newmedia.repo";
import {
  decideOnAccount,
  fileChange,
  listAccountsFor,
  loadAccountFor,
  presentAccount,
  recordActivity,
  registerAccount,
} from "./newmedia.service";
import type { PostStatus } from "./newmedia.tables";

const tags = ["newmedia"];
const security = [{ bearerAuth: [] }];
const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const S = (max: number, description?: string) =>
  Type.Optional(Type.String({ maxLength: max, ...(description ? { description } : {}) }));
const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer>>(t: T) =>
  Type.Union([t, Type.Null()]);

const AccountJson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  platform: Type.String({
    description: "wechat_official | weibo | douyin | kuaishou | toutiao | app | other",
  }),
  platform_label: Type.String(),
  org: Type.Object(
    { code: Type.String(), name: Type.String() },
    { description: "the certified owner (主办单位)" },
  ),
  status: Type.String({ description: "open | closed | merged" }),
  last_update_on: Nullable(Type.String()),
  days_since_update: Nullable(Type.Integer()),
  followers: Nullable(Type.Integer()),
  interaction_ok: Type.Boolean(),
  unanswered: Type.Integer(),
  stale: Type.Boolean({ description: "in operation and not updated for two weeks (or never)" }),
  alarms: Type.Array(Type.String()),
  weak: Type.Boolean({ description: "few followers and long unkept: a candidate for closure or merger" }),
});

const AccountDetailJson = Type.Intersect([
  AccountJson,
  Type.Object({
    account_no: Type.String(),
    supervisor: Type.String(),
    operator: Type.String(),
    contact: Type.String(),
    reviewers: Type.String(),
    filing_no: Nullable(Type.String()),
    filed_on: Nullable(Type.String()),
    merged_into: Nullable(Type.String()),
    decision: Nullable(Type.String()),
    filings: Type.Array(
      Type.Object({
        kind: Type.String(),
        filed_on: Type.String(),
        filing_no: Nullable(Type.String()),
        notice: Type.String(),
      }),
    ),
    posts: Type.Array(
      Type.Object({
        id: Type.String(),
        title: Type.String(),
        status: Type.String(),
        status_label: Type.String(),
        released_at: Nullable(Type.String()),
      }),
    ),
  }),
]);

const AccountBody = Type.Object(
  {
    name: Type.String({ maxLength: 100 }),
    platform: Type.String({ maxLength: 30 }),
    account_no: Type.String({ maxLength: 100, description: "the account's id on the platform" }),
    org: Type.String({ maxLength: 50, description: "the owner's (主办单位) code" }),
    supervisor: Type.String({ maxLength: 100, description: "主管单位" }),
    operator: Type.String({ maxLength: 100 }),
    contact: Type.String({ maxLength: 100 }),
    reviewers: Type.String({ maxLength: 200, description: "who reviews posts before release" }),
    filing_no: S(60, "备案编号"),
    filed_on: S(10, "YYYY-MM-DD (default today)"),
    notice: Type.String({ maxLength: 5000, description: "the 开设 notice" }),
  },
  { additionalProperties: false },
);

const FilingBody = Type.Object(
  {
    kind: Type.String({ maxLength: 10, description: "change (变更) | close (关停) | merge (整合)" }),
    notice: Type.String({ maxLength: 5000 }),
    filed_on: S(10),
    merged_into: S(40, "merge: the account it is merged into"),
    name: S(100),
    platform: S(30),
    account_no: S(100),
    supervisor: S(100),
    operator: S(100),
    contact: S(100),
    reviewers: S(200),
    filing_no: S(60),
  },
  { additionalProperties: false },
);

const ActivityBody = Type.Object(
  {
    last_update_on: S(10, "YYYY-MM-DD"),
    followers: Type.Optional(Type.Integer({ minimum: 0 })),
    unanswered: Type.Optional(Type.Integer({ minimum: 0 })),
    interaction_ok: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const PostJson = Type.Object({
  id: Type.String(),
  account_id: Type.String(),
  title: Type.String(),
  status: Type.String({ description: "draft | submitted | approved | rejected | released" }),
  findings: Type.Array(Type.Object({ kind: Type.String(), label: Type.String(), text: Type.String() })),
  review_note: Nullable(Type.String()),
  released_at: Nullable(Type.String()),
});

const presentPost = (p: repo.PostRow) => ({
  id: p.id,
  account_id: p.account_id,
  title: p.title,
  status: p.status,
  findings: JSON.parse(p.findings_json) as Array<{ kind: string; label: string; text: string }>,
  review_note: p.review_note,
  released_at: p.released_at,
});

async function detail(deps: Deps, user: Parameters<typeof loadAccountFor>[1], id: string) {
  const { row, tree } = await loadAccountFor(deps, user, id);
  const today = shanghaiDateOf(deps.clock.now());
  const [filings, posts] = await Promise.all([
    repo.filingsOf(deps.db.kysely, id),
    repo.postsOf(deps.db.kysely, id),
  ]);
  return {
    ...presentAccount(row, tree, today),
    account_no: row.account_no,
    supervisor: row.supervisor,
    operator: row.operator,
    contact: row.contact,
    reviewers: row.reviewers,
    filing_no: row.filing_no,
    filed_on: row.filed_on,
    merged_into: row.merged_into,
    decision: row.decision,
    filings: filings.map((f) => ({
      kind: f.kind,
      filed_on: f.filed_on,
      filing_no: f.filing_no,
      notice: f.notice,
    })),
    posts: posts.map((p) => ({
      id: p.id,
      title: p.title,
      status: p.status,
      status_label: POST_STATUS_LABELS[p.status as PostStatus],
      released_at: p.released_at,
    })),
  };
}

export function registerNewmediaApi(app: AppInstance, deps: Deps): void {
  app.get(
    "/api/v1/newmedia/accounts",
    {
      schema: {
        tags,
        operationId: "listNewmediaAccounts",
        summary:
          "Government new-media accounts the user may see, each with its last update and whether it is stale (no update for two weeks)",
        security,
        response: { 200: Type.Object({ items: Type.Array(AccountJson) }) },
      },
    },
    async (req) => {
      const { rows, tree, today } = await listAccountsFor(deps, requireUser(req));
      return { items: rows.map((r) => presentAccount(r, tree, today)) };
    },
  );

  app.post(
    "/api/v1/newmedia/accounts",
    {
      schema: {
        tags,
        operationId: "registerNewmediaAccount",
        summary: "开设: registers an account with its filing and notice (the office)",
        security,
        body: AccountBody,
        response: { 201: AccountDetailJson },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const row = await registerAccount(deps, user, req.body);
      return reply.status(201).send(await detail(deps, user, row.id));
    },
  );

  app.get(
    "/api/v1/newmedia/accounts/:id",
    {
      schema: {
        tags,
        operationId: "getNewmediaAccount",
        summary: "An account with its registry fields, alarms, filings and posts",
        security,
        params: IdParams,
        response: { 200: AccountDetailJson },
      },
    },
    async (req) => detail(deps, requireUser(req), req.params.id),
  );

  app.post(
    "/api/v1/newmedia/accounts/:id/filings",
    {
      schema: {
        tags,
        operationId: "fileNewmediaChange",
        summary: "变更, 关停 or 整合 with its notice (the office); 409 once closed or merged",
        security,
        params: IdParams,
        body: FilingBody,
        response: { 200: AccountDetailJson },
      },
    },
    async (req) => {
      const user = requireUser(req);
      await fileChange(deps, user, req.params.id, req.body);
      return detail(deps, user, req.params.id);
    },
  );

  app.post(
    "/api/v1/newmedia/accounts/:id/activity",
    {
      schema: {
        tags,
        operationId: "recordNewmediaActivity",
        summary: "Enters an account's last update, followers and interaction",
        security,
        params: IdParams,
        body: ActivityBody,
        response: { 200: AccountDetailJson },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const b = req.body;
      await recordActivity(deps, user, req.params.id, {
        last_update_on: b.last_update_on,
        followers: b.followers === undefined ? undefined : String(b.followers),
        unanswered: b.unanswered === undefined ? undefined : String(b.unanswered),
        interaction_ok: b.interaction_ok === undefined ? undefined : String(b.interaction_ok),
      });
      return detail(deps, user, req.params.id);
    },
  );

  app.post(
    "/api/v1/newmedia/accounts/:id/decision",
    {
      schema: {
        tags,
        operationId: "decideNewmediaAccount",
        summary: "The office's closure or merger decision for a weak account",
        security,
        params: IdParams,
        body: Type.Object({ decision: Type.String({ maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 200: AccountDetailJson },
      },
    },
    async (req) => {
      const user = requireUser(req);
      await decideOnAccount(deps, user, req.params.id, req.body.decision);
      return detail(deps, user, req.params.id);
    },
  );

  app.post(
    "/api/v1/newmedia/accounts/:id/posts",
    {
      schema: {
        tags,
        operationId: "draftNewmediaPost",
        summary: "Drafts a post for the account (reviewed before release)",
        security,
        params: IdParams,
        body: Type.Object(
          { title: Type.String({ maxLength: 200 }), body: Type.String({ maxLength: 20_000 }) },
          { additionalProperties: false },
        ),
        response: { 201: PostJson },
      },
    },
    async (req, reply) =>
      reply.status(201).send(presentPost(await draftPost(deps, requireUser(req), req.params.id, req.body))),
  );

  app.post(
    "/api/v1/newmedia/posts/:id/actions",
    {
      schema: {
        tags,
        operationId: "actOnNewmediaPost",
        summary:
          "submit (scanned by the review engine), approve (another person; no blocking finding), reject (with a note), release (the account's update is recorded)",
        security,
        params: IdParams,
        body: Type.Object(
          { action: Type.String({ maxLength: 20 }), note: Type.Optional(Type.String({ maxLength: 2000 })) },
          { additionalProperties: false },
        ),
        response: { 200: PostJson },
      },
    },
    async (req) => presentPost(await actOnPost(deps, requireUser(req), req.params.id, req.body)),
  );
}
