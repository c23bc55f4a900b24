// The public site as files (静态发布, docs/static-publication.md). Every page is rendered by the app itself
// (app.inject: the same routes, templates, caches and headers visitors get), written atomically (a temporary
// file in the same directory, then rename) and recorded in the manifest (static_files) with its SHA-256.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, rename, rmdir, stat, unlink, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import type { Deps } from "../../deps";
import { AppError } from "../../platform/errors";
import { newId } from "../../platform/ids";
import type { AppInstance } from "../../web/types";
import { getSite, hostsOf, type Site, siteById } from "../orgs";
import { filePathFor, isPersonal, linksIn, refsIn, staticUrl } from "./static.paths";
import * as repo from "./static.repo";

export interface RunCounts {
  rendered: number;
  written: number;
  unchanged: number;
  removed: number;
  /** URLs that stay dynamic (a form, a redirect, an error, a path that cannot be a file). */
  skipped: number;
  ms: number;
}

export const sha256Of = (body: Buffer | string) => createHash("sha256").update(body).digest("hex");

/** Files named like this are a write in progress (or one a crash left): never part of the site. */
export const isTempName = (name: string) => name.startsWith(".") && name.endsWith(".tmp");

const emptyCounts = (): RunCounts => ({
  rendered: 0,
  written: 0,
  unchanged: 0,
  removed: 0,
  skipped: 0,
  ms: 0,
});

/** One output directory of one site, with its manifest in memory (the database row is the record). */
export class StaticPublisher {
  /** path → row */
  readonly files = new Map<string, repo.FileRow>();
  /** url → path */
  private readonly byUrl = new Map<string, string>();
  private readonly hosts: string[];
  /** The watcher's place in the audit log and the list pages it still has to render. */
  readonly pending: { seq: number; first: string[]; rest: string[]; queued: Set<string> };

  private constructor(
    readonly deps: Deps,
    readonly app: AppInstance,
    readonly site: Site,
    readonly target: repo.TargetRow,
    rows: repo.FileRow[],
  ) {
    for (const r of rows) this.remember(r);
    this.pending = { seq: target.last_seq, first: [], rest: [], queued: new Set() };
    const own = hostsOf(site);
    this.hosts = [...own, "localhost", "127.0.0.1"];
    if (deps.config.publicUrl) this.hosts.push(new URL(deps.config.publicUrl).hostname);
  }

  /** The directory's publisher, creating its record on the first publication (refused into a foreign folder). */
  static async open(
    deps: Deps,
    app: AppInstance,
    outDir: string,
    opts: { siteCode?: string; create?: boolean } = {},
  ): Promise<StaticPublisher> {
    const dir = resolve(outDir);
    let target = await repo.findTargetByDir(deps.db.kysely, dir);
    if (!target) {
      if (!opts.create) throw new AppError("static_target_unknown", 404, `${dir} 不是已发布的静态站点目录。`);
      await mkdir(dir, { recursive: true });
      const present = (await readdir(dir)).filter((n) => !isTempName(n));
      if (present.length)
        throw new AppError(
          "static_dir_not_empty",
          409,
          `${dir} 不是空目录（含 ${present.slice(0, 3).join("、")} 等）：静态站点只发布到空目录，防篡改检查会删除其中的其他文件。`,
        );
      const site = await pickSite(deps, opts.siteCode);
      target = {
        id: newId(),
        site_id: site.id,
        out_dir: dir,
        last_seq: await repo.lastAuditSeq(deps.db.kysely),
        published_at: deps.clock.now().toISOString(),
        checked_at: null,
      };
      await repo.insertTarget(deps.db.kysely, target);
    } else if (opts.siteCode && (await getSite(deps, opts.siteCode)).id !== target.site_id) {
      throw new AppError(
        "static_site_mismatch",
        409,
        `${dir} 已发布的是另一个站点，不能改为 ${opts.siteCode}。`,
      );
    }
    const site = await siteById(deps, target.site_id);
    return new StaticPublisher(deps, app, site, target, await repo.listFiles(deps.db.kysely, target.id));
  }

  get outDir(): string {
    return this.target.out_dir;
  }

  private remember(r: repo.FileRow): void {
    this.files.set(r.path, r);
    this.byUrl.set(r.url, r.path);
  }

  /** Replaces the manifest in memory with `rows` (as recorded now). */
  reload(rows: repo.FileRow[]): void {
    this.files.clear();
    this.byUrl.clear();
    for (const r of rows) this.remember(r);
  }

  private forget(path: string): void {
    const r = this.files.get(path);
    if (r) this.byUrl.delete(r.url);
    this.files.delete(path);
  }

  /** Every URL published now. */
  urls(): string[] {
    return [...this.byUrl.keys()];
  }

  /** What the app answers to `url`, as a visitor of this site gets it. */
  async fetch(
    url: string,
  ): Promise<{ status: number; body: Buffer; type: string; html: boolean; personal: boolean }> {
    const res = await this.app.inject({
      method: "GET",
      url,
      headers: { host: hostsOf(this.site)[0] ?? "localhost", "user-agent": "gongkai-static" },
    });
    const type = String(res.headers["content-type"] ?? "");
    const html = type.startsWith("text/html");
    return {
      status: res.statusCode,
      body: res.rawPayload,
      type,
      html,
      personal: html && isPersonal(res.body, res.headers),
    };
  }

