import { type Migration, Migrator } from "kysely";
import pino from "pino";
import { expect, it } from "vitest";
import { createTestDb, testConfig, testDialects } from "../../../test/helpers/db";
import type { Db } from "../../db/connect";
import * as m0001 from "../../db/migrations/0001-foundation";
import * as m0002 from "../../db/migrations/0002-calendar";
import * as m0003 from "../../db/migrations/0003-catalog";
import * as m0004 from "../../db/migrations/0004-publishing";
import * as m0005 from "../../db/migrations/0005-attachments";
import * as m0006 from "../../db/migrations/0006-review";
import * as m0007 from "../../db/migrations/0007-applications";
import * as m0008 from "../../db/migrations/0008-application-documents";
import * as m0009 from "../../db/migrations/0009-applicant-files";
import * as m0010 from "../../db/migrations/0010-mail";
import * as m0011 from "../../db/migrations/0011-application-archive";
import * as m0012 from "../../db/migrations/0012-released-documents-encrypted";
import { migrateToLatest } from "../../db/migrator";
import { createDeps, systemActor } from "../../deps";
import { auditBindingOf, bindAudit } from "./audit.binding";
import { GENESIS_HASH, legacyHash } from "./audit.chain";
import { recordAudit, verifyAuditChain } from "./index";

const BEFORE_0013: Record<string, Migration> = {
  "0001-foundation": m0001,
  "0002-calendar": m0002,
  "0003-catalog": m0003,
  "0004-publishing": m0004,
  "0005-attachments": m0005,
  "0006-review": m0006,
  "0007-applications": m0007,
  "0008-application-documents": m0008,
  "0009-applicant-files": m0009,
  "0010-mail": m0010,
  "0011-application-archive": m0011,
  "0012-released-documents-encrypted": m0012,
};

