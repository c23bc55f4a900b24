import type { Executor } from "../../deps";
import { findOrgById, findSiteById } from "../orgs/orgs.repo";
import { expandIndexPattern } from "./index-number";
import { nextSerial } from "./publishing.repo";

/** Allocates the 索引号 of an item published now, inside the publishing transaction. */
export async function allocateIndexNumber(
  trx: Executor,
  siteId: string,
  orgId: string,
  publishedOn: string,
): Promise<string> {
  const site = await findSiteById(trx, siteId);
  const org = await findOrgById(trx, orgId);
  if (!site || !org) throw new Error(`site ${siteId} or org ${orgId} missing`);
  const { prefix, render } = expandIndexPattern(site.index_pattern, {
    creditCode: org.credit_code,
    orgCode: org.code,
    year: Number(publishedOn.slice(0, 4)),
  });
  return render(await nextSerial(trx, prefix));
}
