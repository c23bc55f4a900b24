import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { blobPath, createLocalStorage, type Storage, storageOf } from "./storage";

const sha = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

describe("local content-addressed storage", () => {
  let root: string;
  let store: Storage;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "gk-storage-"));
    store = createLocalStorage(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const tempFiles = () => (existsSync(join(root, "tmp")) ? readdirSync(join(root, "tmp")) : []);

  it("stores a blob under files/ab/cd/<sha256> and reads it back", async () => {
    const data = Buffer.from("政务公开 attachment");
    const r = await store.put(data);
    expect(r).toEqual({ sha256: sha(data), size: data.length, created: true });
    const path = blobPath(root, r.sha256);
    expect(path).toBe(join(root, r.sha256.slice(0, 2), r.sha256.slice(2, 4), r.sha256));
    expect(existsSync(path)).toBe(true);
    expect(await store.read(r.sha256)).toEqual(data);
    expect(await store.exists(r.sha256)).toBe(true);
    const chunks: Buffer[] = [];
    for await (const c of store.stream(r.sha256)) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks)).toEqual(data);
    expect(tempFiles()).toEqual([]);
  });

  it("deduplicates identical content", async () => {
    const a = await store.put(Buffer.from("same"));
    const b = await store.put(Buffer.from("same"));
    expect(b).toEqual({ ...a, created: false });
    expect(tempFiles()).toEqual([]);
  });

  it("stages a stream: hashed and counted, invisible until committed", async () => {
    const parts = ["第一段", "第二段", "x".repeat(70_000)];
    const staged = await store.stage(Readable.from(parts.map((p) => Buffer.from(p))));
    const all = Buffer.from(parts.join(""));
    expect(staged).toMatchObject({ sha256: sha(all), size: all.length, truncated: false });
    expect(await store.exists(staged.sha256)).toBe(false);
    expect(await staged.read()).toEqual(all);
    expect(tempFiles()).toHaveLength(1);
    await staged.commit();
    expect(await store.exists(staged.sha256)).toBe(true);
    expect(tempFiles()).toEqual([]);
  });

  it("discards a staged blob and leaves nothing behind", async () => {
    const staged = await store.stage(Buffer.from("never mind"));
    await staged.discard();
    await staged.discard();
    expect(tempFiles()).toEqual([]);
    expect(await store.exists(staged.sha256)).toBe(false);
    await expect(staged.commit()).rejects.toThrow();
  });

  it("refuses content over the limit, reading the source to its end and keeping no file", async () => {
    let pulled = 0;
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < 10; i++) {
          pulled++;
          yield Buffer.alloc(1000, 1);
        }
      })(),
    );
    const staged = await store.stage(source, { maxBytes: 2500 });
    expect(staged.truncated).toBe(true);
    expect(pulled).toBe(10);
    expect(tempFiles()).toEqual([]);
    await expect(staged.commit()).rejects.toThrow(/truncated/);
    const buf = await store.stage(Buffer.alloc(11), { maxBytes: 10 });
    expect(buf.truncated).toBe(true);
    expect(tempFiles()).toEqual([]);
    const exact = await store.stage(Buffer.alloc(10), { maxBytes: 10 });
    expect(exact.truncated).toBe(false);
    await exact.discard();
  });

  it("treats a source that reports truncation (busboy's limit) as too large", async () => {
    const source = Readable.from([Buffer.from("abc")]) as Readable & { truncated?: boolean };
    source.truncated = true;
    const staged = await store.stage(source);
    expect(staged.truncated).toBe(true);
    expect(tempFiles()).toEqual([]);
  });

  it("cleans the temp file when the source fails", async () => {
    const source = new Readable({
      read() {
        this.push(Buffer.from("partial"));
        this.destroy(new Error("connection reset"));
      },
    });
    await expect(store.stage(source)).rejects.toThrow("connection reset");
    expect(tempFiles()).toEqual([]);
  });

  it("deletes blobs (idempotently) and refuses anything that is not a digest", async () => {
    const r = await store.put(Buffer.from("bye"));
    await store.delete(r.sha256);
    await store.delete(r.sha256);
    expect(await store.exists(r.sha256)).toBe(false);
    await expect(store.read("../../etc/passwd")).rejects.toThrow(/SHA-256/);
    expect(() => store.stream("../x")).toThrow(/SHA-256/);
    await expect(store.exists("A".repeat(64))).rejects.toThrow(/SHA-256/);
  });

  it("sweeps temp files left by a crash", async () => {
    await store.stage(Buffer.from("abandoned"));
    const [name] = tempFiles();
    const old = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    utimesSync(join(root, "tmp", name!), old, old);
    writeFileSync(join(root, "tmp", "fresh"), "in flight");
    expect(await store.sweepTemp()).toBe(1);
    expect(tempFiles()).toEqual(["fresh"]);
  });

  it("gives one storage per data folder, or the one the composition root provides", () => {
    const a = storageOf({ config: { dataDir: root } });
    expect(storageOf({ config: { dataDir: root } })).toBe(a);
    expect(storageOf({ config: { dataDir: root }, storage: store })).toBe(store);
  });
});
