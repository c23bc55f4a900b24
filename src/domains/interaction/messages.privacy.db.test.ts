import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import type { FastifyBaseLogger } from "fastify";
import { sql } from "kysely";
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { seedTestDemo } from "../../../test/helpers/demo-template";
import { buildApp } from "../../app";
import { type Deps, systemActor } from "../../deps";
import type { AppInstance } from "../../web/types";
import { createUser } from "../accounts";

// The asker's name, phone and e-mail never appear in clear in the database (SQLite: the file and its WAL,
// read as bytes; PostgreSQL: every text column of every table), in the logs (at debug level), or in the
// published Q&A; staff who handle the message read them decrypted.
const NAME = "欧阳隐私";
const PHONE = "13698765432";
const EMAIL = "ouyang.private@example.com";
const SECRETS = [NAME, PHONE, EMAIL];

describeEachDialect("messages: the asker's contact data never in clear", (ctx) => {
  let app: AppInstance;
  const lines: string[] = [];
  beforeAll(async () => {
    await seedTestDemo(ctx);
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = pino({ level: "debug" }, sink) as unknown as FastifyBaseLogger;
    app = await buildApp({ ...ctx.deps, logger } as Deps, {
      rateLimitPerMinute: 100_000,
      applicationsPerHour: 100_000,
      submissionsPerHour: 100_000,
    });
    await app.ready();
  });
  afterAll(async () => app?.close());

  /** Everything stored, as text: SQLite's file and WAL bytes; PostgreSQL's rows of every table. */
  async function stored(): Promise<string> {
    if (ctx.dialect === "sqlite") {
      const file = ctx.testDb.url.replace(/^sqlite:/, "");
      return ["", "-wal"]
        .map((suffix) => {
          try {
            return readFileSync(`${file}${suffix}`).toString("utf8");
          } catch {
            return "";
          }
        })
        .join("\n");
    }
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`.execute(
      ctx.deps.db.kysely,
    );
    const out: string[] = [];
    for (const { table_name } of tables.rows) {
      const rows = await sql`SELECT * FROM ${sql.table(table_name)}`.execute(ctx.deps.db.kysely);
      out.push(JSON.stringify(rows.rows));
    }
    return out.join("\n");
  }

  it("stores, logs and publishes none of them; the office reads them", async () => {
    const office = await tokenFor(ctx, "demo-office");
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/messages",
      payload: {
        type: "suggest",
        title: "建议增设公交站点",
        body: "建议在银号镇卫生院门口增设公交站点，方便老人就医。",
        name: NAME,
        phone: PHONE,
        email: EMAIL,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { id, tracking_code, secret } = res.json();
    const step = async (body: Record<string, unknown>) => {
      const r = await app.inject({
        method: "POST",
        url: `/api/v1/messages/${id}/actions`,
        headers: bearer(office),
        payload: body,
      });
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    await step({ action: "accept" });
    await step({ action: "draft_reply", body: "您好：已转交县交通运输部门研究。" });
    const reviewer = await tokenFor(ctx, "demo-county-reviewer");
    expect((await app.inject({ url: `/api/v1/messages/${id}`, headers: bearer(reviewer) })).statusCode).toBe(
      403,
    );
    // Approved by someone other than the drafter (four eyes).
    await createUser(ctx.deps, systemActor("test"), {
      username: "office-b",
      name: "公开办乙",
      orgCode: "gyx",
      roles: ["office"],
      password: "Privacy-Messages-Pw-2026!",
    });
    const officeB = await tokenFor(ctx, "office-b");
    const ok = await app.inject({
      method: "POST",
      url: `/api/v1/messages/${id}/actions`,
      headers: bearer(officeB),
      payload: { action: "approve_reply" },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const published = await step({ action: "publish" });
    expect(published).toMatchObject({ name: NAME, phone: PHONE, email: EMAIL, published: true });
    await app.inject(`/api/v1/messages/track?code=${tracking_code}&secret=${secret}`);
    const page = await app.inject("/api/v1/search?q=公交站点");
    expect(page.body).toContain(`/hd/messages/${id}`);

    const db = await stored();
    const logs = lines.join("");
    expect(logs.length).toBeGreaterThan(0);
    // The scan reads what is stored: the message text itself is there in clear.
    expect(db).toContain("银号镇卫生院门口");
    for (const s of SECRETS) {
      expect(db, `${s} in the database`).not.toContain(s);
      expect(logs, `${s} in the logs`).not.toContain(s);
      expect(page.body).not.toContain(s);
    }
  });
});
