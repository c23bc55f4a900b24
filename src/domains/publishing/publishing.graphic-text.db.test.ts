// Issue 18 (accessibility): a 图解 interpretation is a picture; its body is the picture's text alternative,
// so a graphic interpretation cannot be drafted, nor changed into one, without a real text version.
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import type { AppInstance } from "../../web/types";
import { GRAPHIC_TEXT_MIN } from "./publishing.service";

const TEXT_VERSION =
  "一、谁能申请？具有本县学籍的义务教育阶段家庭经济困难学生。二、补助多少？小学每生每年1,000元，初中每生每年1,250元。三、怎么申请？开学后一个月内向就读学校提出。";

describeEachDialect("a 图解 interpretation carries its text version", (ctx) => {
  let app: AppInstance;
  let token = "";
  let policyId = "";
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    token = await tokenFor(ctx, "demo-clerk");
    const policy = await send("POST", "/api/v1/items", {
      title: "固阳县义务教育阶段家庭经济困难学生资助办法",
      body: "第一条　为做好家庭经济困难学生资助工作，制定本办法。",
      kind: "policy",
    });
    expect(policy.statusCode, policy.body).toBe(201);
    policyId = policy.json().id;
  });
  afterAll(async () => app?.close());

  const send = (method: "POST" | "PATCH", url: string, payload: object) =>
    app.inject({ method, url, headers: bearer(token), payload });
  const codes = (res: { json(): { error: { details: Array<{ field: string; code: string }> } } }) =>
    res.json().error.details.map((d) => `${d.field}:${d.code}`);

  it("refuses a graphic interpretation whose body only points at the picture, naming the body in Chinese", async () => {
    const res = await send("POST", "/api/v1/items", {
      title: "图解《资助办法》",
      body: "详见附图。",
      kind: "interpretation",
      interprets: policyId,
      form: "graphic",
    });
    expect(res.statusCode).toBe(400);
    expect(codes(res)).toEqual(["body:graphic_text_required"]);
    const message = res.json().error.details[0].message as string;
    expect(message).toContain(`不少于${GRAPHIC_TEXT_MIN}字`);
    expect(message).toContain("读屏软件");
  });

  it("takes the same interpretation with a text version, and a short text interpretation as before", async () => {
    const graphic = await send("POST", "/api/v1/items", {
      title: "图解《资助办法》",
      body: TEXT_VERSION,
      kind: "interpretation",
      interprets: policyId,
      form: "graphic",
    });
    expect(graphic.statusCode, graphic.body).toBe(201);
    const text = await send("POST", "/api/v1/items", {
      title: "《资助办法》解读",
      body: "详见政策原文。",
      kind: "interpretation",
      interprets: policyId,
      form: "text",
    });
    expect(text.statusCode, text.body).toBe(201);

    // Shortening the graphic one's body, or turning the short text one into a 图解, is refused alike.
    const shortened = await send("PATCH", `/api/v1/items/${graphic.json().id}`, { body: "见图。" });
    expect(shortened.statusCode).toBe(400);
    expect(codes(shortened)).toEqual(["body:graphic_text_required"]);
    const turned = await send("PATCH", `/api/v1/items/${text.json().id}`, { form: "graphic" });
    expect(turned.statusCode).toBe(400);
    expect(codes(turned)).toEqual(["body:graphic_text_required"]);
    // A change to another field of the graphic one is not held up.
    const retitled = await send("PATCH", `/api/v1/items/${graphic.json().id}`, { title: "图解：资助办法" });
    expect(retitled.statusCode, retitled.body).toBe(200);
  });
});
