import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createInflate } from "node:zlib";
import { AppError } from "../errors";
import { fileError, PDF_LIMITS, type PdfLimits, tooComplex } from "./limits";

// A PDF may carry scripts and actions that a viewer runs when it is opened (/JavaScript, /JS, /AA,
// /OpenAction pointing at one, /Launch, XFA forms). Such a PDF is refused; nothing here runs or renders it.
// The dictionaries are read as text outside stream bodies, and object streams (PDF 1.5, where dictionaries
// may hide compressed) are inflated with the same real-byte caps as a ZIP. Names are compared after their
// #xx escapes are decoded (/J#61vaScript is /JavaScript).

/** Names whose presence anywhere in a dictionary makes the PDF active. */
const ACTIVE_NAMES = new Set(["JS", "JavaScript", "AA", "Launch", "XFA"]);

const NAME = /\/([^\s/<>[\]()%{}]*)/g;
const decodeName = (raw: string) =>
  raw.includes("#")
    ? raw.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
    : raw;
/** The text with every name's #xx escapes decoded, so patterns below see the names a viewer sees. */
const decodeNames = (text: string) => text.replace(NAME, (_, raw: string) => `/${decodeName(raw)}`);

/** Throws when a dictionary text names active content or encryption (which hides streams from this check). */
function checkNames(text: string): void {
  for (const m of text.matchAll(NAME)) {
    const name = decodeName(m[1]!);
    if (ACTIVE_NAMES.has(name)) throw pdfActiveContent(name);
    if (name === "Encrypt") throw unscannable("已加密");
  }
}

export function pdfActiveContent(name: string) {
  return fileError(
    "pdf_active_content",
    `PDF 中含有脚本或打开时自动执行的动作（/${name}），不能上传。请用“打印为 PDF”或“另存为 PDF”生成不含脚本的文件后重新上传。`,
  );
}

function unscannable(why: string) {
  return fileError(
    "pdf_unscannable",
    `PDF ${why}，无法确认其中没有脚本，不能上传。请另存为未加密的普通 PDF 后重新上传。`,
  );
}

/** `>>` then `stream` and its end of line: the start of a stream's body. */
const STREAM_START = />>(?:\s|%[^\r\n]*)*stream(?:\r\n|\r|\n)?/g;

/**
 * Where a stream's body ends: at its /Length when that (direct, or an indirect `n 0 obj <int>`) is
 * followed by `endstream`, as a reader takes it; otherwise at the next `endstream`.
 */
function streamEnd(s: string, dict: string, bodyStart: number, ints: Map<string, string>): number {
  const direct = /\/Length\s+(\d+)\b(?!\s+\d+\s+R)/.exec(dict)?.[1];
  const ref = /\/Length\s+(\d+)\s+(\d+)\s+R/.exec(dict);
  const value = direct ?? (ref ? ints.get(`${ref[1]} ${ref[2]}`) : undefined);
  if (value !== undefined) {
    const end = bodyStart + Number(value);
    if (/^\s*endstream/.test(s.slice(end, end + 32))) return end;
  }
  return s.indexOf("endstream", bodyStart);
}

/**
 * Throws pdf_active_content when the PDF carries scripts or automatic actions, pdf_unscannable when an
 * object stream cannot be read (encrypted, or an unusual filter), file_too_complex when its streams
 * inflate past the caps. Returns quietly for an ordinary PDF.
 */
export async function screenPdf(b: Buffer, limits: PdfLimits = PDF_LIMITS): Promise<void> {
  const s = b.toString("latin1");
  // Objects that are a bare integer (`12 0 obj 3456 endobj`): indirect stream lengths.
  const ints = new Map<string, string>();
  for (const m of s.matchAll(/(\d+)\s+(\d+)\s+obj\s*(\d+)\s*endobj/g)) ints.set(`${m[1]} ${m[2]}`, m[3]!);
  let total = 0;
  let pos = 0;
  STREAM_START.lastIndex = 0;
  for (let m = STREAM_START.exec(s); m; m = STREAM_START.exec(s)) {
    const dictEnd = m.index + 2;
    checkNames(s.slice(pos, dictEnd));
    const bodyStart = m.index + m[0].length;
    // The stream's own dictionary: from the object header before it.
    const dict = decodeNames(s.slice(Math.max(pos, s.lastIndexOf("obj", dictEnd)), dictEnd));
    const bodyEnd = streamEnd(s, dict, bodyStart, ints);
    if (bodyEnd < 0) throw unscannable("的数据流没有结尾");
    const body = b.subarray(bodyStart, bodyEnd);
    // A reader takes any stream with /N and /First for an object stream, whatever its /Type says.
    const isObjStm = /\/Type\s*\/ObjStm\b/.test(dict) || (/\/N\b/.test(dict) && /\/First\b/.test(dict));
    const isImage = /\/Subtype\s*\/Image\b/.test(dict);
    const filter = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/.exec(dict)?.[1]?.replace(/[[\]\s]/g, "");
    const flate = filter === "/FlateDecode" || filter === "/Fl";
    if (isObjStm) {
      if (filter && !flate) throw unscannable("使用了不常见的压缩方式");
      const chunks: Buffer[] = [];
      if (flate) total += await inflateCounting(body, limits, total, (c) => chunks.push(c));
      else chunks.push(body);
      checkNames(Buffer.concat(chunks).toString("latin1"));
    } else if (!isImage && flate) {
      // Page content and fonts: a text extractor inflates them, so their real size is bounded here first.
      total += await inflateCounting(body, limits, total, () => {}).catch((e) => {
        if (e instanceof AppError && e.code === "file_too_complex") throw e;
        return 0; // a damaged stream is the extractor's problem, not a danger
      });
    }
    pos = s.indexOf("endstream", bodyEnd) + "endstream".length;
    STREAM_START.lastIndex = pos;
  }
  checkNames(s.slice(pos));
}
/** Inflates zlib data as a stream, counting real bytes against the caps; returns the count. */
async function inflateCounting(
  data: Buffer,
  limits: PdfLimits,
  before: number,
  keep: (chunk: Buffer) => void,
): Promise<number> {
  let size = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > limits.maxStreamBytes)
        return done(tooComplex(`中的一个数据流解压后超过 ${limits.maxStreamBytes / 1024 / 1024} MB`));
      if (before + size > limits.maxTotalBytes)
        return done(tooComplex(`的数据流解压后共超过 ${limits.maxTotalBytes / 1024 / 1024} MB`));
      keep(chunk);
      done();
    },
  });
  try {
    await pipeline(Readable.from([data]), createInflate({ chunkSize: 64 * 1024 }), sink);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw unscannable("的对象流无法解压");
  }
  return size;
}
