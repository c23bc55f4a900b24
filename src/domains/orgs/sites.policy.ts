// Who may see and create sites: a platform administrator (平台管理员) only, a flag on the account rather than
// a role, because a role is scoped to an organisation of one site and this reaches across all of them.
import { forbidden } from "../../platform/errors";

export type SiteAction = "site.list" | "site.create";

export interface SitePolicySubject {
  platformAdmin?: boolean;
}

export const mayManageSites = (user: SitePolicySubject | null | undefined): boolean =>
  user?.platformAdmin === true;

export function authoriseSites(user: SitePolicySubject, _action: SiteAction): void {
  if (!mayManageSites(user)) throw forbidden("只有平台管理员可以查看和创建站点。");
}
