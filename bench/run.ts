// `npm run bench [-- NAME…]`: every benchmark (or the named ones: pages, publishing, applications, search, reports, static, reliability, review, paging, startup),
// each printing ratios against a baseline measured in the same run.
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";

// Every bench runs `gongkai serve` as shipped: the compiled dist/, built here from this checkout first, and
// chosen explicitly (bin/gongkai.mjs would otherwise run the sources through tsx whenever a source is newer).
execFileSync(process.execPath, ["scripts/build.mjs", "--quiet"], {
  cwd: resolve(import.meta.dirname, ".."),
  stdio: "inherit",
});
process.env.GONGKAI_RUNTIME ??= "dist";

const wanted = new Set(process.argv.slice(2));
const want = (name: string) => wanted.size === 0 || wanted.has(name);

if (want("pages")) {
  const { benchPages } = await import("./pages.bench");
  await benchPages();
}
if (want("publishing")) {
  const { benchPublishing } = await import("./publishing.bench");
  await benchPublishing();
}
if (want("applications")) {
  const { benchApplications } = await import("./applications.bench");
  await benchApplications();
}
if (want("search")) {
  const { benchSearch } = await import("./search.bench");
  await benchSearch();
}
if (want("reports")) {
  const { benchReports } = await import("./reports.bench");
  await benchReports();
}
if (want("static")) {
  const { benchStatic } = await import("./static");
  await benchStatic();
}
if (want("reliability")) {
  const { benchReliability } = await import("./reliability");
  await benchReliability();
}
if (want("paging")) {
  const { benchPaging } = await import("./paging");
  await benchPaging();
}
if (want("startup")) {
  const { benchStartup } = await import("./startup");
  await benchStartup();
}
if (want("review")) {
  // The review engine's benchmark prints when imported.
  await import("./review.bench");
}
