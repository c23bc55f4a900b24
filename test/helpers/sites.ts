import { systemActor } from "../../src/deps";
import { createUser } from "../../src/domains/accounts";
import { createSiteWithRoot } from "../../src/domains/orgs/sites.service";
import type { DialectContext } from "./db";

export const OTHER_SITE_ROOT = "oc-gov";

/** A second county next to the demo one (乙县, root organisation `oc-gov`), and staff of its own. */
export async function createOtherSite(
  ctx: DialectContext,
  staff: Array<{ username: string; roles: string[]; password: string }> = [],
) {
  const actor = systemActor("test");
  const created = await createSiteWithRoot(ctx.deps, actor, {
    code: "other-county",
    name: "乙县人民政府网站",
    identifier_code: "1502230001",
    division_code: "150223",
    root: { code: OTHER_SITE_ROOT, name: "乙县人民政府" },
  });
  for (const s of staff)
    await createUser(ctx.deps, actor, { ...s, name: s.username, orgCode: OTHER_SITE_ROOT });
  return created;
}
