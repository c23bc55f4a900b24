export { type CatalogChange, nodeHistory } from "./catalog.history";
export { registerCatalogRoutes } from "./catalog.routes";
export { catalogDocsOfSite, catalogOrgDocs, syncCatalogOrgInIndex } from "./catalog.search";
export { initCatalogForOrg, type SeedOrgResult, seedCatalogs } from "./catalog.seed";
export type { StandardRow } from "./catalog.seed-areas";
export { catalogTemplateFor, type NodeTemplate, STANDARD_AREAS } from "./catalog.seed-data";
export {
  archiveNode,
  type CreateNodeCommand,
  catalogNodePath,
  createNode,
  findCatalogNodeByCode,
  getCatalogNode,
  listActiveColumns,
  listCatalogOrgs,
  listCatalogTree,
  moveNode,
  reorderNode,
  restoreNode,
  type UpdateNodeCommand,
  updateNode,
} from "./catalog.service";
export type { CatalogTables, UpdateRule } from "./catalog.tables";
export { type CatalogNode, updateRuleLabel } from "./catalog.tree";
export { catalogMnNames, provideCatalogMnNames } from "./mn-names-port";
