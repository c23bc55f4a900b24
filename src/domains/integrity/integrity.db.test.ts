import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import * as m0021 from "../../db/migrations/0021-integrity";
import { DEMO_PASSWORD, seedDemo } from "../../demo/seed";
import { systemActor } from "../../deps";
import { fixedClock } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { minimalPdf, multipartBody } from "../publishing/attachments/attachments.test-helpers";
import { sealAndCheck } from "./integrity.alerts";
import { checkIntegrity, sealDays } from "./integrity.chain";
import { computeContentSha } from "./integrity.stamp";

const sha = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

/** Canonical JSON written independently of the code under test: sorted keys, no whitespace. */
const sortedJson = (v: unknown): string =>
  v === null || typeof v !== "object"
    ? JSON.stringify(v)
    : Array.isArray(v)
      ? `[${v.map(sortedJson).join(",")}]`
      : `{${Object.keys(v as object)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${sortedJson((v as Record<string, unknown>)[k])}`)
          .join(",")}}`;

// Monday 2 March 2026, 10:00 in Shanghai.
const clock = fixedClock("2026-03-02T02:00:00Z");

describeEachDialect(
  "verifiable publication (可核查)",
  (ctx) => {
    let app: AppInstance;
    const tok: Record<string, string> = {};
    const pdf = minimalPdf("Guyang verify 2026");
    let first: { id: string; content_sha256: string; title: string };
    let second: { id: string };
    let third: { id: string };

    const api = (method: "GET" | "POST", url: string, who?: string, payload?: unknown) =>
      app.inject({
        method,
        url,
        headers: who ? bearer(tok[who]!) : {},
        ...(payload ? { payload } : {}),
      } as never);

    async function publish(
      title: string,
      body: string,
      file?: Buffer,
      beforeSubmit?: (id: string) => Promise<unknown>,
    ): Promise<string> {
      const created = await api("POST", "/api/v1/items", "demo-clerk", {
        title,
        body,
        kind: "notice",
        doc_number: "固政办发〔2026〕3号",
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      if (file) {
        const mp = multipartBody([
          { name: "file", filename: "通知附件.pdf", data: file, contentType: "application/pdf" },
        ]);
        const up = await app.inject({
          method: "POST",
          url: `/api/v1/items/${id}/attachments`,
          headers: { ...bearer(tok["demo-clerk"]!), ...mp.headers },
          payload: mp.payload,
        });
        expect(up.statusCode, up.body).toBe(201);
      }
      await beforeSubmit?.(id);
      for (const [who, action] of [
        ["demo-clerk", "submit"],
        ["demo-reviewer", "approve"],
        ["demo-signer", "sign"],
        ["demo-signer", "publish"],
      ] as const) {
        const r = await api("POST", `/api/v1/items/${id}/actions`, who, { action });
        expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
      }
      return id;
    }

    const setBody = (id: string, body: string) =>
      ctx.deps.db.kysely.updateTable("items").set({ body_html: body }).where("id", "=", id).execute();

    beforeAll(async () => {
      app = await buildTestApp(ctx);
      for (const u of ["demo-clerk", "demo-reviewer", "demo-signer"]) tok[u] = await tokenFor(ctx, u);
      const id = await publish("关于核验附件的通知", "<p>第一天发布的正文。</p>", pdf);
      first = (await api("GET", `/api/v1/items/${id}`)).json();
      clock.set("2026-03-03T03:00:00Z");
      second = { id: await publish("第二天的通知", "<p>第二天发布的正文。</p>") };
      third = { id: await publish("将被撤回的通知", "<p>第二天发布、随后撤回。</p>") };
      clock.set("2026-03-05T01:00:00Z");
    });

    describe("content hash", () => {
      it("the API carries content_sha256 and each attachment's sha256", async () => {
        expect(first.content_sha256).toMatch(/^[0-9a-f]{64}$/);
        const item = (await api("GET", `/api/v1/items/${first.id}`)).json();
        expect(item.attachments).toHaveLength(1);
        expect(item.attachments[0].sha256).toBe(sha(pdf));
        expect(item.attachments[0].url).toMatch(new RegExp(`^/gk/items/${first.id}/attachments/`));
      });

      it("is the SHA-256 of the documented serialisation, recomputable from the public API", async () => {
        const item = (await api("GET", `/api/v1/items/${first.id}`)).json();
        const row = await ctx.deps.db.kysely
          .selectFrom("items")
          .select(["title_mn", "body_mn_html"])
          .where("id", "=", first.id)
          .executeTakeFirstOrThrow();
        const doc = sortedJson({
          attachments: [sha(pdf)],
          body_html: item.body,
          body_mn_html: row.body_mn_html,
          doc_number: item.doc_number,
          formed_on: item.formed_on,
          id: item.id,
          index_number: item.index_number,
          kind: item.kind,
          published_at: item.published_at,
          title: item.title,
          title_mn: item.title_mn,
          v: 1,
        });
        expect(sha(Buffer.from(doc, "utf8"))).toBe(item.content_sha256);
        const canonical = await api("GET", `/api/v1/integrity/items/${first.id}/canonical`);
        expect(canonical.statusCode).toBe(200);
        expect(canonical.body).toBe(doc);
        expect(sha(canonical.rawPayload)).toBe(item.content_sha256);
      });

      it("a masked attachment: the published (masked) file counts, never the original", async () => {
        const original = minimalPdf("Zhang San 13800000000");
        const id = await publish("去标识化附件的通知", "<p>附件已去标识化。</p>", original, (draft) =>
          ctx.deps.db.kysely
            .updateTable("item_attachments")
            .set({ masked_text: "Zhang * 138****0000" })
            .where("item_id", "=", draft)
            .execute(),
        );
        const masked = sha(Buffer.from("\ufeffZhang * 138****0000", "utf8"));
        const item = (await api("GET", `/api/v1/items/${id}`)).json();
        expect(item.attachments.map((a: { sha256: string }) => a.sha256)).toEqual([masked]);
        const download = await app.inject({ url: item.attachments[0].url });
        expect(sha(download.rawPayload)).toBe(masked);
        const canonical = (await api("GET", `/api/v1/integrity/items/${id}/canonical`)).json();
        expect(canonical.attachments).toEqual([masked]);
        expect((await api("GET", `/api/v1/verify?sha256=${masked}`)).json().matches[0]).toMatchObject({
          type: "attachment",
          item_id: id,
        });
        expect((await api("GET", `/api/v1/verify?sha256=${sha(original)}`)).json().found).toBe(false);
      });

      it("a draft has no hash and no canonical document", async () => {
        const d = await api("POST", "/api/v1/items", "demo-clerk", {
          title: "草稿",
          body: "<p>x</p>",
          kind: "notice",
        });
        expect(d.json().content_sha256).toBeNull();
        expect((await api("GET", `/api/v1/integrity/items/${d.json().id}/canonical`)).statusCode).toBe(404);
      });

      it("the item page shows the 核验 block with the content and attachment hashes", async () => {
        const page = await app.inject({ url: `/gk/items/${first.id}` });
        expect(page.body).toContain("核验");
        expect(page.body).toContain(`/verify?sha256=${first.content_sha256}`);
        expect(page.body).toContain(`/verify?sha256=${sha(pdf)}`);
        const mn = await app.inject({ url: `/mn/gk/items/${first.id}` });
        expect(mn.body).toContain(`/mn/verify?sha256=${first.content_sha256}`);
      });
    });

    describe("verify", () => {
      it("finds an item by its content hash and a file by its hash", async () => {
        const byContent = await api("GET", `/api/v1/verify?sha256=${first.content_sha256.toUpperCase()}`);
        expect(byContent.statusCode).toBe(200);
        expect(byContent.json()).toMatchObject({
          found: true,
          matches: [
            {
              type: "item",
              id: first.id,
              title: first.title,
              url: `/gk/items/${first.id}`,
              status: "published",
            },
          ],
        });
        const byFile = (await api("GET", `/api/v1/verify?sha256=${sha(pdf)}`)).json();
        expect(byFile.found).toBe(true);
        expect(byFile.matches).toHaveLength(1);
        expect(byFile.matches[0]).toMatchObject({
          type: "attachment",
          item_id: first.id,
          title: first.title,
        });
        expect(byFile.matches[0].published_at).toBe(
          first.content_sha256 ? byContent.json().matches[0].published_at : "",
        );
      });

      it("says no match for an unknown hash, and 400 for a bad one", async () => {
        expect((await api("GET", `/api/v1/verify?sha256=${"ab".repeat(32)}`)).json()).toEqual({
          found: false,
          matches: [],
        });
        for (const bad of ["", "xyz", "ab".repeat(31), `${"ab".repeat(32)}00`, "<script>"]) {
          const r = await api("GET", `/api/v1/verify?sha256=${encodeURIComponent(bad)}`);
          expect(r.statusCode, bad).toBe(400);
          expect(r.json().code ?? r.json().error?.code).toBe("invalid_sha256");
        }
        expect((await api("GET", "/api/v1/verify")).statusCode).toBe(400);
      });

      it("the page verifies a pasted hash and an uploaded file, in both languages", async () => {
        const pasted = await app.inject({ url: `/verify?sha256=${first.content_sha256}` });
        expect(pasted.statusCode).toBe(200);
        expect(pasted.body).toContain(first.title);
        const mp = multipartBody([{ name: "file", filename: "下载的附件.pdf", data: pdf }]);
        const uploaded = await app.inject({
          method: "POST",
          url: "/verify",
          headers: mp.headers,
          payload: mp.payload,
        });
        expect(uploaded.statusCode).toBe(200);
        expect(uploaded.body).toContain(first.title);
        expect(uploaded.body).toContain(`/gk/items/${first.id}/attachments/`);
        const other = multipartBody([
          { name: "file", filename: "改过的.pdf", data: Buffer.concat([pdf, Buffer.from(" ")]) },
        ]);
        const none = await app.inject({
          method: "POST",
          url: "/mn/verify",
          headers: other.headers,
          payload: other.payload,
        });
        expect(none.statusCode).toBe(200);
        expect(none.body).toContain("ᠲᠣᠬᠢᠷᠠᠯᠴᠠᠬᠤ ᠮᠡᠳᠡᠭᠡ ᠣᠯᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ");
        expect(none.body).not.toContain(first.title);
        const bad = await app.inject({ url: "/verify?sha256=nothex" });
        expect(bad.statusCode).toBe(400);
        expect(bad.body).toContain("64 位十六进制");
        const empty = multipartBody([{ name: "note", value: "没有文件" }]);
        const noFile = await app.inject({
          method: "POST",
          url: "/verify",
          headers: empty.headers,
          payload: empty.payload,
        });
        expect(noFile.statusCode).toBe(400);
        expect(noFile.body).toContain("请选择要核验的文件");
      });
    });

    describe("daily chain and 防篡改", () => {
      it("seals finished days, each record covering the previous one", async () => {
        const sealed = await sealDays(ctx.deps, systemActor("test"));
        const days = sealed.flatMap((s) => s.days.map((d) => d.day));
        expect(days).toContain("2026-03-02");
        expect(days).toContain("2026-03-03");
        expect(days).not.toContain("2026-03-05"); // today is not finished
        expect((await sealDays(ctx.deps, systemActor("test"))).flatMap((s) => s.days)).toEqual([]);

        const chain = (await api("GET", "/api/v1/integrity/chain?from=2026-03-01&to=2026-03-31")).json();
        expect(chain.days.map((d: { day: string }) => d.day)).toEqual(["2026-03-02", "2026-03-03"]);
        const [d1, d2] = chain.days;
        expect(d2.prev_hash).toBe(d1.hash);
        // Every record links to the one before; the first to 64 zeros.
        const all = await ctx.deps.db.kysely
          .selectFrom("integrity_days")
          .selectAll()
          .orderBy("day")
          .execute();
        expect(all[0]!.prev_hash).toBe(chain.genesis);
        for (let i = 1; i < all.length; i++) expect(all[i]!.prev_hash).toBe(all[i - 1]!.hash);
        expect(all.at(-1)!.hash).toBe(d2.hash);
        for (const d of chain.days) {
          const again = sha(
            Buffer.from(
              sortedJson({
                day: d.day,
                leaves: d.leaves,
                prev_hash: d.prev_hash,
                site_id: chain.site_id,
                v: 1,
              }),
            ),
          );
          expect(again).toBe(d.hash);
        }
        expect(d1.leaves).toContainEqual({
          id: first.id,
          content_sha256: first.content_sha256,
          attachments: [sha(pdf)],
        });
        expect(d2.leaves.map((l: { id: string }) => l.id)).toEqual([second.id, third.id]);

        const page = await app.inject({ url: "/verify/chain?from=2026-03-01&to=2026-03-31" });
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain("2026-03-03");
        expect(page.body).toContain(d2.hash.slice(0, 16));
        expect((await api("GET", "/api/v1/integrity/chain?from=2026-03-31&to=2026-03-01")).statusCode).toBe(
          400,
        );
        expect((await api("GET", "/api/v1/integrity/chain?from=2026-02-30")).statusCode).toBe(400);
        expect((await app.inject({ url: "/verify/chain?from=bad" })).statusCode).toBe(400);
      });

      it("an untouched database passes, and withdrawal is not tampering", async () => {
        expect(await checkIntegrity(ctx.deps)).toEqual([]);
        const w = await api("POST", `/api/v1/items/${third.id}/actions`, "demo-signer", {
          action: "withdraw",
          note: "内容已过时",
        });
        expect(w.statusCode, w.body).toBe(200);
        expect(await checkIntegrity(ctx.deps)).toEqual([]);
        const v = (
          await api(
            "GET",
            `/api/v1/verify?sha256=${(await api("GET", `/api/v1/items/${third.id}`)).json().content_sha256}`,
          )
        ).json();
        expect(v.matches[0]).toMatchObject({ id: third.id, status: "withdrawn" });
      });

      it("a body changed in the database is found, alerts the office once, and is acknowledged", async () => {
        await setBody(second.id, "<p>被悄悄改过的正文。</p>");
        const r = await sealAndCheck(ctx.deps, systemActor("test"));
        expect(r.differences).toHaveLength(1);
        expect(r.differences[0]).toMatchObject({
          kind: "content_changed",
          item_id: second.id,
          day: "2026-03-03",
        });
        expect(r.alerts).toHaveLength(1);
        const alertId = r.alerts[0]!;
        const db = ctx.deps.db.kysely;
        const audit = await db
          .selectFrom("audit_log")
          .select("action")
          .where("entity_id", "=", alertId)
          .execute();
        expect(audit.map((a) => a.action)).toEqual(["integrity.alert"]);
        const mail = await db
          .selectFrom("mail_messages")
          .select(["kind", "subject"])
          .where("entity_id", "=", alertId)
          .execute();
        expect(mail).toHaveLength(1);
        expect(mail[0]!.kind).toBe("integrity_alert");
        // Found again: no second alert.
        expect((await sealAndCheck(ctx.deps, systemActor("test"))).alerts).toEqual([]);

        const office = new Session(app);
        await office.login("demo-office", DEMO_PASSWORD);
        const dash = await office.get("/admin");
        expect(dash.body).toContain("integrity-alerts-title");
        expect(dash.body).toContain(second.id);
        const clerk = new Session(app);
        await clerk.login("demo-clerk", DEMO_PASSWORD);
        expect((await clerk.get("/admin")).body).not.toContain("integrity-alerts-title");
        const csrf = await clerk.csrfFrom("/admin");
        expect(
          (await clerk.post(`/admin/integrity/alerts/${alertId}/acknowledge`, { _csrf: csrf })).statusCode,
        ).toBe(403);

        const token = await office.csrfFrom("/admin");
        const ack = await office.post(`/admin/integrity/alerts/${alertId}/acknowledge`, {
          _csrf: token,
          note: "已恢复原文",
        });
        expect(ack.statusCode).toBe(303);
        expect((await office.get("/admin")).body).not.toContain("integrity-alerts-title");
        const acked = await db
          .selectFrom("audit_log")
          .select("action")
          .where("entity_id", "=", alertId)
          .execute();
        expect(acked.map((a) => a.action).sort()).toEqual(["integrity.acknowledge", "integrity.alert"]);
        const again = await office.post(`/admin/integrity/alerts/${alertId}/acknowledge`, { _csrf: token });
        expect(again.statusCode).toBe(409);

        await setBody(second.id, "<p>第二天发布的正文。</p>");
        expect(await checkIntegrity(ctx.deps)).toEqual([]);
      });

      it("finds a replaced file, a rewritten hash and a deleted day record", async () => {
        const db = ctx.deps.db.kysely;
        await db
          .updateTable("item_attachments")
          .set({ sha256: "cd".repeat(32) })
          .where("item_id", "=", first.id)
          .execute();
        await db
          .updateTable("items")
          .set({ content_sha256: "ef".repeat(32) })
          .where("id", "=", second.id)
          .execute();
        const kinds = (await checkIntegrity(ctx.deps)).map((d) => `${d.kind}:${d.item_id ?? d.day}`);
        expect(kinds).toContain(`files_changed:${first.id}`);
        expect(kinds).toContain(`hash_changed:${second.id}`);
        await db
          .updateTable("item_attachments")
          .set({ sha256: sha(pdf) })
          .where("item_id", "=", first.id)
          .execute();
        await db
          .updateTable("items")
          .set({ content_sha256: first.content_sha256 })
          .where("id", "=", first.id)
          .execute();
        const chain = (await api("GET", "/api/v1/integrity/chain?from=2026-03-01&to=2026-03-31")).json();
        await db
          .updateTable("items")
          .set({ content_sha256: chain.days[1].leaves[0].content_sha256 })
          .where("id", "=", second.id)
          .execute();
        const left = await checkIntegrity(ctx.deps);
        expect(left, JSON.stringify(left)).toEqual([]);
        await db.deleteFrom("integrity_days").where("day", "=", "2026-03-02").execute();
        const broken = (await checkIntegrity(ctx.deps)).map((d) => d.kind);
        expect(broken).toContain("chain_link_broken");
        expect(broken).toContain("item_unsealed");
      });
    });
  },
  { clock },
);

describeEachDialect("migration 0021 backfills what was published before it", (ctx) => {
  it("gives earlier publications their content hash and published files", async () => {
    await seedDemo(ctx.deps, systemActor("test"));
    const db = ctx.deps.db.kysely;
    const before = await db
      .selectFrom("items")
      .select(["id", "content_sha256"])
      .where("status", "=", "published")
      .execute();
    expect(before.length).toBeGreaterThan(0);
    // Back to the schema before 0021, then up again: the backfill recomputes every hash.
    await m0021.down(db);
    await m0021.up(db);
    const after = await db
      .selectFrom("items")
      .select(["id", "content_sha256"])
      .where("status", "=", "published")
      .execute();
    expect(after).toEqual(expect.arrayContaining(before));
    for (const row of after) expect(row.content_sha256).toBe(await computeContentSha(db, row.id));
    const drafts = await db
      .selectFrom("items")
      .select("content_sha256")
      .where("status", "=", "draft")
      .execute();
    for (const d of drafts) expect(d.content_sha256).toBeNull();
  });
});
