// Static publication's use cases: publish a site into a directory, keep it current from the audit log, and
// check the files against the manifest (防篡改), restoring any difference and alerting the office.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, stat, unlink } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { Actor, Deps } from "../../deps";
import { invalidatePublicPages } from "../../web/page-cache";
import type { AppInstance } from "../../web/types";
import { recordAudit } from "../audit";
import { type Difference, raiseAlerts } from "../integrity";
import { listPagesFor, touchedBy } from "./static.changes";
import { isTempName, type RunCounts, StaticPublisher } from "./static.publisher";
import * as repo from "./static.repo";

export { StaticPublisher };

const addCounts = (a: RunCounts, b: RunCounts): RunCounts => ({
  rendered: a.rendered + b.rendered,
  written: a.written + b.written,
  unchanged: a.unchanged + b.unchanged,
  removed: a.removed + b.removed,
  skipped: a.skipped + b.skipped,
  ms: a.ms + b.ms,
});

/** `gongkai publish-static --out DIR`: the whole site, audited. */
export async function publishStatic(
  deps: Deps,
  app: AppInstance,
  actor: Actor,
  outDir: string,
  opts: { siteCode?: string } = {},
): Promise<{ publisher: StaticPublisher; counts: RunCounts }> {
  const publisher = await StaticPublisher.open(deps, app, outDir, { ...opts, create: true });
  // Changes recorded from now on are the watcher's: a full publication starts from the current head.
  const head = await repo.lastAuditSeq(deps.db.kysely);
  const counts = await publisher.publishAll();
  await deps.db.kysely.transaction().execute(async (trx) => {
    await repo.updateTarget(trx, publisher.target.id, { last_seq: head });
    await recordAudit(trx, deps.clock, actor, {
      action: "static.publish",
      entityType: "static_target",
      entityId: publisher.target.id,
      siteId: publisher.site.id,
      orgId: null,
      summary: {
        out_dir: publisher.outDir,
        files: publisher.files.size,
        written: counts.written,
        removed: counts.removed,
      },
    });
  });
  publisher.target.last_seq = head;
  publisher.pending.seq = head;
  return { publisher, counts };
}

/**
 * Applies the changes audited since the last applied entry: the changed records' own pages at once, the list
 * pages they move queued (first pages before pages with a query) and rendered `listBudget` at a time, so the
 * next publication's own pages never wait behind a long list. The directory's `last_seq` advances when the
 * queue is empty (after a restart, a change whose lists were not all rendered is applied again). Returns null
 * when there was nothing to do.
 */
export async function applyAuditedChanges(
  publisher: StaticPublisher,
  opts: { onWritten?: (url: string, path: string) => void; listBudget?: number } = {},
): Promise<RunCounts | null> {
  const { deps } = publisher;
  const q = publisher.pending;
  let counts: RunCounts | null = null;
  const changes = await repo.auditAfter(deps.db.kysely, q.seq, 5000);
  if (changes.length) {
    q.seq = changes[changes.length - 1]!.seq;
    const t = touchedBy(changes, publisher.site.id, publisher.urls());
    if (t.any) {
      // Another process may have made the change: its pages must not come from this process's page cache.
      invalidatePublicPages(deps);
      // What the records' pages linked to before and after (a withdrawn item's page is gone after).
      const related = new Set(t.ids);
      const relate = () => {
        for (const u of t.own) for (const id of publisher.refsOf(u)) related.add(id);
      };
      relate();
      const first = await publisher.render(t.own, { follow: "new", onWritten: opts.onWritten });
      relate();
      counts = first.counts;
      for (const u of listPagesFor(t, publisher.urls(), related, publisher.urlsReferring(t.ids))) {
        if (first.seen.has(u) || q.queued.has(u)) continue;
        q.queued.add(u);
        (u.includes("?") ? q.rest : q.first).push(u);
      }
    }
  }
  if (q.first.length || q.rest.length) {
    const budget = opts.listBudget ?? Number.POSITIVE_INFINITY;
    const slice = q.first.splice(0, budget);
    slice.push(...q.rest.splice(0, budget - slice.length));
    for (const u of slice) q.queued.delete(u);
    const r = await publisher.render(slice, { follow: "new", onWritten: opts.onWritten });
    counts = counts ? addCounts(counts, r.counts) : r.counts;
  }
  if (!q.first.length && !q.rest.length && q.seq > publisher.target.last_seq) {
    await repo.updateTarget(deps.db.kysely, publisher.target.id, { last_seq: q.seq });
    publisher.target.last_seq = q.seq;
  }
  return counts;
}

export interface CheckResult {
  changed: string[];
  missing: string[];
  added: string[];
  restored: number;
  alerts: string[];
}

async function walk(dir: string, root: string, out: string[]): Promise<void> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const abs = join(dir, e.name);
    if (e.isDirectory()) await walk(abs, root, out);
    else out.push(relative(root, abs).split(sep).join("/"));
  }
}

const hashFile = (abs: string) =>
  new Promise<string>((ok, fail) => {
    const h = createHash("sha256");
    createReadStream(abs)
      .on("data", (d) => h.update(d))
      .on("error", fail)
      .on("end", () => ok(h.digest("hex")));
  });

/**
 * 防篡改: compares every file under the directory with the manifest. A changed or missing file is rendered
 * again (the manifest's URL) and put back; a file the manifest does not know is deleted. With differences,
 * one audit entry and an alert to the office (the integrity domain's: audit, mail, dashboard).
 */
