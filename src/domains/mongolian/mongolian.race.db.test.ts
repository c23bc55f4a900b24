import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../../../test/helpers/db";
import { seedTestDemo } from "../../../test/helpers/demo-template";
import { AppError } from "../../platform/errors";
import { type CurrentUser, findCurrentUser } from "../accounts";
import { createItem } from "../publishing";
import { actOnMn, saveMnDraft } from "./mongolian.service";

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
