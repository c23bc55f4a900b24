// The demo county's normative-document ledger (规范性文件台账): every demo 规范性文件 is registered with its
// legality review by the county's justice bureau and the executive meeting's decision on the day it is drafted
// (publish.ts calls recordDemoReview), so it can be released; with the county's history, each is filed with the
// city government a week after publication — one three weeks after, late — and the office runs one clean-up
// that declares the documents past their validity 失效 and the others 继续有效, its lists released through the workflow.
import type { Deps } from "../deps";
import type { CurrentUser } from "../domains/accounts";
import { createCleanup, recordFiling, recordReview, releaseCleanup } from "../domains/normative";
import { performAction } from "../domains/publishing";
import { shanghaiDateOf } from "../platform/time";
import { addDays } from "./timeline";

/** The legality review and collective decision of a demo normative draft, on the day it is drafted. */
export async function recordDemoReview(
  deps: Deps,
  who: CurrentUser,
  itemId: string,
  on: string,
): Promise<void> {
  await recordReview(deps, who, itemId, {
    review_body: "固阳县司法局",
    reviewed_on: on,
    review_opinion:
      "经审核，该文件制定主体适格，内容不违反法律、法规和上级文件规定，未设定行政许可、行政处罚等事项，同意提请集体讨论。",
    decision_body: "固阳县人民政府常务会议",
    decided_on: on,
  });
}

/** Filings and one clean-up at the end of the county's history (`serve --demo`, `seed demo`). */
/** The demo staff this needs (publish.ts's DemoStaff has them; not imported, as publish.ts imports this file). */
type LedgerStaff = Record<"office" | "countyReviewer" | "countySigner", CurrentUser>;

export async function seedDemoNormative(deps: Deps, staff: LedgerStaff): Promise<void> {
  const db = deps.db.kysely;
  const docs = await db
    .selectFrom("items")
    .innerJoin("normative_entries as e", "e.item_id", "items.id")
    .select(["items.id", "items.title", "items.org_id", "items.published_on", "e.expires_on"])
    .where("items.site_id", "=", staff.office.siteId)
    .where("items.kind", "=", "normative")
    .where("items.status", "=", "published")
    .orderBy("items.published_on")
    .execute();
  if (docs.length === 0) return;
  const today = shanghaiDateOf(deps.clock.now());
  for (const [i, d] of docs.entries()) {
    // The second document is filed three weeks after publication: past the 15 days (逾期备案).
    const filed = addDays(d.published_on!, i === 1 ? 21 : 7);
    if (filed > today) continue;
    await recordFiling(deps, staff.office, d.id, {
      filed_on: filed,
      filed_with: "包头市人民政府",
      filing_number: `包府备〔${filed.slice(0, 4)}〕${i + 1}号`,
    });
  }
  const year = today.slice(0, 4);
  const cleanup = await createCleanup(deps, staff.office, {
    title: `固阳县人民政府关于${year}年规范性文件清理结果的公告`,
    // Past its validity and not renewed: 失效; the others stay in force.
    entries: docs.map((d) => ({
      item: d.id,
      outcome: d.expires_on && d.expires_on < today ? "expired" : "continue",
    })),
  });
  const { item_id } = await releaseCleanup(deps, staff.office, cleanup.id);
  await performAction(deps, staff.office, item_id, { action: "submit" });
  await performAction(deps, staff.countyReviewer, item_id, { action: "approve" });
  await performAction(deps, staff.countySigner, item_id, { action: "sign" });
  await performAction(deps, staff.countySigner, item_id, { action: "publish" });
}
