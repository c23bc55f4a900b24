import { afterAll, beforeAll, expect, it } from "vitest";
import { systemActor } from "../src/deps";
import * as applications from "../src/domains/applications/applications.repo";
import * as archive from "../src/domains/applications/archive/archive.repo";
import { recordAudit } from "../src/domains/audit";
import * as audit from "../src/domains/audit/audit.repo";
import * as messages from "../src/domains/interaction/messages.repo";
import { newId } from "../src/platform/ids";
import { type Cursor, encodeCursor, type Page, type PageRequest } from "../src/platform/paging";
import type { AppInstance } from "../src/web/types";
import { bearer, buildTestApp, tokenFor } from "./helpers/app";
import { describeEachDialect } from "./helpers/db";

// Issue 19 part 7 for the staff applications queues, the messages lists (public and staff), the audit log and the
// applications archive: walked by cursor, forwards and backwards, each list shows every row once in its order,
// ties on the sort key included; pages by number agree; the pages follow their own "next" links to the end; a
// garbled or forged cursor is a 400 bad_cursor and a page number past MAX_OFFSET a 400 page_too_deep, never a 5xx.
describeEachDialect("keyset paging of the applications, messages, audit and archive lists", (ctx) => {
  let app: AppInstance;
  let token: string;
  let siteId: string;
  let orgIds: string[];
  const N = 123;
  /** More applications than the staff API's 200 a call. */
  const NA = 230;
  // Few distinct instants and days: most rows tie on the sort key.
  const instant = (i: number) => `2032-0${1 + (i % 3)}-0${1 + (i % 2)}T09:00:00.000Z`;
  const day = (i: number) => instant(i).slice(0, 10);
  const k = () => ctx.deps.db.kysely;

  beforeAll(async () => {
    app = await buildTestApp(ctx);
    token = await tokenFor(ctx, "demo-office");
    siteId = (
      await k().selectFrom("sites").select("id").where("code", "=", "guyang").executeTakeFirstOrThrow()
    ).id;
    orgIds = (
      await k().selectFrom("orgs").select("id").where("site_id", "=", siteId).orderBy("code").execute()
    ).map((o) => o.id);
    const user = (await k().selectFrom("users").select("id").executeTakeFirstOrThrow()).id;
    const tag = newId().slice(-6);
    const apps = Array.from({ length: NA }, (_, i) => ({
      id: newId(),
      site_id: siteId,
      tracking_code: `PG${tag}${String(i).padStart(4, "0")}`,
      secret_hash: "x",
      channel: "online",
      status: i % 3 === 0 ? "replied" : "handling",
      applicant_type: "natural",
      applicant_name: `分页申请人 ${i}`,
      description: "分页测试",
      delivery: "online",
      carrier: "electronic",
      submitted_at: instant(i),
      received_on: day(i),
      org_id: i % 4 === 0 ? null : orgIds[1 + (i % 2)]!,
      correction_used: 0,
      extended_days: 0,
      replied_on: i % 3 === 0 ? "2032-04-01" : null,
      outcome: i % 3 === 0 ? "disclose" : null,
      created_at: instant(i),
      updated_at: instant(i),
    }));
    await k().insertInto("applications").values(apps).execute();
    await k()
      .insertInto("application_archive")
      .values(
        apps
          .filter((_, i) => i % 3 === 0)
          .map((a, j) => ({
            id: newId(),
            application_id: a.id,
            site_id: siteId,
            status: j % 5 === 0 ? "withdrawn" : "published",
            summary: `分页选登 ${j}`,
            reply_summary: null,
            applicant_type: "natural",
            received_on: a.received_on,
            replied_on: `2032-0${1 + (j % 2)}-15`,
            outcome: "disclose",
            org_id: a.org_id,
            org_name: "县政府办公室",
            published_at: "2032-05-01T00:00:00.000Z",
            published_by: user,
            created_at: "2032-05-01T00:00:00.000Z",
            updated_at: "2032-05-01T00:00:00.000Z",
          })),
      )
      .execute();
    await k()
      .insertInto("messages")
      .values(
        Array.from({ length: N }, (_, i) => ({
          id: newId(),
          site_id: siteId,
          tracking_code: `PM${tag}${String(i).padStart(4, "0")}`,
          secret_hash: "x",
          type: i % 2 ? "consult" : "suggest",
          channel: "online",
          status: i % 3 === 0 ? "replied" : "received",
          title: `分页留言 ${i}`,
          body: "正文",
          wants_public: 1,
          private: i % 7 === 0 ? 1 : 0,
          received_on: day(i),
          published_at: i % 3 === 0 ? instant(i + 1) : null,
          qa_title: i % 3 === 0 ? `分页问答 ${i}` : null,
          qa_question: i % 3 === 0 ? "问" : null,
          qa_answer: i % 3 === 0 ? "答" : null,
          created_at: instant(i),
          updated_at: instant(i),
        })),
      )
      .execute();
    await k()
      .transaction()
      .execute(async (trx) => {
        for (let i = 0; i < N; i++)
          await recordAudit(trx, ctx.deps.clock, systemActor("测试"), {
            action: "item.reject",
            entityType: "item",
            entityId: `paging-${i}`,
            orgId: orgIds[1]!,
            summary: { note: `分页 ${i}` },
          });
      });
    // The demo county's seed takes minutes on a loaded machine.
  }, 600_000);
  afterAll(async () => app?.close());

  /** Walks a list by its "next" cursors, then back by its "previous" cursors: the pages, both ways. */
  async function walk<R>(size: number, read: (req: PageRequest) => Promise<Page<R>>, idOf: (r: R) => string) {
    const pages: string[][] = [];
    let req: PageRequest = { size, page: 1 };
    let last: Page<R>;
    for (;;) {
      last = await read(req);
      pages.push(last.rows.map(idOf));
      expect(last.page).toBe(pages.length);
      if (!last.next) break;
      req = { size, page: last.next.page, cursor: last.next };
    }
    const back: string[][] = [last.rows.map(idOf)];
    let prev: Cursor | undefined = last.prev;
    while (prev) {
      const p = await read({ size, page: prev.page, cursor: prev });
      back.unshift(p.rows.map(idOf));
      prev = p.prev;
    }
    // A page by number is the same page as by cursor.
    if (pages.length > 2) expect((await read({ size, page: 3 })).rows.map(idOf)).toEqual(pages[2]);
    return { pages, back };
  }

  const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);

  it("walks the staff applications queues by cursor: site, status, organisations", async () => {
    for (const f of [
      { siteId },
      { siteId, statuses: ["replied"] },
      { siteId, statuses: ["submitted", "handling"] },
      { siteId, scope: { orgIds: [orgIds[1]!], unassigned: true } },
    ] satisfies applications.ApplicationFilter[]) {
      // Independently of the repository's paging: every row, ordered by (submitted_at, id) newest first.
      let q = k()
        .selectFrom("applications")
        .select("id")
        .where("site_id", "=", siteId)
        .orderBy("submitted_at", "desc")
        .orderBy("id", "desc");
      const { statuses, scope } = f as applications.ApplicationFilter;
      if (statuses) q = q.where("status", "in", statuses);
      if (scope) q = q.where((eb) => eb.or([eb("org_id", "in", scope.orgIds), eb("org_id", "is", null)]));
      const want = ids(await q.execute());
      expect(want.length).toBeGreaterThan(30);
      const { pages, back } = await walk(
        7,
        (r) => applications.pageApplications(k(), f, r),
        (r) => r.id,
      );
      expect(pages.flat()).toEqual(want);
      expect(back).toEqual(pages);
      expect(await applications.countApplicationsCapped(k(), f)).toEqual({ n: want.length, capped: false });
    }
  });

  it("walks the messages lists by cursor: staff (by day received) and public (by publication)", async () => {
    for (const f of [{ siteId }, { siteId, status: "replied" }] satisfies messages.ListFilter[]) {
      let q = k()
        .selectFrom("messages")
        .select("id")
        .where("site_id", "=", siteId)
        .orderBy("received_on", "desc")
        .orderBy("id", "desc");
      if (f.status) q = q.where("status", "=", f.status);
      const want = ids(await q.execute());
      const { pages, back } = await walk(
        9,
        (r) => messages.pageMessages(k(), f, r),
        (r) => r.id,
      );
      expect(pages.flat()).toEqual(want);
      expect(back).toEqual(pages);
      expect(await messages.countMessagesCapped(k(), f)).toEqual({ n: want.length, capped: false });
    }
    for (const f of [{ siteId }, { siteId, type: "consult" }] satisfies messages.PublishedFilter[]) {
      let q = k()
        .selectFrom("messages")
        .select("id")
        .where("site_id", "=", siteId)
        .where("published_at", "is not", null)
        .where("private", "=", 0)
        .orderBy("published_at", "desc")
        .orderBy("id", "desc");
      if (f.type) q = q.where("type", "=", f.type);
      const want = ids(await q.execute());
      expect(want.length).toBeGreaterThan(15);
      const { pages, back } = await walk(
        4,
        (r) => messages.pagePublished(k(), f, r),
        (r) => r.id,
      );
      expect(pages.flat()).toEqual(want);
      expect(back).toEqual(pages);
    }
  });

  it("walks the archive and the audit log by cursor", async () => {
    for (const f of [{ siteId }, { siteId, status: "published" }] satisfies archive.ArchiveFilter[]) {
      let q = k()
        .selectFrom("application_archive")
        .select("id")
        .where("site_id", "=", siteId)
        .orderBy("replied_on", "desc")
        .orderBy("id", "desc");
      if (f.status) q = q.where("status", "=", f.status);
      const want = ids(await q.execute());
      const { pages, back } = await walk(
        5,
        (r) => archive.pageArchive(k(), f, r),
        (r) => r.id,
      );
      expect(pages.flat()).toEqual(want);
      expect(back).toEqual(pages);
    }
    const want = (
      await k()
        .selectFrom("audit_log")
        .select("seq")
        .where("action", "=", "item.reject")
        .orderBy("seq", "desc")
        .execute()
    ).map((r) => Number(r.seq));
    expect(want.length).toBeGreaterThanOrEqual(N);
    const { pages, back } = await walk(
      10,
      (r) => audit.pageEntries(k(), { actions: ["item.reject"] }, undefined, r),
      (r) => String(r.seq),
    );
    expect(pages.flat().map(Number)).toEqual(want);
    expect(back).toEqual(pages);
  });

  /** Follows a page's own rel="next" links to the end, collecting what `pick` finds on each page. */
  async function follow(url: string, pick: RegExp, auth: boolean) {
    const seen: string[] = [];
    let pages = 0;
    for (let next = url; next; pages++) {
      expect(pages, next).toBeLessThan(60);
      const res = await app.inject({ url: next, headers: auth ? bearer(token) : {} });
      expect(res.statusCode, next).toBe(200);
      seen.push(...[...res.body.matchAll(pick)].map((m) => m[1]!));
      next = /href="([^"]+)" rel="next"/.exec(res.body)?.[1]?.replaceAll("&amp;", "&") ?? "";
    }
    return { seen, pages };
  }

  it("serves each page after page by its own next links", async () => {
    const uuid = "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})";
    const appsWant = ids(
      await k()
        .selectFrom("applications")
        .select("id")
        .where("site_id", "=", siteId)
        .orderBy("submitted_at", "desc")
        .orderBy("id", "desc")
        .execute(),
    );
    const queue = await follow(
      "/admin/applications?queue=all",
      new RegExp(`href="/admin/applications/${uuid}"`, "g"),
      true,
    );
    expect(queue.seen).toEqual(appsWant);
    expect(queue.pages).toBeGreaterThan(2);

    const qaWant = ids(
      await k()
        .selectFrom("messages")
        .select("id")
        .where("site_id", "=", siteId)
        .where("published_at", "is not", null)
        .where("private", "=", 0)
        .orderBy("published_at", "desc")
        .orderBy("id", "desc")
        .execute(),
    );
    const qa = await follow("/hd/messages", new RegExp(`href="/hd/messages/${uuid}"`, "g"), false);
    expect(qa.seen).toEqual(qaWant);

    const staffWant = ids(
      await k()
        .selectFrom("messages")
        .select("id")
        .where("site_id", "=", siteId)
        .orderBy("received_on", "desc")
        .orderBy("id", "desc")
        .execute(),
    );
    const staff = await follow("/admin/messages", new RegExp(`href="/admin/messages/${uuid}"`, "g"), true);
    expect(staff.seen).toEqual(staffWant);

    const archived = await k()
      .selectFrom("application_archive")
      .select(["id", "application_id", "status"])
      .where("site_id", "=", siteId)
      .orderBy("replied_on", "desc")
      .orderBy("id", "desc")
      .execute();
    const pub = await follow("/hd/archive", new RegExp(`href="/hd/archive/${uuid}"`, "g"), false);
    expect(pub.seen).toEqual(archived.filter((a) => a.status === "published").map((a) => a.id));
    const back = await follow(
      "/admin/applications/archive",
      new RegExp(`href="/admin/applications/${uuid}"`, "g"),
      true,
    );
    expect(back.seen).toEqual(archived.map((a) => a.application_id));

    const log = await follow("/admin/audit?action=item.reject", /<td>(\d+)<\/td>/g, true);
    const seqs = (
      await k()
        .selectFrom("audit_log")
        .select("seq")
        .where("action", "=", "item.reject")
        .orderBy("seq", "desc")
        .execute()
    ).map((r) => String(r.seq));
    expect(log.seen).toEqual(seqs);
    expect(log.pages).toBeGreaterThan(2);
  });

  it("answers a deep cursor, and refuses garbled cursors and too-deep page numbers with a 400", async () => {
    const deep = encodeCursor({ key: "2032-02-01T09:00:00.000Z", id: "zzzz", dir: "after", page: 9000 });
    const res = await app.inject({
      url: `/admin/applications?queue=all&cursor=${deep}`,
      headers: bearer(token),
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("第 9000 页");
    const garbled = Buffer.from("[1,2,3]").toString("base64url");
    // The audit log's key is a sequence number: a cursor with any other key is as bad as a garbled one.
    const textKey = encodeCursor({ key: "2032-01-01", id: "7", dir: "after", page: 2 });
    for (const [path, auth] of [
      ["/admin/applications?queue=all", true],
      ["/admin/applications?queue=replied", true],
      ["/admin/messages", true],
      ["/hd/messages", false],
      ["/admin/audit", true],
      ["/hd/archive", false],
      ["/admin/applications/archive", true],
    ] as const) {
      const sep = path.includes("?") ? "&" : "?";
      for (const [q, code, text] of [
        ["cursor=not-a-cursor!", "bad_cursor", "翻页链接无效"],
        [`cursor=${garbled}`, "bad_cursor", "翻页链接无效"],
        ["page=502", "page_too_deep", "页码过大"],
        ...(path === "/admin/audit" ? [[`cursor=${textKey}`, "bad_cursor", "翻页链接无效"] as const] : []),
      ] as const) {
        const url = `${path}${sep}${q}`;
        const r = await app.inject({ url, headers: auth ? bearer(token) : {} });
        expect(r.statusCode, url).toBe(400);
        expect(r.body, url).toContain(text);
        expect(r.body, url).toContain(`data-error-code="${code}"`);
      }
    }
  });

  it("lists the staff API's applications 200 a call, with next_cursor for more", async () => {
    const want = ids(
      await k()
        .selectFrom("applications")
        .select("id")
        .where("site_id", "=", siteId)
        .orderBy("submitted_at", "desc")
        .orderBy("id", "desc")
        .execute(),
    );
    expect(want.length).toBeGreaterThan(200);
    const seen: string[] = [];
    let url = "/api/v1/applications";
    for (let calls = 0; url; calls++) {
      expect(calls).toBeLessThan(5);
      const res = await app.inject({ url, headers: bearer(token) });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: Array<{ id: string }>; next_cursor?: string };
      expect(body.items.length).toBeLessThanOrEqual(200);
      seen.push(...ids(body.items));
      url = body.next_cursor ? `/api/v1/applications?cursor=${body.next_cursor}` : "";
    }
    expect(seen).toEqual(want);
    const bad = await app.inject({ url: "/api/v1/applications?cursor=%21", headers: bearer(token) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: "bad_cursor" } });
  });
});