export async function checkStatic(
  publisher: StaticPublisher,
  actor: Actor,
  opts: { restore?: boolean } = { restore: true },
): Promise<CheckResult> {
  const { deps } = publisher;
  // The manifest as recorded now: another process's watcher may have written files since this one loaded it.
  publisher.reload(await repo.listFiles(deps.db.kysely, publisher.target.id));
  const onDisk: string[] = [];
  await walk(publisher.outDir, publisher.outDir, onDisk);
  const present = new Set(onDisk);
  const changed: string[] = [];
  const missing: string[] = [];
  const added: string[] = [];
  const seen: Record<string, string> = {};
  const hashOf = (path: string) => hashFile(publisher.abs(path)).catch(() => null);
  for (const [path, row] of publisher.files) {
    if (!present.has(path)) missing.push(path);
    else {
      const sha = await hashOf(path);
      if (sha !== null && sha !== row.sha256) {
        changed.push(path);
        seen[path] = sha;
      }
    }
  }
  const now = Date.now();
  for (const path of onDisk) {
    if (publisher.files.has(path)) continue;
    const name = path.split("/").pop()!;
    // A write in progress (another process's watcher) is a temporary file for a moment: not an addition.
    const st = await stat(publisher.abs(path)).catch(() => undefined);
    if (!st || (isTempName(name) && now - st.mtimeMs < 60_000)) continue;
    added.push(path);
  }
  // A difference is confirmed against the manifest row as it is now (a concurrent update renames a file and
  // records its hash a moment apart), so a watcher at work is never taken for an intruder.
  const confirm = async (path: string, kind: "changed" | "missing" | "added") => {
    const row = await repo.findFile(deps.db.kysely, publisher.target.id, path);
    if (kind === "added") return row === undefined;
    if (!row) return false;
    const sha = await hashOf(path);
    if (kind === "missing") return sha === null;
    if (sha === null || sha === row.sha256) return false;
    seen[path] = sha;
    return true;
  };
  const keep = async (list: string[], kind: "changed" | "missing" | "added") => {
    const out: string[] = [];
    for (const p of list) if (await confirm(p, kind)) out.push(p);
    list.splice(0, list.length, ...out);
  };
  await keep(changed, "changed");
  await keep(missing, "missing");
  await keep(added, "added");
  let restored = 0;
  if (opts.restore !== false) {
    for (const path of added) {
      await unlink(publisher.abs(path)).catch(() => undefined);
      restored++;
    }
    const urls = [...changed, ...missing].map((p) => publisher.files.get(p)!.url);
    if (urls.length) {
      // Rendered afresh: the file is what the site shows now, whatever was written over it.
      for (const p of [...changed, ...missing]) publisher.files.delete(p);
      invalidatePublicPages(deps);
      const r = await publisher.render(urls, { follow: "new" });
      restored += r.counts.written + r.counts.removed;
    }
  }
  const diffs: Difference[] = [
    ...changed.map((p) => diff(publisher, `静态站点文件被改：/${p}（现 SHA-256 ${seen[p]!.slice(0, 16)}…）`)),
    ...missing.map((p) => diff(publisher, `静态站点文件缺失：/${p}`)),
    ...added.map((p) => diff(publisher, `静态站点出现未发布的文件：/${p}`)),
  ];
  let alerts: string[] = [];
  await deps.db.kysely.transaction().execute(async (trx) => {
    await repo.updateTarget(trx, publisher.target.id, { checked_at: deps.clock.now().toISOString() });
    if (diffs.length)
      await recordAudit(trx, deps.clock, actor, {
        action: opts.restore === false ? "static.check" : "static.restore",
        entityType: "static_target",
        entityId: publisher.target.id,
        siteId: publisher.site.id,
        orgId: null,
        summary: { changed: changed.length, missing: missing.length, added: added.length, restored },
      });
  });
  if (diffs.length) alerts = await raiseAlerts(deps, actor, diffs);
  return { changed, missing, added, restored, alerts };
}

const diff = (p: StaticPublisher, message: string): Difference => ({
  kind: "content_changed",
  site_id: p.site.id,
  day: null,
  item_id: null,
  message,
});

export interface StaticWatcher {
  /** Resolves once the loop has stopped. */
  stop(): Promise<void>;
}

/**
 * Keeps a published directory current: polls the audit log every `intervalMs` and renders what changed;
 * checks the files against the manifest at start and every `checkEveryMs` (防篡改).
 */
export function startStaticWatcher(
  publisher: StaticPublisher,
  actor: Actor,
  opts: {
    intervalMs?: number;
    checkEveryMs?: number;
    /** When the files were last checked (the caller checked them before watching); default: never, check now. */
    checkedAt?: number;
    onApplied?: (c: RunCounts) => void;
    onChecked?: (r: CheckResult) => void;
  } = {},
): StaticWatcher {
  const interval = opts.intervalMs ?? 100;
  const checkEvery = opts.checkEveryMs ?? 60 * 60_000;
  let stopped = false;
  let lastCheck = opts.checkedAt ?? 0;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      try {
        const c = await applyAuditedChanges(publisher, { listBudget: 20 });
        if (c) opts.onApplied?.(c);
        if (Date.now() - lastCheck >= checkEvery) {
          lastCheck = Date.now();
          opts.onChecked?.(await checkStatic(publisher, actor));
        }
        // More list pages waiting: no pause (the next round still looks for new changes first).
        if (publisher.pending.first.length || publisher.pending.rest.length) continue;
      } catch (err) {
        publisher.deps.logger.error({ err }, "static publication update failed");
      }
      if (stopped) break;
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, interval);
      });
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
