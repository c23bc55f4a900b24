import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import * as zlib from "node:zlib";
import { AppError } from "../errors";
import { corrupt, tooComplex, ZIP_LIMITS, type ZipLimits } from "./limits";

// ZIP files (Word and Excel) are checked before any parser opens them. The central directory gives the
// entries; every entry is then inflated as a stream and its REAL bytes counted against hard caps, so a
// bomb stops at the cap, not at the size it claims. Declared sizes are only compared with what was
// found: a mismatch is a lying header and the file is refused.

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

export interface ZipDirectory {
  entries: ZipEntry[];
  /** Where the central directory starts: no entry's data may reach past it. */
  directoryOffset: number;
  /** The count the end record declares (may exceed what was read when over `maxEntries`). */
  declaredCount: number;
}

/**
 * The entries listed in a ZIP's central directory, without decompressing anything; undefined when it is
 * not a readable ZIP (or is ZIP64, which no Office file under our size limit needs). Reads at most
 * `maxEntries` records.
 */
export function readZipDirectory(b: Buffer, maxEntries = ZIP_LIMITS.maxEntries): ZipDirectory | undefined {
  if (b.length < 22) return undefined;
  // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
  const from = Math.max(0, b.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = b.length - 22; i >= from; i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const declaredCount = b.readUInt16LE(eocd + 10);
  const directoryOffset = b.readUInt32LE(eocd + 16);
  if (declaredCount === 0xffff || directoryOffset === 0xffffffff) return undefined;
  let p = directoryOffset;
  const entries: ZipEntry[] = [];
  for (let n = 0; n < Math.min(declaredCount, maxEntries); n++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) return undefined;
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    if (p + 46 + nameLen > b.length) return undefined;
    entries.push({
      name: b.subarray(p + 46, p + 46 + nameLen).toString("utf8"),
      flags: b.readUInt16LE(p + 8),
      method: b.readUInt16LE(p + 10),
      crc32: b.readUInt32LE(p + 16),
      compressedSize: b.readUInt32LE(p + 20),
      declaredSize: b.readUInt32LE(p + 24),
      localOffset: b.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { entries, directoryOffset, declaredCount };
}

export interface ZipReport {
  entries: Array<{ name: string; size: number }>;
  totalBytes: number;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** zlib.crc32 from Node 20.15; the same in JavaScript before that. */
const crc32: (data: Uint8Array, prev?: number) => number =
  typeof zlib.crc32 === "function"
    ? (d, prev = 0) => zlib.crc32(d, prev)
    : (d, prev = 0) => {
        let c = ~prev >>> 0;
        for (const byte of d) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
        return ~c >>> 0;
      };

const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** Where an entry's data lies, checked against its local header; throws on any disagreement. */
function dataRange(b: Buffer, dir: ZipDirectory, e: ZipEntry): { start: number; end: number } {
  const p = e.localOffset;
  if (p + 30 > b.length || b.readUInt32LE(p) !== 0x04034b50) throw corrupt(`“${e.name}”的本地文件头缺失`);
  const nameLen = b.readUInt16LE(p + 26);
  const extraLen = b.readUInt16LE(p + 28);
  const localName = b.subarray(p + 30, p + 30 + nameLen).toString("utf8");
  if (localName !== e.name || b.readUInt16LE(p + 8) !== e.method)
    throw corrupt(`“${e.name}”的本地文件头与目录不符`);
  // Without a data descriptor (flag bit 3) the local header repeats the sizes: they must agree too.
  if ((e.flags & 0x8) === 0) {
    const localCompressed = b.readUInt32LE(p + 18);
    const localSize = b.readUInt32LE(p + 22);
    if (localCompressed !== e.compressedSize || localSize !== e.declaredSize)
      throw corrupt(`“${e.name}”声明的大小前后不一`);
  }
  const start = p + 30 + nameLen + extraLen;
  const end = start + e.compressedSize;
  if (end > dir.directoryOffset || end > b.length) throw corrupt(`“${e.name}”的数据超出文件范围`);
  return { start, end };
}

/**
 * Checks a ZIP before any parser opens it: every entry readable, stored or deflated, not encrypted, named
 * once, its data apart from every other entry's (overlapping entries are the classic quoted bomb), and,
 * inflated as a stream, within the caps, with the size and CRC its headers declare. Throws the 4xx
 * AppError of limits.ts (file_too_complex, file_corrupt); returns the real sizes.
 */
export async function inspectZip(b: Buffer, limits: ZipLimits = ZIP_LIMITS): Promise<ZipReport> {
  const dir = readZipDirectory(b, limits.maxEntries + 1);
  if (!dir) throw corrupt("不是可读取的 ZIP 压缩包");
  if (dir.declaredCount > limits.maxEntries) throw tooComplex(`包含的部件超过 ${limits.maxEntries} 个`);
  if (dir.entries.length !== dir.declaredCount) throw corrupt("压缩包目录不完整");
  const names = new Set<string>();
  const ranges: Array<{ start: number; end: number; name: string; local: number }> = [];
  for (const e of dir.entries) {
    if (names.has(e.name)) throw corrupt(`“${e.name}”出现了两次`);
    names.add(e.name);
    if (e.flags & 0x1) throw corrupt(`“${e.name}”已加密`);
    if (e.method !== 0 && e.method !== 8) throw corrupt(`“${e.name}”使用了不支持的压缩方式`);
    if (e.declaredSize > limits.maxEntryBytes)
      throw tooComplex(`中的“${e.name}”解压后超过 ${MB(limits.maxEntryBytes)}`);
    ranges.push({ ...dataRange(b, dir, e), name: e.name, local: e.localOffset });
  }
  ranges.sort((x, y) => x.local - y.local);
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i]!.local < ranges[i - 1]!.end) throw corrupt("压缩包中的部件相互重叠");
  }

  let total = 0;
  const entries: ZipReport["entries"] = [];
  for (const e of dir.entries) {
    const { start, end } = dataRange(b, dir, e);
    const data = b.subarray(start, end);
    const cap = Math.min(
      limits.maxEntryBytes,
      Math.max(limits.ratioFloorBytes, limits.maxRatio * data.length),
    );
    let size = 0;
    let crc = 0;
    const count = (chunk: Buffer) => {
      size += chunk.length;
      total += chunk.length;
      if (size > cap)
        throw size > limits.maxEntryBytes
          ? tooComplex(`中的“${e.name}”解压后超过 ${MB(limits.maxEntryBytes)}`)
          : tooComplex(`中的“${e.name}”压缩比超过 ${limits.maxRatio} 倍（疑似“压缩炸弹”）`);
      if (total > limits.maxTotalBytes) throw tooComplex(`解压后超过 ${MB(limits.maxTotalBytes)}`);
      crc = crc32(chunk, crc);
    };
    if (e.method === 0) count(data);
    else await inflateCounting(data, count, e.name);
    if (size !== e.declaredSize) throw corrupt(`“${e.name}”声明的大小与实际内容不符`);
    if (crc !== e.crc32) throw corrupt(`“${e.name}”的校验值不符`);
    entries.push({ name: e.name, size });
  }
  return { entries, totalBytes: total };
}

const SLICE = 64 * 1024;

function* slices(data: Buffer) {
  for (let i = 0; i < data.length; i += SLICE) yield data.subarray(i, i + SLICE);
}

/** Inflates raw deflate data as a stream, handing every output chunk to `count`, which may throw to stop. */
async function inflateCounting(data: Buffer, count: (chunk: Buffer) => void, name: string): Promise<void> {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      try {
        count(chunk);
        done();
      } catch (e) {
        done(e as Error);
      }
    },
  });
  try {
    await pipeline(Readable.from(slices(data)), zlib.createInflateRaw({ chunkSize: SLICE }), sink);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw corrupt(`“${name}”无法解压`);
  }
}
