import { expect, it, vi } from "vitest";
import { cliRunner } from "../../../test/helpers/cli";
import { describeEachDialect } from "../../../test/helpers/db";

// Each command starts Node and tsx (about a second); leave room on a loaded machine. Commands that do not
// depend on each other's outcome run at the same time.
vi.setConfig({ testTimeout: 180_000 });

const { gongkai } = cliRunner("sites-cli");

const DAMAO = [
  "site",
  "create",
  "--code",
  "damao",
  "--name",
  "达茂旗人民政府",
  "--division",
  "150223",
  "--identifier",
  "1502230001",
  "--root-org",
  "dmq",
  "--root-name",
  "达尔罕茂明安联合旗人民政府",
];

describeEachDialect("gongkai site / org / user create (CLI)", (ctx) => {
  const db = () => ctx.deps.db.kysely;
  const count = async (table: "sites" | "orgs" | "users") =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("refuses a bad site with exit 1, naming every problem with its code, and stores nothing", async () => {
    const r = await gongkai(
      ctx.testDb.url,
      "site",
      "create",
      "--code",
      "bad code",
      "--name",
      " ",
      "--division",
      "1502",
      "--identifier",
      "99",
      "--root-org",
      "a b",
      "--root-name",
      "",
      "--host",
      "gk.example.gov.cn:8080",
    );
    expect(r.code).toBe(1);
    for (const code of [
      "invalid_code",
      "required",
      "invalid_division_code",
      "invalid_identifier_code",
      "host_has_port",
    ]) {
      expect(r.stderr).toContain(`[${code}]`);
    }
    expect(r.stderr).toContain("root_org: 机构代码只能包含");
    expect(r.stderr).toContain("root_name: 请填写机构全称");
    expect(await count("sites")).toBe(0);
    expect(await count("orgs")).toBe(0);
  });

  it("creates a site and its root organisation (the people's government) in one step, audited", async () => {
    const r = await gongkai(ctx.testDb.url, ...DAMAO, "--host", "gk.damao.example.gov.cn");
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toContain("已创建站点 damao（达茂旗人民政府）及其根机构 dmq");
    const site = await db()
      .selectFrom("sites")
      .select(["id", "name", "division_code", "identifier_code", "hosts"])
      .where("code", "=", "damao")
      .executeTakeFirstOrThrow();
    expect(site).toMatchObject({ identifier_code: "1502230001", hosts: "gk.damao.example.gov.cn" });
    const rootOrg = await db()
      .selectFrom("orgs")
      .select(["site_id", "parent_id", "kind", "name", "division_code"])
      .where("code", "=", "dmq")
      .executeTakeFirstOrThrow();
    expect(rootOrg).toEqual({
      site_id: site.id,
      parent_id: null,
      kind: "government",
      name: "达尔罕茂明安联合旗人民政府",
      division_code: "150223",
    });
    const audit = await db()
      .selectFrom("audit_log")
      .select("action")
      .where("action", "in", ["site.create", "org.create"])
      .orderBy("seq")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["site.create", "org.create"]);

    const again = await gongkai(ctx.testDb.url, ...DAMAO);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("[site_exists]");
    expect(await count("sites")).toBe(1);
  });

  it("adds organisations under a parent of the site, and names every problem of a bad one", async () => {
    const ok = await gongkai(
      ctx.testDb.url,
      "org",
      "create",
      "--site",
      "damao",
      "--code",
      "dmq-jyj",
      "--name",
      "达茂旗教育局",
      "--parent",
      "dmq",
    );
    expect(ok).toMatchObject({ code: 0, stderr: "" });
    const org = await db()
      .selectFrom("orgs as o")
      .innerJoin("orgs as p", "p.id", "o.parent_id")
      .select(["o.kind", "p.code as parent"])
      .where("o.code", "=", "dmq-jyj")
      .executeTakeFirstOrThrow();
    expect(org).toEqual({ kind: "department", parent: "dmq" });

    const [bad, noParent] = await Promise.all([
      gongkai(
        ctx.testDb.url,
        "org",
        "create",
        "--site",
        "nowhere",
        "--code",
        "x y",
        "--name",
        "某局",
        "--parent",
        "dmq",
        "--kind",
        "ministry",
      ),
      gongkai(
        ctx.testDb.url,
        "org",
        "create",
        "--site",
        "damao",
        "--code",
        "dmq-x",
        "--name",
        "某局",
        "--parent",
        "gyx",
      ),
    ]);
    expect(bad.code).toBe(1);
    for (const code of ["site_not_found", "invalid_code", "invalid_kind"])
      expect(bad.stderr).toContain(`[${code}]`);
    expect(noParent.code).toBe(1);
    expect(noParent.stderr).toContain("[parent_not_found]");
    expect(await count("orgs")).toBe(2);
  });

  it("creates users in the only site by default; with several sites --site is required and named", async () => {
    const one = await gongkai(
      ctx.testDb.url,
      "user",
      "create",
      "--username",
      "dmq-admin",
      "--name",
      "包管理",
      "--org",
      "dmq",
      "--role",
      "admin",
    );
    expect(one.code).toBe(0);
    expect(one.stdout).toContain("已创建用户 dmq-admin");

    const second = await gongkai(
      ctx.testDb.url,
      "site",
      "create",
      "--code",
      "guyang2",
      "--name",
      "固阳县人民政府",
      "--division",
      "150222",
      "--identifier",
      "1502220001",
      "--root-org",
      "dmq",
      "--root-name",
      "固阳县人民政府",
    );
    expect(second.code).toBe(0);

    const [ambiguous, picked, unknown] = await Promise.all([
      gongkai(
        ctx.testDb.url,
        "user",
        "create",
        "--username",
        "dmq-office",
        "--name",
        "苏公开",
        "--org",
        "dmq",
        "--role",
        "office",
      ),
      gongkai(
        ctx.testDb.url,
        "user",
        "create",
        "--username",
        "platform-admin",
        "--name",
        "平台管理",
        "--org",
        "dmq",
        "--role",
        "admin",
        "--site",
        "guyang2",
        "--platform-admin",
      ),
      gongkai(
        ctx.testDb.url,
        "user",
        "create",
        "--username",
        "nobody",
        "--name",
        "某人",
        "--org",
        "dmq",
        "--role",
        "clerk",
        "--site",
        "nowhere",
      ),
    ]);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain("[site_required]");
    expect(ambiguous.stderr).toContain("damao（达茂旗人民政府）");
    expect(ambiguous.stderr).toContain("guyang2（固阳县人民政府）");
    expect(picked.code).toBe(0);
    const users = await db()
      .selectFrom("users as u")
      .innerJoin("orgs as o", "o.id", "u.org_id")
      .innerJoin("sites as s", "s.id", "o.site_id")
      .select(["u.username", "s.code as site", "u.platform_admin"])
      .orderBy("u.username")
      .execute();
    expect(users.map((u) => ({ ...u, platform_admin: Number(u.platform_admin) }))).toEqual([
      { username: "dmq-admin", site: "damao", platform_admin: 0 },
      { username: "platform-admin", site: "guyang2", platform_admin: 1 },
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("[site_not_found]");
  });
});
