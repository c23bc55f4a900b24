import { afterAll, beforeAll, expect, it } from "vitest";
import { buildTestApp } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { seedTestDemo } from "../../../test/helpers/demo-template";
import { mnTestSubject } from "../../../test/helpers/mn-subjects";
import { AppError } from "../../platform/errors";
import type { AppInstance } from "../../web/types";
import { type CurrentUser, findCurrentUser } from "../accounts";
import { createItem } from "../publishing";
import { mnKinds } from "./mongolian.kinds";
import { actOnMn, saveMnDraft } from "./mongolian.service";
import type { MnSubjectType } from "./mongolian.tables";

const TITLE = "ᠲᠤᠷᠰᠢᠯᠲᠠ";
const BODY = "<p>ᠵᠠᠰᠠᠭ ᠤᠨ ᠮᠡᠳᠡᠭᠡ</p>";

// Each step of a Mongolian version's review is load, lock, check, write in one transaction: the same step
// fired twice at once (a double click, two tabs) is taken once; two first drafts make one revision.
describeEachDialect("Mongolian version steps fired twice at once", (ctx) => {
  const u: Record<string, CurrentUser> = {};
  beforeAll(async () => {
    await seedTestDemo(ctx);
    for (const name of ["demo-clerk", "demo-reviewer"]) u[name] = (await findCurrentUser(ctx.deps, name))!;
  }, 120_000);

  const warmPool = () =>
    Promise.all(
      Array.from({ length: 4 }, () => ctx.deps.db.kysely.selectFrom("sites").select("id").limit(1).execute()),
    );
  const twice = async (run: () => Promise<unknown>) => {
    await warmPool();
    const results = await Promise.allSettled([run(), run()]);
    return results
      .map((r) => {
        if (r.status === "fulfilled") return "200";
        if (r.reason instanceof AppError) return `${r.reason.status} ${r.reason.code}`;
        throw r.reason;
      })
      .sort();
  };
  const item = (title: string) =>
    createItem(ctx.deps, u["demo-clerk"]!, { title, body: "内容", kind: "notice" });
  const rows = async (lineage: string) =>
    ctx.deps.db.kysely
      .selectFrom("mn_versions")
      .select(["revision", "status"])
      .where("subject_id", "=", lineage)
      .execute();
  const audits = async (action: string) =>
    Number(
      (
        await ctx.deps.db.kysely
          .selectFrom("audit_log")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("action", "=", action)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("two first drafts at once make one revision", async () => {
    const it0 = await item("蒙古文并发起草");
    expect(
      await twice(() =>
        saveMnDraft(ctx.deps, u["demo-clerk"]!, "item", it0.id, { title: TITLE, body: BODY }),
      ),
    ).toEqual(["200", "200"]);
    expect(await rows(it0.lineage_id)).toEqual([{ revision: 1, status: "draft" }]);
  });

  it("a double-clicked submit and approve are each taken once", async () => {
    const it1 = await item("蒙古文并发审核");
    await saveMnDraft(ctx.deps, u["demo-clerk"]!, "item", it1.id, { title: TITLE, body: BODY });
    const submits = await audits("mn.submit");
    // The second finds the revision already submitted; after an approval there is no open revision left.
    expect(
      await twice(() => actOnMn(ctx.deps, u["demo-clerk"]!, "item", it1.id, { action: "submit" })),
    ).toEqual(["200", "409 invalid_transition"]);
    expect(await audits("mn.submit")).toBe(submits + 1);
    const approvals = await audits("mn.approve");
    expect(
      await twice(() => actOnMn(ctx.deps, u["demo-reviewer"]!, "item", it1.id, { action: "approve" })),
    ).toEqual(["200", "409 mn_no_draft"]);
    expect(await audits("mn.approve")).toBe(approvals + 1);
    expect(await rows(it1.lineage_id)).toEqual([{ revision: 1, status: "approved" }]);
  });

  it("approving a new revision while another approval runs leaves one approved revision", async () => {
    const it2 = await item("蒙古文并发替换");
    const approve = async () => {
      await saveMnDraft(ctx.deps, u["demo-clerk"]!, "item", it2.id, { title: TITLE, body: BODY });
      await actOnMn(ctx.deps, u["demo-clerk"]!, "item", it2.id, { action: "submit" });
      await actOnMn(ctx.deps, u["demo-reviewer"]!, "item", it2.id, { action: "approve" });
    };
    await approve();
    await saveMnDraft(ctx.deps, u["demo-clerk"]!, "item", it2.id, { title: `${TITLE} ᠰᠢᠨ᠎ᠡ`, body: BODY });
    await actOnMn(ctx.deps, u["demo-clerk"]!, "item", it2.id, { action: "submit" });
    expect(
      await twice(() => actOnMn(ctx.deps, u["demo-reviewer"]!, "item", it2.id, { action: "approve" })),
    ).toEqual(["200", "409 mn_no_draft"]);
    const all = (await rows(it2.lineage_id)).sort((a, b) => Number(a.revision) - Number(b.revision));
    expect(all.map((r) => [Number(r.revision), r.status])).toEqual([
      [1, "superseded"],
      [2, "approved"],
    ]);
  });
});

/** Who drafts and who approves each later domain's translation (its own policy's manage and review people). */
const KIND_PEOPLE: Record<Exclude<MnSubjectType, "item" | "catalog_node">, [string, string]> = {
  service_item: ["demo-office", "demo-county-reviewer"],
  gazette_issue: ["demo-office", "demo-county-signer"],
  consultation: ["demo-clerk", "demo-office"],
  meeting: ["demo-clerk", "demo-office"],
  service_list: ["demo-office", "demo-county-reviewer"],
  service_report: ["demo-office", "demo-county-reviewer"],
  service_bundle: ["demo-office", "demo-county-reviewer"],
  service_hall: ["demo-office", "demo-county-reviewer"],
};

// Every later domain's subject registered with the Mongolian domain (mnKinds(), as the app registers them): two
// approvals of the same submitted translation at once are taken once, with one audit entry.
describeEachDialect("Mongolian approvals of every registered kind fired twice at once", (ctx) => {
  let app: AppInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx, { services: true });
  }, 600_000);
  afterAll(async () => app?.close());

  it("gives one 200 and one 409 for each kind, with one approval audited", async () => {
    const kinds = mnKinds();
    expect(kinds.map((k) => k.type).sort()).toEqual(Object.keys(KIND_PEOPLE).sort());
    for (const kind of kinds) {
      const [drafter, approver] = KIND_PEOPLE[kind.type].map((n) => findCurrentUser(ctx.deps, n));
      const id = await mnTestSubject(ctx.deps, kind.type, `蒙古文并发审核${kind.label}`);
      const draft = await saveMnDraft(ctx.deps, (await drafter)!, kind.type, id, {
        title: TITLE,
        body: BODY,
      });
      await actOnMn(ctx.deps, (await drafter)!, kind.type, id, { action: "submit" });
      const by = (await approver)!;
      await Promise.all(
        Array.from({ length: 4 }, () =>
          ctx.deps.db.kysely.selectFrom("sites").select("id").limit(1).execute(),
        ),
      );
      const results = await Promise.allSettled([
        actOnMn(ctx.deps, by, kind.type, id, { action: "approve" }),
        actOnMn(ctx.deps, by, kind.type, id, { action: "approve" }),
      ]);
      const outcomes = results
        .map((r) => {
          if (r.status === "fulfilled") return "200";
          if (r.reason instanceof AppError) return `${r.reason.status} ${r.reason.code}`;
          throw r.reason;
        })
        .sort();
      expect(outcomes, kind.type).toEqual(["200", "409 mn_no_draft"]);
      const audited = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select("action")
        .where("entity_type", "=", "mn_version")
        .where("entity_id", "=", draft.open!.id)
        .where("action", "=", "mn.approve")
        .execute();
      expect(audited.length, kind.type).toBe(1);
      const rows = await ctx.deps.db.kysely
        .selectFrom("mn_versions")
        .select("status")
        .where("subject_type", "=", kind.type)
        .where("subject_id", "=", id)
        .execute();
      expect(
        rows.map((r) => r.status),
        kind.type,
      ).toEqual(["approved"]);
    }
  });
});
