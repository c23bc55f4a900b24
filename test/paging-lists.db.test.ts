import { afterAll, beforeAll, expect, it } from "vitest";
import * as consultations from "../src/domains/consultation/consultation.repo";
import * as gazette from "../src/domains/gazette/gazette.repo";
import * as meetings from "../src/domains/meetings/meetings.repo";
import * as services from "../src/domains/services/services.repo";
import { newId } from "../src/platform/ids";
import { type Cursor, encodeCursor, type Page, type PageRequest } from "../src/platform/paging";
import type { AppInstance } from "../src/web/types";
import { bearer, buildTestApp, tokenFor } from "./helpers/app";
import { describeEachDialect } from "./helpers/db";

// Issue 19 part 7 for the gazette, meetings, consultation and services lists: walked by cursor, forwards and
// backwards, each list shows every row once in its order, ties on the sort key included; pages by number agree;
// the public and staff pages follow their own "next" links; a garbled cursor is a 400 bad_cursor, never a 5xx.
describeEachDialect("keyset paging of the gazette, meetings, consultation and services lists", (ctx) => {
  let app: AppInstance;
  let siteId: string;
  let orgIds: string[];
  let orgCodes: string[];
  let user: string;
  const N = 57;
  const at = (i: number) => `2032-0${1 + (i % 3)}-0${1 + (i % 2)}T09:00:00.000Z`;

  beforeAll(async () => {
    app = await buildTestApp(ctx, { services: true });
    const k = ctx.deps.db.kysely;
    siteId = (await k.selectFrom("sites").select("id").where("code", "=", "guyang").executeTakeFirstOrThrow())
      .id;
    const orgs = await k
      .selectFrom("orgs")
      .select(["id", "code"])
      .where("site_id", "=", siteId)
      .orderBy("code")
      .execute();
    // The county government first (the gazette's database lists its documents by issuing body), then the others.
    orgs.sort((a, b) => Number(b.code === "gyx") - Number(a.code === "gyx"));
    orgIds = orgs.map((o) => o.id);
    orgCodes = orgs.map((o) => o.code);
    user = (await k.selectFrom("users").select("id").executeTakeFirstOrThrow()).id;
    // Few distinct start instants and first days: most rows tie on the sort key.
    await k
      .insertInto("meetings")
      .values(
        Array.from({ length: N }, (_, i) => ({
          id: newId(),
          site_id: siteId,
          org_id: orgIds[i % 2]!,
          title: `分页会议 ${i}`,
          kind: "executive",
          starts_at: at(i),
          place: "县政府三楼会议室",
          agenda_json: "[]",
          apply_opens_on: "2031-12-01",
          apply_closes_on: "2031-12-20",
          seats: 5,
          application_count: 0,
          approved_count: 0,
          status: "announced",
          announced_at: i % 5 === 0 ? null : "2031-12-01T00:00:00.000Z",
          created_by: user,
          created_at: "2031-12-01T00:00:00.000Z",
          updated_at: "2031-12-01T00:00:00.000Z",
        })),
      )
      .execute();
    await k
      .insertInto("consultations")
      .values(
        Array.from({ length: N }, (_, i) => ({
          id: newId(),
          site_id: siteId,
          org_id: orgIds[i % 2]!,
          title: `分页征求意见 ${i}`,
          draft_html: "<p>草案</p>",
          draft_text: "草案",
          major: 0,
          start_on: at(i).slice(0, 10),
          end_on: "2032-04-30",
          status: i % 4 === 0 ? "draft" : "open",
          comment_count: 0,
          created_by: user,
          created_at: "2031-12-01T00:00:00.000Z",
          updated_at: "2031-12-01T00:00:00.000Z",
        })),
      )
      .execute();
    await k
      .insertInto("service_items")
      .values(
        Array.from({ length: 90 }, (_, i) => ({
          id: newId(),
          site_id: siteId,
          org_id: orgIds[i % 2]!,
          code: `PAGING-${i}`,
          impl_code: `11150222PAGING-${String((i * 37) % 101).padStart(4, "0")}`,
          name: `分页事项 ${i}`,
          type: "行政许可",
          level: "县",
          life_events: ",",
          online_depth: 4,
          visits: 0,
          status: i % 6 === 0 ? "draft" : "published",
          version: 1,
          content_json: "{}",
          published_at: i % 6 === 0 ? null : "2031-12-01T00:00:00.000Z",
          created_by: user,
          created_at: "2031-12-01T00:00:00.000Z",
          updated_at: "2031-12-01T00:00:00.000Z",
        })),
      )
      .execute();
    // Six released issues of ten documents each, and drafts of the same years.
    for (let n = 0; n < 22; n++) {
      const issue = newId();
      const released = n < 6;
      await k
        .insertInto("gazette_issues")
        .values({
          id: issue,
          site_id: siteId,
          org_id: orgIds[0]!,
          source: "compiled",
          status: released ? "released" : "draft",
          year: 2032 + (n % 2),
          number: released ? 900 + n : null,
          total_number: released ? 9000 + n : null,
          published_on: released ? "2032-03-01" : null,
          created_at: "2032-03-01T00:00:00.000Z",
          updated_at: "2032-03-01T00:00:00.000Z",
        })
        .execute();
      if (!released) continue;
      await k
        .insertInto("gazette_entries")
        .values(
          Array.from({ length: 10 }, (_, i) => ({
            id: newId(),
            issue_id: issue,
            position: 10 - i,
            category: "government_normative",
            org_id: orgIds[0]!,
            org_name: "分页机关",
            title: `分页公报文件 ${n}-${i}`,
            body_text: "正文",
          })),
        )
        .execute();
    }
    // The demo county's seed takes minutes on a loaded machine.
  }, 600_000);
  afterAll(async () => app?.close());

  /** Every page by "next" cursors, then back by "previous" cursors: the flat list and the pages both ways. */
  async function walk<R extends { id: string }>(read: (req: PageRequest) => Promise<Page<R>>, size: number) {
    const pages: string[][] = [];
    let req: PageRequest = { size, page: 1 };
    let last: Page<R>;
    for (;;) {
      last = await read(req);
      pages.push(last.rows.map((r) => r.id));
      expect(last.page).toBe(pages.length);
      if (!last.next) break;
      req = { size, page: last.next.page, cursor: last.next };
    }
    const back: string[][] = [last.rows.map((r) => r.id)];
    let prev: Cursor | undefined = last.prev;
    while (prev) {
      const p = await read({ size, page: prev.page, cursor: prev });
      back.unshift(p.rows.map((r) => r.id));
      prev = p.prev;
    }
    expect(back).toEqual(pages);
    const third = await read({ size, page: 3 });
    expect(third.rows.map((r) => r.id)).toEqual(pages[2]);
    return pages.flat();
  }

  const desc = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);

  it("walks the public and staff meetings lists by cursor, each row once, latest start first", async () => {
    const k = ctx.deps.db.kysely;
    for (const filter of [
      { siteId, announcedOnly: true },
      { siteId },
      { siteId, orgIds: [orgIds[1]!] },
    ] as meetings.ListFilter[]) {
      let q = k.selectFrom("meetings").select(["id", "starts_at"]).where("site_id", "=", siteId);
      if (filter.announcedOnly) q = q.where("announced_at", "is not", null);
      if (filter.orgIds) q = q.where("org_id", "in", filter.orgIds);
      const want = (await q.execute())
        .sort((a, b) => desc(a.starts_at, b.starts_at) || desc(a.id, b.id))
        .map((r) => r.id);
      expect(want.length).toBeGreaterThan(20);
      expect(await walk((req) => meetings.pageMeetings(k, filter, req), 7)).toEqual(want);
      expect(await meetings.countMeetingsCapped(k, filter)).toEqual({ n: want.length, capped: false });
    }
  });

  it("walks the consultations list by cursor, latest first day first", async () => {
    const k = ctx.deps.db.kysely;
    const filter = { siteId, statuses: consultations.PUBLIC_STATUSES };
    const want = (
      await k
        .selectFrom("consultations")
        .select(["id", "start_on"])
        .where("site_id", "=", siteId)
        .where("status", "in", [...consultations.PUBLIC_STATUSES])
        .execute()
    )
      .sort((a, b) => desc(a.start_on, b.start_on) || desc(a.id, b.id))
      .map((r) => r.id);
    expect(want.length).toBeGreaterThan(20);
    expect(await walk((req) => consultations.pageConsultations(k, filter, req), 6)).toEqual(want);
    expect(await consultations.countConsultationsCapped(k, filter)).toEqual({
      n: want.length,
      capped: false,
    });
  });

  it("walks the services list by cursor in implementation-code order, smallest first", async () => {
    const k = ctx.deps.db.kysely;
    for (const filter of [
      { siteId, statuses: ["published"] },
      { siteId, statuses: ["published"], orgIds: [orgIds[0]!] },
      { siteId },
    ] as services.ItemFilter[]) {
      let q = k.selectFrom("service_items").select(["id", "impl_code"]).where("site_id", "=", siteId);
      if (filter.statuses) q = q.where("status", "in", [...filter.statuses]);
      if (filter.orgIds) q = q.where("org_id", "in", [...filter.orgIds]);
      const want = (await q.execute())
        .sort((a, b) => -desc(a.impl_code, b.impl_code) || -desc(a.id, b.id))
        .map((r) => r.id);
      expect(want.length).toBeGreaterThan(20);
      expect(await walk((req) => services.pageItems(k, filter, req), 8)).toEqual(want);
      expect(await services.countItemsCapped(k, filter)).toEqual({ n: want.length, capped: false });
    }
  });

  it("counts the /fw statistics and the implementing organisations in the database, as a read of every item would", async () => {
    const k = ctx.deps.db.kysely;
    const all = await k
      .selectFrom("service_items")
      .select(["org_id", "online_depth", "visits"])
      .where("site_id", "=", siteId)
      .where("status", "=", "published")
      .execute();
    expect(await services.onlineStatistics(k, siteId)).toEqual({
      total: all.length,
      fully_online: all.filter((r) => Number(r.online_depth) === 4).length,
      zero_visit: all.filter((r) => Number(r.visits) === 0).length,
      one_visit: all.filter((r) => Number(r.visits) <= 1).length,
    });
    expect((await services.implementingOrgIds(k, siteId)).sort()).toEqual(
      [...new Set(all.map((r) => r.org_id))].sort(),
    );
    expect(await services.onlineStatistics(k, "no-such-site")).toEqual({
      total: 0,
      fully_online: 0,
      zero_visit: 0,
      one_visit: 0,
    });
  });

  it("walks the gazette's issues and released documents by cursor", async () => {
    const k = ctx.deps.db.kysely;
    const issues = (
      await k.selectFrom("gazette_issues").select(["id", "year"]).where("site_id", "=", siteId).execute()
    )
      .sort((a, b) => Number(b.year) - Number(a.year) || desc(a.id, b.id))
      .map((r) => r.id);
    expect(issues.length).toBeGreaterThanOrEqual(7);
    expect(await walk((req) => gazette.pageIssues(k, { siteId }, req), 3)).toEqual(issues);

    for (const filter of [
      { siteId },
      { siteId, orgId: orgIds[0]! },
      { siteId, year: 2033 },
    ] as gazette.ReleasedEntryFilter[]) {
      let q = k
        .selectFrom("gazette_entries")
        .innerJoin("gazette_issues", "gazette_issues.id", "gazette_entries.issue_id")
        .select(["gazette_entries.id", "gazette_entries.position", "gazette_issues.total_number"])
        .where("gazette_issues.site_id", "=", siteId)
        .where("gazette_issues.status", "=", "released");
      if (filter.orgId) q = q.where("gazette_entries.org_id", "=", filter.orgId);
      if (filter.year) q = q.where("gazette_issues.year", "=", filter.year);
      const want = (await q.execute())
        .sort(
          (a, b) =>
            Number(b.total_number) - Number(a.total_number) ||
            Number(a.position) - Number(b.position) ||
            -desc(a.id, b.id),
        )
        .map((r) => r.id);
      expect(want.length).toBeGreaterThanOrEqual(30);
      expect(await walk((req) => gazette.pageReleasedEntries(k, filter, req), 7)).toEqual(want);
      expect(await gazette.countReleasedEntriesCapped(k, filter)).toEqual({ n: want.length, capped: false });
    }
  });

  /** Follows a page's rel="next" links from `url`, collecting what `pick` finds on each page. */
  async function follow(url: string, pick: RegExp, headers: Record<string, string> = {}) {
    const seen: string[] = [];
    let pages = 0;
    for (let next: string | undefined = url; next && pages < 60; pages++) {
      const res: { statusCode: number; body: string } = await app.inject({ url: next, headers });
      expect(res.statusCode, next).toBe(200);
      seen.push(...[...res.body.matchAll(pick)].map((m) => m[1]!));
      next = /href="([^"]+)" rel="next"/.exec(res.body)?.[1]?.replaceAll("&amp;", "&");
    }
    return { seen, pages };
  }

  it("serves the public lists page after page by their own next links", async () => {
    const k = ctx.deps.db.kysely;
    const m = await follow("/hd/meetings", /href="\/hd\/meetings\/([0-9a-f-]{36})"/g);
    const mWant = await meetings.pageMeetings(k, { siteId, announcedOnly: true }, { size: 10_000, page: 1 });
    expect(m.pages).toBeGreaterThan(2);
    expect(m.seen).toEqual(mWant.rows.map((r) => r.id));

    const c = await follow("/hd/consultations", /href="\/hd\/consultations\/([0-9a-f-]{36})"/g);
    const cWant = await consultations.pageConsultations(
      k,
      { siteId, statuses: consultations.PUBLIC_STATUSES },
      { size: 10_000, page: 1 },
    );
    expect(c.seen).toEqual(cWant.rows.map((r) => r.id));

    const s = await follow(
      `/fw?org=${encodeURIComponent(orgCodes[0]!)}`,
      /href="\/fw\/items\/([0-9a-f-]{36})"/g,
    );
    const sWant = await services.pageItems(
      k,
      { siteId, statuses: ["published"], orgIds: [orgIds[0]!] },
      { size: 10_000, page: 1 },
    );
    expect(s.pages).toBeGreaterThan(1);
    expect(s.seen).toEqual(sWant.rows.map((r) => r.id));

    const g = await follow(
      `/gb?org=${encodeURIComponent(orgCodes[0]!)}`,
      /href="\/gb\/issues\/([0-9a-f-]{36}#doc-\d+)"/g,
    );
    const gWant = await gazette.pageReleasedEntries(
      k,
      { siteId, orgId: orgIds[0]! },
      { size: 10_000, page: 1 },
    );
    expect(g.pages).toBeGreaterThan(1);
    expect(g.seen).toEqual(gWant.rows.map((r) => `${r.issue_id}#doc-${r.position}`));
  });

  it("pages the staff lists by cursor", async () => {
    const headers = bearer(await tokenFor(ctx, "demo-office"));
    for (const [path, pick] of [
      ["/admin/meetings", /href="\/admin\/meetings\/([0-9a-f-]{36})"/g],
      ["/admin/consultations", /href="\/admin\/consultations\/([0-9a-f-]{36})"/g],
      ["/admin/services", /href="\/admin\/services\/([0-9a-f-]{36})"/g],
      ["/admin/gazette", /href="\/admin\/gazette\/([0-9a-f-]{36})"/g],
    ] as const) {
      const { seen, pages } = await follow(path, pick, headers);
      expect(pages, path).toBeGreaterThan(1);
      expect(new Set(seen).size, path).toBe(seen.length);
    }
  });

  it("answers a garbled cursor with 400 bad_cursor and a too-deep page number with 400 page_too_deep", async () => {
    const headers = bearer(await tokenFor(ctx, "demo-office"));
    const garbled = [
      "not-a-cursor",
      Buffer.from("[1,2,3]").toString("base64url"),
      Buffer.from('{"key":1}').toString("base64url"),
    ];
    // The documents' cursor carries a number: a text key is as garbled as the rest.
    const textKey = encodeCursor({ key: "2032", id: "x", dir: "after", page: 2 });
    for (const [path, auth] of [
      ["/hd/meetings?", false],
      ["/hd/consultations?", false],
      ["/fw?", false],
      [`/gb?org=${encodeURIComponent(orgCodes[0]!)}&`, false],
      ["/admin/meetings?", true],
      ["/admin/consultations?", true],
      ["/admin/services?", true],
      ["/admin/gazette?", true],
    ] as const) {
      const extra = path.startsWith("/gb") ? [textKey] : [];
      for (const cursor of [...garbled, ...extra]) {
        const url = `${path}cursor=${cursor}`;
        const r = await app.inject({ url, headers: auth ? headers : {} });
        expect(r.statusCode, url).toBe(400);
        expect(r.body, url).toContain('data-error-code="bad_cursor"');
        expect(r.body, url).toContain("翻页链接无效");
      }
      const deep = await app.inject({ url: `${path}page=502`, headers: auth ? headers : {} });
      expect(deep.statusCode, path).toBe(400);
      expect(deep.body, path).toContain('data-error-code="page_too_deep"');
    }
  });
});
