import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { freePort, stop, waitFor } from "../bench/processes";
import { seedDemo } from "../src/demo/seed";
import { systemActor } from "../src/deps";
import { multipartBody, type Part } from "../src/domains/publishing/attachments/attachments.test-helpers";
import { plainPdf, scriptPdf } from "../src/platform/files/files.test-helpers";
import { bearer, tokenFor } from "./helpers/app";
import { describeEachDialect } from "./helpers/db";

// Production runs the compiled server (issue 19 item 6): `npm run build` writes dist/, and `gongkai serve`
// from it answers, renders public pages (JSX, assets found from dist/) and parses uploads in its file
// workers (dist/file-worker.js), with no TypeScript loader anywhere.

// Starting the file workers (their parsers load in seconds) takes long on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");

describeEachDialect("the compiled server (dist/)", (ctx) => {
  let server: ChildProcess | undefined;
  let base: string;
  const dir = mkdtempSync(join(tmpdir(), "gongkai-dist-"));

  beforeAll(async () => {
    await run(process.execPath, ["scripts/build.mjs", "--quiet"], { cwd: root });
    await seedDemo(ctx.deps, systemActor("test"));
    const port = await freePort();
    server = spawn(process.execPath, ["bin/gongkai.mjs", "serve"], {
      cwd: root,
      // GONGKAI_RUNTIME=dist: dist/ even if a source changes meanwhile (never the sources through tsx).
      env: {
        ...process.env,
        NODE_ENV: "test",
        GONGKAI_RUNTIME: "dist",
        GONGKAI_DATABASE_URL: ctx.testDb.url,
        GONGKAI_DATA_DIR: dir,
        // The key the test database was given (testConfig), so API tokens made here are valid there.
        GONGKAI_SECRET_KEY: ctx.deps.config.secretKey.toString("hex"),
        HOST: "127.0.0.1",
        PORT: String(port),
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/healthz`, server, "gongkai serve (dist)");
  }, 300_000);
  afterAll(async () => {
    await stop(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers /healthz and renders the public list, an item page and its stylesheet", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const list = await fetch(`${base}/gk/list`);
    expect(list.status).toBe(200);
    const html = await list.text();
    const item = /href="(\/gk\/items\/[^"/?]+)"/.exec(html)?.[1];
    expect(item, "an item link on the list").toBeTruthy();
    const page = await fetch(base + item);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toMatch(/^<!doctype html><html lang="zh-CN"/i);
    // A stylesheet the page links to, served from src/web/assets/ as seen from dist/.
    const css = /href="(\/assets\/[^"]+\.css)"/.exec(body)?.[1];
    expect(css, "a stylesheet link").toBeTruthy();
    const sheet = await fetch(base + css);
    expect(sheet.status).toBe(200);
    expect((await sheet.text()).length).toBeGreaterThan(100);
  });

  it("screens uploaded PDFs in its file workers: a plain one is kept, one with a script refused", async () => {
    const clerk = await tokenFor(ctx, "demo-clerk");
    const draft = await fetch(`${base}/api/v1/items`, {
      method: "POST",
      headers: { ...bearer(clerk), "content-type": "application/json" },
      body: JSON.stringify({ title: "关于公布2026年预算的通知", body: "详见附件。", kind: "other" }),
    });
    expect(draft.status, await draft.clone().text()).toBe(201);
    const id = ((await draft.json()) as { id: string }).id;
    const attach = (part: Part) => {
      const m = multipartBody([part]);
      return fetch(`${base}/api/v1/items/${id}/attachments`, {
        method: "POST",
        headers: { ...m.headers, ...bearer(clerk) },
        body: new Uint8Array(m.payload),
      });
    };
    const ok = await attach({ name: "file", filename: "预算.pdf", data: plainPdf("Budget") });
    expect(ok.status, await ok.clone().text()).toBe(201);
    const refused = await attach({ name: "file", filename: "通知.pdf", data: scriptPdf() });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("pdf_active_content");
  });
});
