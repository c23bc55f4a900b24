import { expect, it } from "vitest";
import { createTestDb, testDialects } from "../../test/helpers/db";
import { migrateToLatest } from "./migrator";

for (const dialect of testDialects()) {
  it(`[${dialect}] migrations apply on an empty database, then are a no-op, and tables accept Chinese text`, async () => {
    const t = await createTestDb(dialect, { migrate: false });
    try {
      const first = await migrateToLatest(t.db);
      expect(first[0]).toBe("0001-foundation");
      expect(await migrateToLatest(t.db)).toEqual([]);
      const head = await t.db.kysely
        .selectFrom("audit_head")
        .select(["last_seq", "last_hash"])
        .executeTakeFirstOrThrow();
      expect(Number(head.last_seq)).toBe(0);
      const now = new Date().toISOString();
      await t.db.kysely
        .insertInto("sites")
        .values({
          id: "s1",
          code: "t",
          name: "内蒙古自治区𠀀测试",
          identifier_code: "1502220001",
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
      const row = await t.db.kysely.selectFrom("sites").select("name").executeTakeFirstOrThrow();
      expect(row.name).toBe("内蒙古自治区𠀀测试");
      // Foreign keys are enforced on both engines.
      await expect(
        t.db.kysely
          .insertInto("orgs")
          .values({
            id: "o1",
            site_id: "missing",
            parent_id: null,
            code: "x",
            name: "x",
            short_name: "x",
            kind: "department",
            credit_code: null,
            division_code: null,
            sort_order: 0,
            created_at: now,
            updated_at: now,
          })
          .execute(),
      ).rejects.toThrow();
    } finally {
      await t.destroy();
    }
  });
}