/** A database as it stood before migration 0013, with three entries hashed the old way. */
async function legacyDatabase(db: Db): Promise<void> {
  const migrator = new Migrator({ db: db.kysely, provider: { getMigrations: async () => BEFORE_0013 } });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
  const k = db.kysely;
  const now = "2026-01-05T02:00:00.000Z";
  await k
    .insertInto("sites")
    .values({
      id: "site-a",
      code: "a",
      name: "甲县",
      identifier_code: "1500000001",
      division_code: "150001",
      icp_record: null,
      police_record: null,
      contact_phone: null,
      contact_address: null,
      contact_email: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const [id, parent] of [
    ["org-root", null],
    ["org-dept", "org-root"],
  ] as const)
    await k
      .insertInto("orgs")
      .values({
        id,
        site_id: "site-a",
        parent_id: parent,
        code: id,
        name: id,
        short_name: id,
        kind: parent ? "department" : "government",
        credit_code: null,
        division_code: null,
        sort_order: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
  await k
    .insertInto("users")
    .values({
      id: "u-clerk",
      username: "clerk",
      name: "甲",
      org_id: "org-dept",
      password_hash: "x",
      failed_logins: 0,
      locked_until: null,
      session_epoch: 0,
      disabled: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const rows = [
    {
      actor_id: "u-clerk",
      actor_label: "clerk（甲）",
      action: "auth.login",
      entity_type: "user",
      entity_id: "u-clerk",
    },
    {
      actor_id: null,
      actor_label: "cli:root",
      action: "org.create",
      entity_type: "org",
      entity_id: "org-dept",
    },
    {
      actor_id: "u-clerk",
      actor_label: "clerk（甲）",
      action: "item.create",
      entity_type: "item",
      entity_id: "gone",
    },
  ];
  let prev = GENESIS_HASH;
  for (const [i, r] of rows.entries()) {
    const e = { seq: i + 1, at: now, business_date: null, summary: "{}", prev_hash: prev, ...r };
    const hash = legacyHash(e);
    // biome-ignore lint/suspicious/noExplicitAny: the table as it was before 0013
    await (k as any)
      .insertInto("audit_log")
      .values({ ...e, hash })
      .execute();
    prev = hash;
  }
  // biome-ignore lint/suspicious/noExplicitAny: see above
  await (k as any).updateTable("audit_head").set({ last_seq: rows.length, last_hash: prev }).execute();
}

for (const dialect of testDialects()) {
  it(`[${dialect}] migration 0013 keeps old entries verifiable, seals them with the key and scopes them`, async () => {
    const t = await createTestDb(dialect, { migrate: false });
    const config = testConfig(t.url);
    const logger = pino({ level: "silent" });
    try {
      await legacyDatabase(t.db);

      // Without the key the migration cannot seal, and refuses rather than leave the prefix open.
      await expect(migrateToLatest(t.db)).rejects.toThrow(/gongkai db migrate/);

      await migrateToLatest(bindAudit(t.db, config, logger));
      const deps = createDeps(config, { db: t.db, logger });
      expect(await verifyAuditChain(deps)).toMatchObject({
        ok: true,
        entries: 3,
        keyedFrom: 4,
        anchor: { state: "missing" },
      });

      const scoped = await deps.db.kysely
        .selectFrom("audit_log")
        .select(["seq", "site_id", "org_id"])
        .orderBy("seq")
        .execute();
      expect(scoped.map((r) => [Number(r.seq), r.site_id, r.org_id])).toEqual([
        [1, "site-a", "org-dept"], // the user's own organisation
        [2, "site-a", "org-dept"], // the organisation created
        [3, "site-a", "org-dept"], // an item since gone: the acting user's organisation
      ]);

      await deps.db.kysely
        .transaction()
        .execute((trx) =>
          recordAudit(trx, deps.clock, systemActor("test"), { action: "test.after", entityType: "test" }),
        );
      await auditBindingOf(deps.db.kysely).anchor.flush();
      expect(await verifyAuditChain(deps)).toMatchObject({
        ok: true,
        entries: 4,
        anchor: { state: "ok", seq: 4 },
      });

      // An old entry edited: its plain SHA-256 no longer matches.
      const k = deps.db.kysely;
      await k.updateTable("audit_log").set({ summary: '{"x":1}' }).where("seq", "=", 2).execute();
      expect(await verifyAuditChain(deps)).toMatchObject({ ok: false, seq: 2, problem: "hash_mismatch" });
      await k.updateTable("audit_log").set({ summary: "{}" }).where("seq", "=", 2).execute();

      // The seal is keyed: another key, or a made-up seal, fails at the last unkeyed entry.
      const other = createDeps(testConfig(t.url, { secretKey: Buffer.alloc(32, 1) }), { db: t.db, logger });
      expect(await verifyAuditChain(other)).toMatchObject({ ok: false, seq: 3, problem: "seal_mismatch" });
      const head = await k.selectFrom("audit_head").select("legacy_seal").executeTakeFirstOrThrow();
      await k
        .updateTable("audit_head")
        .set({ legacy_seal: "0".repeat(64) })
        .execute();
      expect(await verifyAuditChain(deps)).toMatchObject({ ok: false, seq: 3, problem: "seal_mismatch" });
      await k.updateTable("audit_head").set({ legacy_seal: head.legacy_seal }).execute();

      // Moving the switch point (to pass keyed entries off as unkeyed ones) fails at the first entry moved.
      await k.updateTable("audit_head").set({ keyed_from_seq: 5 }).execute();
      expect(await verifyAuditChain(deps)).toMatchObject({ ok: false, seq: 4 });
      expect(await verifyAuditChain(deps, { ignoreHeadFile: true })).toMatchObject({ ok: false, seq: 4 });
      await k.updateTable("audit_head").set({ keyed_from_seq: 4 }).execute();
      expect((await verifyAuditChain(deps)).ok).toBe(true);
    } finally {
      await t.destroy();
    }
  }, 60_000);
}
