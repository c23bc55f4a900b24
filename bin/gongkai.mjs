#!/usr/bin/env node
// The `gongkai` command. Runs the compiled server (dist/, `npm run build`, built by `npm ci` too) when it is
// there and current; otherwise the TypeScript sources through tsx, so the command works from a fresh checkout
// and while the sources are being edited.
// - current: no source that went into the build (dist/build-info.json) changed since it was built;
// - GONGKAI_RUNTIME=dist or =tsx chooses (the startup bench compares the two).
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const main = join(root, "dist", "main.js");

/** True when every source listed in the build is unchanged since the build started. */
function distIsCurrent() {
  try {
    const info = JSON.parse(readFileSync(join(root, "dist", "build-info.json"), "utf8"));
    return info.inputs.every((p) => statSync(join(root, p)).mtimeMs <= info.builtAt);
  } catch {
    return false; // no build, or a source it was built from is gone
  }
}

function useDist() {
  const runtime = process.env.GONGKAI_RUNTIME;
  if (runtime === "tsx") return false;
  if (runtime === "dist") {
    if (existsSync(main)) return true;
    console.error("错误 [no_build]：GONGKAI_RUNTIME=dist，但没有 dist/main.js。请先运行 npm run build。");
    process.exit(2);
  }
  const current = distIsCurrent();
  // A build older than the sources (an upgrade without `npm ci` or `npm run build`) is never run: its migrations
  // and code would disagree with what the CLI, run from the sources, has done to the database. The sources run
  // instead, slower to start, and the operator is told.
  if (!current && process.env.NODE_ENV === "production" && existsSync(main))
    console.error(
      "警告 [stale_build]：dist/ 早于源代码的最近修改，本次从源代码运行（启动较慢）。请运行 npm run build。",
    );
  return current;
}

if (useDist()) {
  await import(pathToFileURL(main).href);
} else {
  const { register } = await import("tsx/esm/api");
  // The project's tsconfig (JSX for @kitajs/html) whatever the working directory.
  register({ tsconfig: join(root, "tsconfig.json") });
  await import("../src/main.ts");
}
