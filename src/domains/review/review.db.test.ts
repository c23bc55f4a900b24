import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import type { AppInstance } from "../../web/types";
import { minimalDocx, multipartBody } from "../publishing/attachments/attachments.test-helpers";

// A valid resident ID (GB 11643 check digit) and a mobile number, as they appear in real subsidy lists.
const ID = "110101199003074514";
const MOBILE = "13812345678";

describeEachDialect("pre-publication review in the workflow", (ctx) => {
  let app: AppInstance;
  const tok: Record<string, string> = {};
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    for (const u of ["demo-clerk", "demo-reviewer", "demo-signer", "demo-office"])
      tok[u] = await tokenFor(ctx, u);
  });
  afterAll(async () => app?.close());

  const call = (method: "GET" | "POST", url: string, who: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: bearer(tok[who]!),
      ...(payload ? { payload: payload as object } : {}),
    });
  const act = (id: string, who: string, action: string, note?: string) =>
    call("POST", `/api/v1/items/${id}/actions`, who, { action, ...(note ? { note } : {}) });
  const draft = async (body: string, title = "2026年耕地地力保护补贴发放名单公示") => {
    const r = await call("POST", "/api/v1/items", "demo-clerk", { title, body, kind: "notice" });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };

  describe("personal information in the body and in an attachment", () => {
    let id = "";
    let attId = "";

    it("finds it on submission, in the body and in the attachment's text, and holds the item at review", async () => {
      id = await draft(
        `经审核，现将补贴发放对象公示如下：\n王小明，身份证号${ID}，联系电话${MOBILE}，补贴金额1200元。\n监督电话：0472-8121234`,
      );
      const docx = await minimalDocx([`补贴对象：李四，身份证号 ${ID}`]);
      const mp = multipartBody([
        { name: "file", filename: "名单.docx", contentType: "application/octet-stream", data: docx },
      ]);
      const up = await app.inject({
        method: "POST",
        url: `/api/v1/items/${id}/attachments`,
        headers: { ...bearer(tok["demo-clerk"]!), ...mp.headers },
        payload: mp.payload,
      });
      expect(up.statusCode, up.body).toBe(201);
      attId = up.json().attachments[0].id;

      expect((await act(id, "demo-clerk", "submit")).statusCode).toBe(200);
      const findings = (await call("GET", `/api/v1/items/${id}/findings`, "demo-reviewer")).json()
        .items as Array<{ kind: string; source: string; status: string; masked: string }>;
      const open = findings.filter((f) => f.status === "open");
      expect(open.map((f) => `${f.source}:${f.kind}`)).toEqual(
        expect.arrayContaining(["body:id_card", "body:mobile", `attachment:${attId}:id_card`]),
      );
      // The office phone in the footer is published on purpose: not a finding.
      expect(findings.some((f) => f.kind === "landline")).toBe(false);
      expect(open.find((f) => f.kind === "id_card")!.masked).toBe("1101**********4514");

      const approve = await act(id, "demo-reviewer", "approve");
      expect(approve.statusCode).toBe(409);
      expect(approve.json().error.code).toBe("review_findings_open");
      expect(approve.json().error.details.length).toBeGreaterThanOrEqual(3);
    });

    it("masks everything in one action, and the public sees only the masked form", async () => {
      const clerkTries = await call("POST", `/api/v1/items/${id}/findings/mask`, "demo-clerk", {});
      expect(clerkTries.statusCode).toBe(403);
      const masked = await call("POST", `/api/v1/items/${id}/findings/mask`, "demo-reviewer", {});
      expect(masked.statusCode).toBe(200);
      for (const f of masked
        .json()
        .items.filter(
          (x: { category: string; severity: string }) => x.category === "pii" && x.severity === "error",
        )) {
        expect(f).toMatchObject({ status: "masked", text: null });
      }
      for (const [who, a] of [
        ["demo-reviewer", "approve"],
        ["demo-signer", "sign"],
        ["demo-signer", "publish"],
      ] as const) {
        const r = await act(id, who, a);
        expect(r.statusCode, r.body).toBe(200);
      }
      const page = await app.inject(`/gk/items/${id}`);
      expect(page.body).toContain("1101**********4514");
      expect(page.body).toContain("138****5678");
      expect(page.body).not.toContain(ID);
      expect(page.body).not.toContain(MOBILE);
      // The attachment stays a Word document, masked in place.
      expect(page.body).toContain("名单（去标识化）.docx");
      expect(page.body).not.toContain("去标识化文本");
      const link = /href="(\/gk\/items\/[^"]+\/attachments\/[^"]+)"/.exec(page.body)![1]!;
      const file = await app.inject(link);
      expect(file.statusCode).toBe(200);
      expect(file.headers["content-type"]).toContain("wordprocessingml.document");
      const text = (await mammoth.extractRawText({ buffer: file.rawPayload })).value;
      expect(text).toContain("1101**********4514");
      expect(text).toContain("补贴对象");
      expect(text).not.toContain(ID);
      // The audit log records what was masked, never the personal data itself.
      const audit = await ctx.deps.db.kysely.selectFrom("audit_log").select("summary").execute();
      expect(audit.some((a) => a.summary.includes(ID) || a.summary.includes(MOBILE))).toBe(false);
      const stored = await ctx.deps.db.kysely
        .selectFrom("review_findings")
        .select("text")
        .where("item_id", "=", id)
        .execute();
      expect(stored.some((r) => r.text === ID)).toBe(false);
    });
  });

  it("blocks secrecy markings, which cannot be exempted, and records reasoned exemptions of personal information", async () => {
    const id = await draft("机密★1年\n关于某事项的内部通报", "关于某事项的通报");
    await act(id, "demo-clerk", "submit");
    const findings = (await call("GET", `/api/v1/items/${id}/findings`, "demo-reviewer")).json()
      .items as Array<{ id: string; kind: string; severity: string }>;
    const secret = findings.find((f) => f.severity === "blocking")!;
    expect(secret).toBeTruthy();
    const refuse = await call("POST", `/api/v1/items/${id}/findings/${secret.id}/exempt`, "demo-reviewer", {
      decision: "consent",
      note: "试图豁免",
    });
    expect(refuse.statusCode).toBe(400);
    expect(refuse.json().error.details.map((d: { code: string }) => d.code)).toContain("not_exemptable");
    expect((await act(id, "demo-reviewer", "approve")).statusCode).toBe(409);
    expect((await act(id, "demo-reviewer", "reject", "请删除涉密标识")).json().status).toBe("draft");

    const penalty = await draft(`行政处罚决定书\n当事人：张三，身份证号${ID}。`, "行政处罚决定公示");
    await act(penalty, "demo-clerk", "submit");
    const f2 = (await call("GET", `/api/v1/items/${penalty}/findings`, "demo-reviewer")).json()
      .items as Array<{ id: string; kind: string; status: string }>;
    const idFinding = f2.find((f) => f.kind === "id_card" && f.status === "open")!;
    const noNote = await call(
      "POST",
      `/api/v1/items/${penalty}/findings/${idFinding.id}/exempt`,
      "demo-reviewer",
      { decision: "disciplinary" },
    );
    expect(noNote.statusCode).toBe(400);
    const ok = await call(
      "POST",
      `/api/v1/items/${penalty}/findings/${idFinding.id}/exempt`,
      "demo-reviewer",
      { decision: "disciplinary", note: "固市监罚〔2026〕12号 行政处罚决定公示" },
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: "exempted", decision: "disciplinary" });
  });

  it("checks the body's links at review time, without the internet in tests, and shows dead ones as warnings", async () => {
    const probed: string[] = [];
    ctx.deps.linkProbe = async (url) => {
      probed.push(url);
      return url.includes("gone") ? { ok: false, status: 404 } : { ok: true, status: 200 };
    };
    const id = await draft(
      "详见 https://www.example.gov.cn/ok 和 https://www.example.gov.cn/gone 。",
      "链接检查",
    );
    await act(id, "demo-clerk", "submit");
    const res = await call("POST", `/api/v1/items/${id}/findings/links`, "demo-reviewer");
    expect(res.statusCode, res.body).toBe(200);
    const links = res.json().items.filter((f: { source: string }) => f.source === "links");
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ text: "https://www.example.gov.cn/gone", severity: "warning" });
    expect(probed.sort()).toEqual(["https://www.example.gov.cn/gone", "https://www.example.gov.cn/ok"]);
    // Dead links are for the reviewer to judge; they do not hold the item.
    expect((await act(id, "demo-reviewer", "approve")).statusCode).toBe(200);
  });

  it("offers the engine to programs: scan and mask as the CLI does", async () => {
    const text = `联系人王五，手机 138 1234 5678，邮箱 wangwu@example.com。依据固政发〔2020〕1号。`;
    const scan = await call("POST", "/api/v1/review/scan", "demo-office", { text });
    expect(scan.statusCode).toBe(200);
    const kinds = scan.json().findings.map((f: { kind: string }) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(["mobile", "email"]));
    const mask = await call("POST", "/api/v1/review/mask", "demo-office", { text });
    expect(mask.json().text).toContain("138 **** 5678");
    expect(mask.json().text).toContain("固政发〔2020〕1号");
    expect(
      (await app.inject({ method: "POST", url: "/api/v1/review/scan", payload: { text } })).statusCode,
    ).toBe(401);
  });

  it("review settings: each problem shown with its field (the shared Field), nothing saved; then saved", async () => {
    const s = new Session(app);
    expect((await s.login("demo-office", DEMO_PASSWORD)).statusCode).toBe(303);
    const form = {
      allow_phones: "0472-8123456\n12",
      allow_emails: "not-an-email",
      allow_addresses: "固阳县金山镇政府大楼",
      sensitive_words: "",
    };
    const bad = await s.post("/admin/review/settings", {
      ...form,
      _csrf: await s.csrfFrom("/admin/review/settings"),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<a href="#allow_phones">“12”不是电话号码');
    expect(bad.body).toMatch(
      /<p class="field-error" id="allow_emails-error">“not-an-email”不是电子邮箱地址。<\/p>/,
    );
    expect(bad.body).toMatch(
      /<textarea[^>]*id="allow_phones"[^>]*aria-invalid="true"[^>]*aria-describedby="allow_phones-hint allow_phones-error"/,
    );
    expect(bad.body).toContain("0472-8123456\n12</textarea>");
    expect((await s.get("/admin/review/settings")).body).toMatch(
      /<textarea id="allow_phones"[^>]*><\/textarea>/,
    );
    const good = await s.post("/admin/review/settings", {
      ...form,
      allow_phones: "0472-8123456",
      allow_emails: "gyxzf@example.gov.cn",
      _csrf: await s.csrfFrom("/admin/review/settings"),
    });
    expect(good.statusCode).toBe(303);
    expect((await s.get("/admin/review/settings")).body).toContain("gyxzf@example.gov.cn</textarea>");
  });
});
