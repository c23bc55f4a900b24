export { OrgTree } from "./org-tree";
export type { Org, Site } from "./orgs.repo";
export { CreateOrgBody, type CreateOrgInput, ORG_KINDS, OrgView } from "./orgs.schemas";
export {
  createOrg,
  findOrgByCodeAnySite,
  findOrgInSite,
  getOrg,
  loadOrgTree,
} from "./orgs.service";
export { authoriseSites, mayManageSites, type SiteAction } from "./sites.policy";
export {
  type CreateSiteInput,
  createSite,
  createSiteWithRoot,
  DEFAULT_INDEX_PATTERN,
  getSite,
  hostsOf,
  listSites,
  type RootOrgInput,
  resolvePublicSite,
  resolveSite,
  type SiteRequest,
  siteById,
  siteForHost,
} from "./sites.service";
