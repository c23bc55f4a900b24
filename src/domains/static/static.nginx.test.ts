// The shipped nginx configuration (deploy/nginx/gongkai.conf) run by Debian's nginx in front of a published
// directory and a listening gongkai: static pages come from the files, forms and the back office from the app.
// nginx is required (apt-get install nginx-light), like Chromium for the browser suite: no nginx, a failure.
import { type ChildProcess, spawn } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { buildTestApp } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { DEMO_PASSWORD } from "../../demo/seed";
import { systemActor } from "../../deps";
import type { AppInstance } from "../../web/types";
import { publishStatic } from ".";

vi.setConfig({ testTimeout: 120_000, hookTimeout: 300_000 });

const NGINX = process.env.GONGKAI_NGINX ?? "/usr/sbin/nginx";
const DEPLOY = resolve(import.meta.dirname, "../../../deploy/nginx");

const freePort = () =>
  new Promise<number>((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });

/** The shipped file with its `# test:` lines pointed at this run's port, root and app. */
export function configForTest(port: number, root: string, appPort: number): string {
  return readFileSync(join(DEPLOY, "gongkai.conf"), "utf8")
    .replace(/^\s*server 127\.0\.0\.1:\d+; # test: upstream$/m, `    server 127.0.0.1:${appPort};`)
    .replace(/^\s*listen 80; # test: listen$/m, `    listen 127.0.0.1:${port};`)
    .replace(/^\s*root \/var\/www\/gongkai; # test: root$/m, `    root ${root};`);
}

/** Starts nginx (one worker, in the foreground) with the shipped configuration; resolves once it answers. */
export async function startNginx(
  dir: string,
  root: string,
  appPort: number,
): Promise<{ base: string; child: ChildProcess }> {
  if (!existsSync(NGINX))
    throw new Error(
      `nginx is required: apt-get install nginx-light (not found at ${NGINX}; set GONGKAI_NGINX)`,
    );
  const port = await freePort();
  cpSync(join(DEPLOY, "snippets"), join(dir, "snippets"), { recursive: true });
  const site = configForTest(port, root, appPort);
  expect(site).toContain(`listen 127.0.0.1:${port};`);
  writeFileSync(join(dir, "gongkai.conf"), site);
  writeFileSync(
    join(dir, "nginx.conf"),
    `worker_processes 1;
daemon off;
pid ${join(dir, "nginx.pid")};
error_log ${join(dir, "error.log")} warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${join(dir, "gongkai.conf")};
}
`,
  );
  const child = spawn(NGINX, ["-p", `${dir}/`, "-c", join(dir, "nginx.conf")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${stderr}`);
    try {
      await fetch(`${base}/healthz`);
      return { base, child };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`nginx did not answer: ${stderr}`);
}

describeEachDialect("deploy/nginx/gongkai.conf with Debian's nginx", (ctx) => {
  let app: AppInstance;
  let dir = "";
  let out = "";
  let nginx: ChildProcess | undefined;
  let base = "";

  beforeAll(async () => {
    app = await buildTestApp(ctx);
    dir = mkdtempSync(join(tmpdir(), "gongkai-nginx-"));
    // nginx's workers drop to an unprivileged user, who must reach the files.
    chmodSync(dir, 0o755);
    out = join(dir, "www");
    await publishStatic(ctx.deps, app, systemActor("test"), out);
    await app.listen({ port: 0, host: "127.0.0.1" });
    const appPort = (app.server.address() as { port: number }).port;
    ({ base, child: nginx } = await startNginx(dir, out, appPort));
  });
  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((r) => nginx!.once("exit", r));
      nginx.kill("SIGQUIT");
      await exited;
    }
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("serves published pages from the files, with gongkai's security headers", async () => {
    // A marker written into the files: what nginx answers is the file, not the app.
    writeFileSync(join(out, "gk/index.html"), "<p>from the published file</p>");
    const page = await fetch(`${base}/gk`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await page.text()).toBe("<p>from the published file</p>");
    writeFileSync(join(out, "mn/index.html"), "<p>mn home file</p>");
    expect(await (await fetch(`${base}/mn/`)).text()).toBe("<p>mn home file</p>");

    // A page with a query string: its own file.
    const variant = readdirSync(join(out, "gk/list/__q"))[0]!;
    const listPage = readFileSync(join(out, "gk/list/__q", variant), "utf8");
    const second = await fetch(`${base}/gk/list?${variant.replace(/\.html$/, "")}`);
    expect(second.status).toBe(200);
    expect(await second.text()).toBe(listPage);
    // Feeds and the sitemap: files with their types.
    const feed = await fetch(`${base}/feeds/site.atom`);
    expect(feed.headers.get("content-type")).toContain("application/atom+xml");
    expect(await feed.text()).toBe(readFileSync(join(out, "feeds/site.atom"), "utf8"));
    expect((await fetch(`${base}/sitemap.xml`)).status).toBe(200);
    // A query no file is named for, or one that tries to climb out of the root, goes to gongkai.
    const odd = await fetch(`${base}/gk/list?${variant.replace(/\.html$/, "")}&x=1`);
    expect(odd.status).toBe(200);
    expect(await odd.text()).toContain("<html");
    const climb = await fetch(`${base}/gk/list?../../../../etc/passwd`);
    expect(await climb.text()).not.toContain("root:");
    // A write in progress is never served.
    writeFileSync(join(out, "gk", ".abc.tmp"), "half");
    expect((await fetch(`${base}/gk/.abc.tmp`)).status).toBe(404);
    // A visitor in 适老化 mode gets the page from gongkai, rendered larger, not the published file.
    const elder = await fetch(`${base}/gk`, { headers: { cookie: "gongkai_elder=1" } });
    expect(elder.status).toBe(200);
    expect(await elder.text()).toMatch(/<html[^>]*class="elder"/);
    const other = await fetch(`${base}/gk`, { headers: { cookie: "gongkai_elder=0" } });
    expect(await other.text()).toBe("<p>from the published file</p>");
  });

  it("hands a public form to gongkai: the form, its session cookie and the POST", async () => {
    const form = await fetch(`${base}/hd/apply`);
    expect(form.status).toBe(200);
    const html = await form.text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    expect(csrf).toBeTruthy();
    const cookie = form.headers.get("set-cookie")?.split(";")[0];
    expect(cookie).toContain("gongkai_session=");
    const posted = await fetch(`${base}/hd/apply`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie! },
      body: new URLSearchParams({ _csrf: csrf! }).toString(),
      redirect: "manual",
    });
    // Every field missing: the form again with the problems listed, from gongkai.
    expect(posted.status).toBe(400);
    expect(await posted.text()).toContain('name="_csrf"');
    // Search is dynamic too.
    expect(await (await fetch(`${base}/search?q=${encodeURIComponent("通知")}`)).text()).toContain("<html");
  });

  it("hands the back office to gongkai: sign-in and a signed-in page", async () => {
    const login = await fetch(`${base}/admin/login`);
    expect(login.status).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await login.text())?.[1];
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const signedIn = await fetch(`${base}/admin/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({
        _csrf: csrf!,
        next: "/admin",
        username: "demo-clerk",
        password: DEMO_PASSWORD,
      }).toString(),
      redirect: "manual",
    });
    expect(signedIn.status).toBe(303);
    const session = signedIn.headers.get("set-cookie")!.split(";")[0]!;
    const dash = await fetch(`${base}/admin`, { headers: { cookie: session }, redirect: "manual" });
    expect(dash.status).toBe(200);
    expect(await dash.text()).toContain("李信息");
    // Not signed in: sent to the sign-in page by gongkai.
    const anon = await fetch(`${base}/admin`, { redirect: "manual" });
    expect([302, 303]).toContain(anon.status);
  });
});
