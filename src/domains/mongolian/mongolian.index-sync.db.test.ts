import { afterAll, beforeAll, expect, it } from "vitest";
import { buildTestApp } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { mnTestSubject } from "../../../test/helpers/mn-subjects";
import { seedDemoLaterMongolian } from "../../demo/mongolian-later";
import type { AppInstance } from "../../web/types";
import { type CurrentUser, findCurrentUser } from "../accounts";
import { performStep as performMeetingStep } from "../meetings/meetings.service";
import { updateBundleWithSet } from "../services/services.halls-admin.service";
import { createReport, publishReport } from "../services/services.reports";
import { performStep, proposeVersion } from "../services/services.service";
import { actOnMn, saveMnDraft } from "./mongolian.service";
import type { MnSubjectType } from "./mongolian.tables";

// Issue 18 part 1: a later domain's Mongolian version is found by the site search exactly while its Chinese is:
// the domain's own steps (publishing, cancelling) bring the Mongolian entry along in the same transaction.
describeEachDialect("Mongolian search entries follow their subject's own steps", (ctx) => {
  let app: AppInstance;
  const users: Record<string, CurrentUser> = {};
  beforeAll(async () => {
    app = await buildTestApp(ctx, { services: true });
    for (const u of ["demo-clerk", "demo-office", "demo-county-reviewer"])
      users[u] = (await findCurrentUser(ctx.deps, u))!;
  }, 600_000);
  afterAll(async () => app?.close());

  const db = () => ctx.deps.db.kysely;
  /** Drafted by one person (the office), approved by another (the county's reviewer): four eyes. */
  async function translate(
    type: MnSubjectType,
    id: string,
    word: string,
    [drafter, approver] = ["demo-office", "demo-county-reviewer"],
  ) {
    const by = users[drafter!]!;
    await saveMnDraft(ctx.deps, by, type, id, { title: `ᠮᠣᠩᠭᠣᠯ ${word}`, body: `<p>${word} ᠪᠢᠴᠢᠭ</p>` });
    await actOnMn(ctx.deps, by, type, id, { action: "submit" });
    await actOnMn(ctx.deps, users[approver!]!, type, id, { action: "approve" });
  }
  const found = async (word: string) =>
    (await app.inject(`/api/v1/search?q=${encodeURIComponent(word)}`)).json() as {
      items: Array<{ url: string; type: string }>;
    };
  const urls = async (word: string) => (await found(word)).items.map((r) => r.url);

  it("the demo translates a 权责清单, an implementation report, a 一件事 and a hall, shown at their /mn pages", async () => {
    const out = await seedDemoLaterMongolian(ctx.deps);
    expect(out.service_list && out.service_report && out.service_item).toBeTruthy();
    expect(out.service_bundle && out.service_hall).toBeTruthy();
    const list = await db()
      .selectFrom("service_lists")
      .innerJoin("orgs", "orgs.id", "service_lists.org_id")
      .select(["orgs.code", "service_lists.kind"])
      .where("service_lists.id", "=", out.service_list!)
      .executeTakeFirstOrThrow();
    for (const path of [
      `/mn/fw/lists/${list.code}/${list.kind}`,
      `/mn/fw/reports/${out.service_report}`,
      "/mn/fw/bundles/newborn",
      `/mn/fw/halls/${out.service_hall}`,
    ]) {
      const page = await app.inject(path);
      expect(page.statusCode, path).toBe(200);
      expect(page.body, path).toContain('class="mn-item" lang="mn-Mong"');
    }
  });

  it("a cancelled service item's Mongolian guide leaves the search with it", async () => {
    const { id } = await db()
      .selectFrom("service_items")
      .select("id")
      .where("status", "=", "published")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    const word = "ᠬᠠᠯᠠᠭᠤᠨ";
    await translate("service_item", id, word);
    expect(await urls(word)).toContain(`/mn/fw/items/${id}`);

    const office = users["demo-office"]!;
    await proposeVersion(ctx.deps, office, id, {
      kind: "cancel",
      decision: "固政办发〔2026〕41号",
      reason: "上级取消该事项",
    });
    await performStep(ctx.deps, office, id, { action: "submit" });
    await performStep(ctx.deps, users["demo-county-reviewer"]!, id, { action: "approve" });
    expect(
      (await db().selectFrom("service_items").select("status").where("id", "=", id).executeTakeFirst())
        ?.status,
    ).toBe("cancelled");
    expect(await urls(word)).not.toContain(`/mn/fw/items/${id}`);
    // Its page stays (marked cancelled, as the Chinese), with the Mongolian version.
    expect((await app.inject(`/mn/fw/items/${id}`)).body).toContain(`ᠮᠣᠩᠭᠣᠯ ${word}`);
  });

  it("an implementation report translated while a draft is found once it is published", async () => {
    const office = users["demo-office"]!;
    const report = await createReport(ctx.deps, office, {
      year: 2021,
      quarter: 2,
      title: "固阳县2021年第二季度“互联网+政务服务”实施情况报告",
      body: "一、总体情况\n\n网上办理率稳步提高。",
    });
    const word = "ᠮᠡᠳᠡᠭᠦᠯᠦᠯᠲᠡ";
    await translate("service_report", report.id, word);
    expect(await urls(word)).not.toContain(`/mn/fw/reports/${report.id}`);
    // A draft's /mn page (its staff's preview) is not public.
    expect((await app.inject(`/mn/fw/reports/${report.id}`)).statusCode).toBe(404);
    await publishReport(ctx.deps, office, report.id);
    expect(await urls(word)).toContain(`/mn/fw/reports/${report.id}`);
  });

  it("a 一件事's Mongolian entry is found at its /mn page and stays when the office edits the bundle", async () => {
    const id = await mnTestSubject(ctx.deps, "service_bundle", "蒙古文检索同步一件事");
    const word = "ᠨᠢᠭᠡ ᠬᠡᠷᠡᠭ";
    await translate("service_bundle", id, word);
    expect(await urls(word)).toContain(`/mn/fw/bundles/mn-${id}`);
    const b = await db()
      .selectFrom("service_bundles")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    await updateBundleWithSet(ctx.deps, users["demo-office"]!, id, {
      name: "蒙古文检索同步一件事（修改）",
      life_event: b.life_event,
      notice: b.notice,
      window: b.window,
      promised_days: Number(b.promised_days),
      items: JSON.parse(b.items_json),
      form_material_id: null,
      dropped: [],
    });
    const hit = (await found(word)).items.filter((r) => r.url === `/mn/fw/bundles/mn-${id}`);
    expect(hit).toHaveLength(1);
    // The Chinese changed: the Mongolian page says its translation is outdated.
    expect((await app.inject(`/mn/fw/bundles/mn-${id}`)).body).toContain("mn-outdated");
  });

  it("a meeting translated while a draft is found once its notice is announced", async () => {
    const id = await mnTestSubject(ctx.deps, "meeting", "蒙古文检索同步会议");
    await db()
      .updateTable("meetings")
      .set({
        status: "draft",
        announced_at: null,
        apply_opens_on: "2099-01-01",
        apply_closes_on: "2099-01-10",
      })
      .where("id", "=", id)
      .execute();
    const word = "ᠬᠤᠷᠠᠯᠳᠠᠢ";
    await translate("meeting", id, word, ["demo-clerk", "demo-office"]);
    expect(await urls(word)).not.toContain(`/mn/hd/meetings/${id}`);
    await performMeetingStep(ctx.deps, users["demo-clerk"]!, id, { action: "announce" });
    expect(await urls(word)).toContain(`/mn/hd/meetings/${id}`);
  });
});
