// Issue 11, item 4: the handler is chosen from a list of the staff eligible to handle the application, not typed.
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildTestApp } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { createOtherSite } from "../../../test/helpers/sites";
import { DEMO_PASSWORD } from "../../demo/seed";
import { systemActor } from "../../deps";
import { fixedClock } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { createUser, updateAccountStatus } from "../accounts";
import { getSite, loadOrgTree } from "../orgs";
import { eligibleHandlers } from "./applications.policy";
import { findApplicationRow } from "./applications.service";

const PASSWORD = "Handler-Test-Pw-2026!";
const clock = fixedClock("2025-03-20T02:00:00Z");

describeEachDialect(
  "the handler list of an application",
  (ctx) => {
    let app: AppInstance;

    beforeAll(async () => {
      app = await buildTestApp(ctx);
      const actor = systemActor("test");
      await createOtherSite(ctx, [{ username: "b-office", roles: ["office"], password: PASSWORD }]);
      for (const [username, org, role] of [
        ["fin-office", "gyx-czj", "office"],
        ["fin-clerk", "gyx-czj", "clerk"],
        ["fin-gone", "gyx-czj", "office"],
        ["edu-office", "gyx-jyj", "office"],
      ] as const) {
        const u = await createUser(ctx.deps, actor, {
          username,
          name: `${username}姓名`,
          orgCode: org,
          roles: [role],
          password: PASSWORD,
        });
        if (username === "fin-gone") await updateAccountStatus(ctx.deps, actor, u.id, "disable");
      }
    });
    afterAll(async () => app?.close());

    const usernames = (groups: Awaited<ReturnType<typeof eligibleHandlers>>) =>
      groups.flatMap((g) => g.handlers.map((h) => h.username)).sort();

    it("offers only enabled staff of the site who may handle that organisation's applications", async () => {
      const site = await getSite(ctx.deps);
      const tree = await loadOrgTree(ctx.deps, site.id);
      const fin = tree.flatten(site.id).find(({ org }) => org.code === "gyx-czj")!.org;
      const groups = await eligibleHandlers(ctx.deps, site.id, tree, [fin.id]);
      // The county office handles the whole county (subtree); the bureau's own office handles the bureau.
      expect(usernames(groups)).toEqual(["demo-office", "fin-office"]);
      expect(groups.map((g) => g.org.code)).toEqual(["gyx", "gyx-czj"]);
      // Another department's office, a clerk, a disabled account, an inspector, another county: never.
      const root = tree.roots(site.id)[0]!;
      expect(usernames(await eligibleHandlers(ctx.deps, site.id, tree, [root.id]))).toEqual(["demo-office"]);
      const all = usernames(
        await eligibleHandlers(
          ctx.deps,
          site.id,
          tree,
          tree.flatten(site.id).map(({ org }) => org.id),
        ),
      );
      expect(all).toEqual(["demo-office", "edu-office", "fin-office"]);
    });

    it("shows the list on the detail page, grouped by organisation, and assigns from it without JavaScript", async () => {
      const s = new Session(app);
      await s.login("demo-office", DEMO_PASSWORD);
      let csrf = await s.csrfFrom("/admin/applications/new");
      const made = await s.post("/admin/applications/new", {
        _csrf: csrf,
        channel: "in_person",
        on: "2025-03-19",
        "applicant.type": "natural",
        "applicant.name": "李四",
        "applicant.id_type": "resident_id",
        "applicant.id_number": "110101199003074514",
        "applicant.address": "固阳县金山镇1号",
        description: "申请公开2024年县财政局部门预算。",
        delivery: "pickup",
      });
      expect(made.statusCode, made.body).toBe(303);
      const id = /\/admin\/applications\/([^/?]+)$/.exec(made.headers.location as string)![1]!;
      const page = await s.get(`/admin/applications/${id}`);
      expect(page.body).toContain('<select id="assign-handler" name="handler"');
      expect(page.body).toContain('<optgroup label="固阳县财政局">');
      expect(page.body).toContain(
        '<option value="fin-office">固阳县财政局 — fin-office姓名（fin-office）</option>',
      );
      for (const never of ["fin-clerk", "fin-gone", "b-office", "demo-inspector"])
        expect(page.body).not.toContain(`value="${never}"`);

      // Another department's officer for the finance bureau: refused and named, nothing saved.
      csrf = await s.csrfFrom(`/admin/applications/${id}`);
      const wrong = await s.post(`/admin/applications/${id}/actions`, {
        _csrf: csrf,
        action: "assign",
        org: "gyx-czj",
        handler: "edu-office",
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain("不能办理该单位的依申请公开");
      expect((await findApplicationRow(ctx.deps, id))?.handler_id).toBeNull();

      const ok = await s.post(`/admin/applications/${id}/actions`, {
        _csrf: csrf,
        action: "assign",
        org: "gyx-czj",
        handler: "fin-office",
      });
      expect(ok.statusCode, ok.body).toBe(303);
      const row = await findApplicationRow(ctx.deps, id);
      expect(row?.org_id).not.toBeNull();
      expect(row?.handler_id).not.toBeNull();
    });
  },
  { clock },
);
