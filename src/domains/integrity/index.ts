export { canonicalContentV1, contentSha256V1, publishedFileSha } from "./integrity.canonical";
export { computeContentSha, stampContentHash } from "./integrity.stamp";
