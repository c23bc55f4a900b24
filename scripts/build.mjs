#!/usr/bin/env node
// `npm run build` (also run by `npm ci` through "prepare"): compiles the server to dist/ with esbuild, so
// production starts plain JavaScript instead of transpiling TypeScript at every start (bin/gongkai.mjs picks
// dist/ when it is current). Plain JavaScript only: esbuild is a production dependency, nothing from
// devDependencies is needed, and the build takes about a second.
//
// - Entry points: src/main.ts (the `gongkai` command) and the file worker (src/platform/files/worker.ts, which
//   the pool starts as a worker thread), each one self-contained file: a server that is running while dist/
//   is rebuilt has its code loaded already and never asks for a chunk the new build no longer has. Modules
//   the sources import lazily (the server, the demo county) are still evaluated only when asked for.
// - Every package stays external: node_modules is read at run time as before (native modules, fonts, data).
// - `new URL("./relative", import.meta.url)` in the sources (assets, package.json, the demo's text, the file
//   worker) is rewritten to the same file seen from dist/, so each still resolves from the bundle; the file
//   worker's entry points at the compiled worker.
// - dist/build-info.json lists the sources that went in and when: bin/gongkai.mjs uses dist/ only while no
//   source changed since (or whenever NODE_ENV=production).
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, extname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const src = join(root, "src");

/** Source files that are replaced by a compiled entry point (path relative to the root → output file). */
const COMPILED = {
  "src/platform/files/worker-entry.mjs": "./file-worker.js",
};

const NEW_URL = /new URL\(\s*(["'])(\.\.?\/[^"']*)\1\s*,\s*import\.meta\.url\s*\)/g;

/** Rewrites the relative `new URL(…, import.meta.url)` of one source file to resolve from dist/. */
export function rewriteUrls(file, code) {
  return code.replace(NEW_URL, (_all, _q, rel) => {
    const target = resolve(dirname(file), rel);
    const key = relative(root, target).split("\\").join("/");
    const fromDist = COMPILED[key] ?? relative(dist, target).split("\\").join("/");
    const slash = rel.endsWith("/") && !fromDist.endsWith("/") ? "/" : "";
    return `new URL(${JSON.stringify(fromDist + slash)}, import.meta.url)`;
  });
}

const require = createRequire(import.meta.url);
const SUBPATH = /^((?:@[^/]+\/)?[^./@][^/]*)\/(.+)$/;

/**
 * `pkg/sub` of a package without an "exports" map is found by tsx and bundlers (CommonJS lookup: `dict` →
 * `dict.js`) but not by Node's ESM loader, which wants the file's exact name: the bundle names the file.
 */
const exactSubpaths = {
  name: "exact-subpaths",
  setup(b) {
    b.onResolve({ filter: SUBPATH }, (args) => {
      const [, pkg, sub] = args.path.match(SUBPATH);
      let manifest;
      try {
        manifest = JSON.parse(readFileSync(join(root, "node_modules", pkg, "package.json"), "utf8"));
      } catch {
        return undefined;
      }
      if (manifest.exports !== undefined) return undefined;
      const file = require.resolve(`${pkg}/${sub}`, { paths: [root] });
      const exact = relative(realpathSync(join(root, "node_modules", pkg)), file)
        .split("\\")
        .join("/");
      return { path: `${pkg}/${exact}`, external: true };
    });
  },
};

const LOADERS = { ".ts": "ts", ".tsx": "tsx", ".mjs": "js", ".js": "js" };

const relativeUrls = {
  name: "relative-urls",
  setup(b) {
    b.onLoad({ filter: /\.(ts|tsx|mjs|js)$/ }, async (args) => {
      if (!args.path.startsWith(src)) return undefined;
      const code = await readFile(args.path, "utf8");
      if (!code.includes("import.meta.url")) return undefined;
      return { contents: rewriteUrls(args.path, code), loader: LOADERS[extname(args.path)] };
    });
  },
};

export async function buildDist({ quiet = false } = {}) {
  const started = Date.now();
  // Built next to dist/ and renamed into place, so a process starting meanwhile never sees half a build.
  const tmp = `${dist}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: {
      main: "src/main.ts",
      "file-worker": "src/platform/files/worker.ts",
    },
    outdir: tmp,
    entryNames: "[name]",
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20.11",
    packages: "external",
    jsx: "automatic",
    jsxImportSource: "@kitajs/html",
    sourcemap: "linked",
    sourcesContent: false,
    legalComments: "none",
    logLevel: quiet ? "error" : "warning",
    metafile: true,
    plugins: [relativeUrls, exactSubpaths],
  });
  // Every package the bundle imports must be found by Node's own ESM loader, as the server will ask it.
  const unresolved = new Set();
  for (const output of Object.values(result.metafile.outputs))
    for (const i of output.imports)
      if (i.external && !i.path.startsWith("node:"))
        try {
          import.meta.resolve(i.path);
        } catch {
          unresolved.add(i.path);
        }
  if (unresolved.size) throw new Error(`Node cannot resolve from dist/: ${[...unresolved].join(", ")}`);
  const inputs = Object.keys(result.metafile.inputs)
    .filter((p) => p.startsWith("src/"))
    .sort();
  writeFileSync(join(tmp, "build-info.json"), `${JSON.stringify({ builtAt: started, inputs }, null, 1)}\n`);
  writeFileSync(join(tmp, "package.json"), '{ "type": "module" }\n');
  // Into place file by file: a rename over an existing file is atomic, so dist/ is never missing and a process
  // starting meanwhile (a CLI run, a file worker) reads either the old file or the new one, never none or half of
  // one. build-info.json goes last: until it is there, the old one says the old build. Two builds at once (two
  // test files) write the same files from the same sources.
  mkdirSync(dist, { recursive: true });
  const files = readdirSync(tmp).sort(
    (a, b) => Number(a === "build-info.json") - Number(b === "build-info.json"),
  );
  for (const f of files) renameSync(join(tmp, f), join(dist, f));
  rmSync(tmp, { recursive: true, force: true });
  const ms = Date.now() - started;
  if (!quiet) console.log(`dist/ built from ${inputs.length} sources in ${ms} ms`);
  return { ms, inputs: inputs.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildDist({ quiet: process.argv.includes("--quiet") });
}
