// The site search domain (issue 12): what other code may use.
export {
  addDictionaryTerms,
  authoriseSearchAdmin,
  listDictionary,
  removeDictionaryTerm,
} from "./search.dictionary";
export {
  countSiteDocs,
  type IndexHealth,
  indexHealth,
  type ReindexProgress,
  type ReindexResult,
  reindexSite,
} from "./search.maintenance";
export { registerSearchRoutes } from "./search.routes";
export {
  type PresentedHit,
  readSearchParams,
  runSearch,
  type SearchOutput,
  type SearchView,
  searchJson,
} from "./search.service";
export { registerSearchSource, type SearchSource, searchSources, TYPE_LABELS } from "./sources";
