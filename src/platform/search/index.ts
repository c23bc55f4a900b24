// The search engine (issue 12, docs/search.md): one index over everything public, the same results on
// SQLite and PostgreSQL. Domains describe their records as SearchDoc and write them with upsertDocs/removeDocs
// in the transaction that publishes, revises or withdraws them.
export { fingerprintDoc, MAX_BODY_CHARS, MAX_TITLE_CHARS, naturalKey, publicationYear } from "./doc-tokens";
export { optimizeSearchIndex } from "./optimize";
export {
  MAX_QUERY_LENGTH,
  type ParsedQuery,
  type ParseResult,
  parseQuery,
  QUERY_EMPTY,
  QUERY_TOO_LONG,
  type QueryTerm,
  sanitiseQuery,
} from "./query";
export type {
  SearchDoc,
  SearchDocType,
  SearchHit,
  SearchIndex,
  SearchQuery,
  SearchResult,
} from "./search.types";
export { COUNT_CAP, filterExpr, getSearchIndex, MAX_PAGE, MAX_PER_PAGE } from "./search-index";
export { BUILTIN_TERMS, getJieba, segmentQuery } from "./segment";
export { bodySnippet, escapeHtml, highlightTitle, matchRanges } from "./snippets";
export {
  type AddTermsInput,
  addTerms,
  checkTerm,
  dictionaryOf,
  listTerms,
  MAX_TERM_CHARS,
  removeTerm,
  type SearchTerm,
  TERM_KINDS,
  type TermKind,
} from "./terms";
export { docNumberKey, normaliseDocNumber, phraseOf, textTokens } from "./tokens";
