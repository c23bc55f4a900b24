export { OrgTree } from "./org-tree";
export type { Org, Site } from "./orgs.repo";
export { CreateOrgBody, type CreateOrgInput, ORG_KINDS, OrgView } from "./orgs.schemas";
export {
  type CreateSiteInput,
  createOrg,
  createSite,
  findOrgByCodeAnySite,
  getOrg,
  getSite,
  listSites,
  loadOrgTree,
} from "./orgs.service";
