import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { AppError } from "../platform/errors";
import { ErrorPage, installErrorHandlers } from "./errors";

const text = (html: string) => html.replace(/<[^>]+>/g, " ");

describe("HTML error pages", () => {
  it("show the message and what to do next, never the internal code", () => {
    const page = String(
      ErrorPage({ status: 404, code: "not_found", message: "页面不存在。", path: "/gk/x" }),
    );
    expect(text(page)).not.toContain("not_found");
    expect(text(page)).not.toContain("错误代码");
    expect(page).toContain("您访问的页面不存在或已被移除。");
    expect(page).toContain('href="/"');
    const forbidden = String(
      ErrorPage({ status: 403, code: "forbidden", message: "无权执行此操作。", path: "/admin/items" }),
    );
    expect(text(forbidden)).not.toContain("forbidden");
    expect(forbidden).toContain("联系网站管理员");
    expect(forbidden).toContain('href="/admin"');
    const login = String(
      ErrorPage({ status: 401, code: "unauthorized", message: "请先登录。", path: "/admin/audit" }),
    );
    expect(login).toContain("/admin/login?next=%2Fadmin%2Faudit");
  });

  it("give a 5xx a reference number that is logged with the error; the JSON API keeps its code", async () => {
    const logged: Array<Record<string, unknown>> = [];
    const app = Fastify({
      logger: {
        level: "error",
        stream: { write: (line: string) => logged.push(JSON.parse(line)) },
      },
    });
    installErrorHandlers(app);
    app.get("/boom", async () => {
      throw new Error("database exploded: secret detail");
    });
    app.get("/api/v1/boom", async () => {
      throw new AppError("item_not_found", 404, "信息不存在。");
    });
    const res = await app.inject({ url: "/boom" });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain("internal_error");
    expect(res.body).not.toContain("secret detail");
    const ref = /参考编号：(\d{8}-\d{6}-[0-9A-F]{6})/.exec(res.body)?.[1];
    expect(ref).toBeDefined();
    expect(logged.some((l) => l.reference === ref)).toBe(true);
    const api = await app.inject({ url: "/api/v1/boom" });
    expect(api.json()).toEqual({ error: { code: "item_not_found", message: "信息不存在。", details: [] } });
    await app.close();
  });
});