  /**
   * Renders `seeds` (and, with `follow`, the pages they link to that are not published yet, or every linked
   * page for a full publication), writes the files whose bytes changed, removes those whose page is gone.
   * `onWritten` is told of each file as it goes live.
   */
  async render(
    seeds: Iterable<string>,
    opts: { follow: "all" | "new"; onWritten?: (url: string, path: string) => void } = { follow: "new" },
  ): Promise<{ counts: RunCounts; seen: Set<string> }> {
    const started = performance.now();
    const counts = emptyCounts();
    const seen = new Set<string>();
    const queue: string[] = [];
    const add = (u: string) => {
      const s = staticUrl(u);
      if (s !== null && !seen.has(s)) {
        seen.add(s);
        queue.push(s);
      }
    };
    for (const s of seeds) add(s);
    const pending: repo.FileRow[] = [];
    const flush = async () => {
      if (!pending.length) return;
      const rows = pending.splice(0);
      await this.deps.db.kysely.transaction().execute(async (trx) => {
        for (const r of rows) await repo.upsertFile(trx, r);
      });
    };
    for (let i = 0; i < queue.length; i++) {
      const url = queue[i]!;
      const r = await this.fetch(url);
      counts.rendered++;
      const path = r.status === 200 && !r.personal ? filePathFor(url, r.html) : null;
      const old = this.byUrl.get(url);
      if (path === null) {
        counts.skipped++;
        // Gone, moved or personal now: no longer a file. A server error or a refusal keeps the old file.
        if (old !== undefined && r.status < 500 && r.status !== 429) {
          await this.removeFile(old);
          counts.removed++;
        }
        continue;
      }
      const text = r.html || /xml|json|text\//.test(r.type) ? r.body.toString("utf8") : "";
      const links = text ? linksIn(text, this.hosts) : [];
      const sha = sha256Of(r.body);
      const known = this.files.get(path);
      if (known?.sha256 === sha && known.url === url) counts.unchanged++;
      else if (await this.writeFile(path, r.body)) {
        const row: repo.FileRow = {
          target_id: this.target.id,
          path,
          url,
          sha256: sha,
          bytes: r.body.length,
          refs: refsIn(links).join(" "),
          written_at: this.deps.clock.now().toISOString(),
        };
        this.remember(row);
        pending.push(row);
        counts.written++;
        opts.onWritten?.(url, path);
        // A full publication records in batches; an update at once, so a concurrent check sees the new hash.
        if (pending.length >= (opts.follow === "all" ? 200 : 1)) await flush();
      } else {
        counts.skipped++;
        continue;
      }
      for (const l of links) {
        const s = staticUrl(l);
        if (s === null) continue;
        if (opts.follow === "all" || !this.byUrl.has(s)) add(s);
      }
    }
    await flush();
    counts.ms = Math.round(performance.now() - started);
    return { counts, seen };
  }

  /** The whole site: from the home pages, the sitemap and every page they lead to; stale files removed. */
  async publishAll(): Promise<RunCounts> {
    const seeds = ["/", "/mn/", "/sitemap.xml", "/robots.txt", ...this.urls()];
    const { counts, seen } = await this.render(seeds, { follow: "all" });
    for (const [path, row] of [...this.files]) {
      if (!seen.has(row.url)) {
        await this.removeFile(path);
        counts.removed++;
      }
    }
    await repo.updateTarget(this.deps.db.kysely, this.target.id, {
      published_at: this.deps.clock.now().toISOString(),
    });
    return counts;
  }

  /** Writes `body` at `path` under the output directory through a temporary file and a rename. */
  async writeFile(path: string, body: Buffer): Promise<boolean> {
    const abs = this.abs(path);
    try {
      await mkdir(dirname(abs), { recursive: true });
      const st = await stat(abs).catch(() => undefined);
      if (st?.isDirectory()) return false;
      const tmp = join(dirname(abs), `.${randomBytes(6).toString("hex")}.tmp`);
      await writeFile(tmp, body, { mode: 0o644 });
      await rename(tmp, abs);
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // A step of the path is a file already (one URL a file, another under it): that URL stays dynamic.
      if (code === "ENOTDIR" || code === "EEXIST" || code === "EISDIR") return false;
      throw err;
    }
  }

  /** Removes a published file and its manifest row, and the directories it leaves empty. */
  async removeFile(path: string): Promise<void> {
    const abs = this.abs(path);
    await unlink(abs).catch(() => undefined);
    let dir = dirname(abs);
    while (dir.startsWith(this.outDir + sep)) {
      try {
        await rmdir(dir);
      } catch {
        break;
      }
      dir = dirname(dir);
    }
    await repo.deleteFile(this.deps.db.kysely, this.target.id, path);
    this.forget(path);
  }

  abs(path: string): string {
    const abs = resolve(this.outDir, path);
    if (!abs.startsWith(this.outDir + sep)) throw new Error(`path outside the output directory: ${path}`);
    return abs;
  }

  /** The record ids the published page of `url` links to. */
  refsOf(url: string): string[] {
    const path = this.byUrl.get(url);
    const refs = path ? this.files.get(path)?.refs : undefined;
    return refs ? refs.split(" ") : [];
  }

  /** URLs whose pages link to one of `ids` (from the manifest's refs). */
  urlsReferring(ids: ReadonlySet<string>): string[] {
    const out: string[] = [];
    if (!ids.size) return out;
    for (const r of this.files.values()) if (r.refs.split(" ").some((id) => ids.has(id))) out.push(r.url);
    return out;
  }
}

async function pickSite(deps: Deps, code?: string): Promise<Site> {
  if (code) return getSite(deps, code);
  const sites = await deps.db.kysely.selectFrom("sites").select("code").orderBy("code").execute();
  if (sites.length !== 1)
    throw new AppError(
      "site_required",
      400,
      `共有 ${sites.length} 个站点，请用 --site 指定要发布的站点（${sites.map((s) => s.code).join("、")}）。`,
    );
  return getSite(deps, sites[0]!.code);
}
