import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../../../test/helpers/db";
import { addTerms, getSearchIndex, listTerms, removeTerm } from "./index";
import { fixtureDoc } from "./search.fixture";

const SITE = "terms-site";

describeEachDialect("search dictionary", (ctx) => {
  beforeAll(async () => {
    const now = new Date().toISOString();
    await ctx.deps.db.kysely
      .insertInto("sites")
      .values({
        id: SITE,
        code: "terms",
        name: "测试县",
        identifier_code: "1502220009",
        division_code: "150222",
        icp_record: null,
        police_record: null,
        contact_phone: null,
        contact_address: null,
        contact_email: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  });

  it("adds, lists and removes the site's words, naming every invalid one and saving none then", async () => {
    const db = ctx.deps.db.kysely;
    const now = new Date("2026-12-01T00:00:00Z");
    await expect(
      db.transaction().execute((trx) =>
        addTerms(trx, {
          siteId: SITE,
          terms: ["大庙村", "乡", "有 空格", "长".repeat(21)],
          kind: "place",
          createdBy: null,
          now,
        }),
      ),
    ).rejects.toMatchObject({
      status: 400,
      details: [
        { code: "search_term_invalid" },
        { code: "search_term_invalid" },
        { code: "search_term_invalid" },
      ],
    });
    expect(await listTerms(db, SITE)).toEqual([]);
    const r = await db.transaction().execute((trx) =>
      addTerms(trx, {
        siteId: SITE,
        terms: ["大庙村委会", "ＡＢ镇", "乡村振兴", "大庙村委会"],
        kind: "place",
        note: " 村委会 ",
        createdBy: null,
        now,
      }),
    );
    expect(r.added.map((t) => [t.term, t.kind, t.note])).toEqual([
      ["大庙村委会", "place", "村委会"],
      ["ab镇", "place", "村委会"],
    ]);
    expect(r.skipped).toEqual(["乡村振兴"]); // built in
    const again = await db
      .transaction()
      .execute((trx) =>
        addTerms(trx, { siteId: SITE, terms: ["大庙村委会"], kind: "place", createdBy: null, now }),
      );
    expect(again).toEqual({ added: [], skipped: ["大庙村委会"] });
    expect((await listTerms(db, SITE)).map((t) => t.term)).toEqual(["ab镇", "大庙村委会"]);
    const removed = await db.transaction().execute((trx) => removeTerm(trx, SITE, r.added[0]!.id));
    expect(removed?.term).toBe("大庙村委会");
    expect(await db.transaction().execute((trx) => removeTerm(trx, "other-site", r.added[1]!.id))).toBeNull();
    expect((await listTerms(db, SITE)).map((t) => t.term)).toEqual(["ab镇"]);
  });

  it("keeps a site's word whole in queries at once, without reindexing", async () => {
    const db = ctx.deps.db.kysely;
    const index = getSearchIndex(ctx.deps.db, ctx.deps.clock);
    await db
      .transaction()
      .execute((trx) =>
        index.upsertDocs(trx, [
          fixtureDoc({ id: "t1", siteId: SITE, title: "通知", body: "请到红泥井村民委员会办理。" }),
          fixtureDoc({ id: "t2", siteId: SITE, title: "通知", body: "红泥井的村民委员会成员请到县里办理。" }),
        ]),
      );
    const ask = async () =>
      (
        await index.query(db, {
          siteId: SITE,
          q: "红泥井村民委员会",
          sort: "relevance",
          page: 1,
          perPage: 10,
        })
      ).hits
        .map((h) => h.id)
        .sort();
    const [word] = (
      await db.transaction().execute((trx) =>
        addTerms(trx, {
          siteId: SITE,
          terms: ["红泥井村民委员会"],
          kind: "org",
          createdBy: null,
          now: new Date(),
        }),
      )
    ).added;
    expect(await ask()).toEqual(["t1"]);
    await db.transaction().execute((trx) => removeTerm(trx, SITE, word!.id));
    expect(await ask()).toEqual(["t1", "t2"]);
  });
});
