import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  StandardFontEmbedder,
  StandardFonts,
} from "pdf-lib";
import { fileError } from "./limits";
import {
  ContentSyntaxError,
  type Operand,
  type Operation,
  tokenizeContent,
  writeOperand,
} from "./pdf-content";

// PDF redaction (涂黑式去标识化的真正删除): the glyphs of every finding are REMOVED from the page content, not
// covered. Each text-showing operator's codes are mapped to Unicode through the font's ToUnicode CMap (or a
// simple font's WinAnsi encoding), findings are located in the page's text, all their codes are cut out of the
// strings and replaced by the same horizontal displacement (from the font's widths) so the rest of the line
// stays where it was. Document metadata holding a finding is dropped, and the file is written afresh with
// only the objects still reachable, so no earlier revision (incremental update) keeps the text.
// What cannot be redacted reliably is refused (pdf_not_redactable): never published unmasked.

/** The PII engine's maskText with the caller's options: findings carry code-point offsets. */
export type Masker = (text: string) => {
  text: string;
  applied: Array<{ kind: string; start: number; end: number }>;
};

export const notRedactable = (why: string) =>
  fileError(
    "pdf_not_redactable",
    `PDF ${why}，无法可靠地删除其中的个人信息。请上传已去标识化（删除个人信息）的 PDF 版本后再发布。`,
  );

interface FontInfo {
  twoByte: boolean;
  toUnicode: Map<number, string> | null;
  /** Code → width in glyph space (thousandths of the font size). */
  width(code: number): number;
}

const name = (o: PDFObject | undefined) => (o instanceof PDFName ? o.decodeText() : undefined);
const num = (o: PDFObject | undefined) => (o instanceof PDFNumber ? o.asNumber() : undefined);

function streamText(doc: PDFDocument, o: PDFObject | undefined): string {
  const s = o instanceof PDFRef ? doc.context.lookup(o) : o;
  if (!(s instanceof PDFRawStream)) throw notRedactable("的内容流无法读取");
  try {
    return Buffer.from(decodePDFRawStream(s).decode()).toString("latin1");
  } catch {
    throw notRedactable("的内容流使用了无法解压的编码");
  }
}

const utf16 = (hex: string) => {
  const b = Buffer.from(hex.replace(/\s+/g, ""), "hex");
  return b
    .subarray(0, b.length & ~1)
    .swap16()
    .toString("utf16le");
};

/** Code → Unicode from a ToUnicode CMap (bfchar and bfrange sections). */
function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const sec of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of sec[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f\s]*)>/g))
      map.set(Number.parseInt(m[1]!, 16), utf16(m[2]!));
  }
  for (const sec of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of sec[1]!.matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f\s]*>|\[[^\]]*\])/g,
    )) {
      const lo = Number.parseInt(m[1]!, 16);
      const hi = Math.min(Number.parseInt(m[2]!, 16), lo + 0xffff);
      const dst = m[3]!;
      if (dst.startsWith("[")) {
        const items = [...dst.matchAll(/<([0-9A-Fa-f\s]*)>/g)].map((x) => x[1]!);
        items.forEach((h, k) => {
          if (lo + k <= hi) map.set(lo + k, utf16(h));
        });
      } else {
        const base = dst.slice(1, -1).replace(/\s+/g, "");
        const head = base.slice(0, -4);
        const last = Number.parseInt(base.slice(-4) || "0", 16);
        for (let c = lo; c <= hi; c++)
          map.set(c, utf16(head + (last + c - lo).toString(16).padStart(4, "0")));
      }
    }
  }
  return map;
}

const STANDARD = new Set<string>(Object.values(StandardFonts));
const cp1252 = new TextDecoder("windows-1252");

function loadFont(doc: PDFDocument, ref: PDFObject | undefined): FontInfo {
  const font = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
  if (!(font instanceof PDFDict)) throw notRedactable("的字体无法读取");
  const subtype = name(font.get(PDFName.of("Subtype")));
  const tu = font.get(PDFName.of("ToUnicode"));
  const toUnicode = tu ? parseToUnicode(streamText(doc, tu)) : null;
  if (subtype === "Type0") {
    const enc = name(font.lookup(PDFName.of("Encoding")));
    if (enc !== "Identity-H") throw notRedactable(`使用了本系统不支持的字体编码（${enc ?? "嵌入的编码表"}）`);
    if (!toUnicode) throw notRedactable("的字体缺少文字对照表（ToUnicode）");
    const desc = font.lookup(PDFName.of("DescendantFonts"), PDFArray).lookup(0, PDFDict);
    const dw = num(desc.lookup(PDFName.of("DW"))) ?? 1000;
    const widths = new Map<number, number>();
    const w = desc.lookup(PDFName.of("W"));
    if (w instanceof PDFArray) {
      const a = w.asArray().map((x) => doc.context.lookup(x));
      for (let k = 0; k < a.length; ) {
        const first = num(a[k]) ?? 0;
        const next = a[k + 1];
        if (next instanceof PDFArray) {
          next.asArray().forEach((x, j) => {
            widths.set(first + j, num(doc.context.lookup(x)) ?? dw);
          });
          k += 2;
        } else {
          const last = num(next) ?? first;
          const wd = num(a[k + 2]) ?? dw;
          for (let c = first; c <= last && c - first < 0x10000; c++) widths.set(c, wd);
          k += 3;
        }
      }
    }
    return { twoByte: true, toUnicode, width: (c) => widths.get(c) ?? dw };
  }
  if (subtype !== "Type1" && subtype !== "TrueType" && subtype !== "MMType1")
    throw notRedactable(`使用了本系统不支持的字体类型（${subtype ?? "未知"}）`);
  const enc = font.lookup(PDFName.of("Encoding"));
  if (!toUnicode && enc instanceof PDFDict) throw notRedactable("的字体使用了自定义编码且缺少文字对照表");
  const base = name(font.lookup(PDFName.of("BaseFont")))?.replace(/^[A-Z]{6}\+/, "");
  const firstChar = num(font.lookup(PDFName.of("FirstChar"))) ?? 0;
  const wArr = font.lookup(PDFName.of("Widths"));
  const widths = wArr instanceof PDFArray ? wArr.asArray().map((x) => num(doc.context.lookup(x)) ?? 0) : null;
  const standard =
    !widths && base && STANDARD.has(base)
      ? StandardFontEmbedder.for(base as unknown as Parameters<typeof StandardFontEmbedder.for>[0])
      : null;
  if (!widths && !standard) throw notRedactable("的字体缺少字宽信息");
  const decode = (c: number) => cp1252.decode(Uint8Array.of(c));
  return {
    twoByte: false,
    toUnicode: toUnicode ?? new Map(Array.from({ length: 256 }, (_, c) => [c, decode(c)] as const)),
    width: (c) => {
      if (widths) return widths[c - firstChar] ?? 0;
      try {
        return standard!.widthOfTextAtSize(decode(c), 1000);
      } catch {
        return 0;
      }
    },
  };
}

interface Glyph {
  op: number;
  /** Index of the string in the operator's array (0 for Tj, ' and "). */
  el: number;
  /** Index of the code within that string. */
  at: number;
  /** Code-point range in the page text. */
  from: number;
  to: number;
}

interface TextState {
  font?: FontInfo;
  size: number;
  tc: number;
  tw: number;
}

const SHOW = new Set(["Tj", "TJ", "'", '"']);

/**
 * Redacts one content stream: returns the new stream text, or null when nothing in it was masked. Form
 * XObjects it draws are handed to `onForm` by name.
 */
function redactContent(
  src: string,
  fontOf: (res: string) => FontInfo,
  mask: Masker,
  counts: Record<string, number>,
): string | null {
  let ops: Operation[];
  try {
    ops = tokenizeContent(src);
  } catch (e) {
    if (e instanceof ContentSyntaxError) throw notRedactable("的页面内容格式异常");
    throw e;
  }
  const text: string[] = [];
  const glyphs: Glyph[] = [];
  const codes = new Map<string, number[]>();
  const states: TextState[] = [];
  let st: TextState = { size: 0, tc: 0, tw: 0 };
  const stateAt: TextState[] = [];
  const newline = () => {
    if (text.length && text[text.length - 1] !== "\n") text.push("\n");
  };
  ops.forEach((o, oi) => {
    const nums = o.operands.map((x) => (x.t === "num" ? x.v : 0));
    switch (o.op) {
      case "q":
        states.push({ ...st });
        return;
      case "Q":
        st = states.pop() ?? st;
        return;
      case "Tf": {
        const f = o.operands[0];
        if (f?.t === "name") st.font = fontOf(f.v);
        st.size = nums[1] ?? 0;
        return;
      }
      case "Tc":
        st.tc = nums[0] ?? 0;
        return;
      case "Tw":
        st.tw = nums[0] ?? 0;
        return;
      case "BT":
      case "ET":
      case "T*":
      case "Tm":
        newline();
        return;
      case "Td":
      case "TD":
        if ((nums[1] ?? 0) !== 0) newline();
        return;
    }
    if (!SHOW.has(o.op)) return;
    if (o.op === "'" || o.op === '"') newline();
    if (o.op === '"') {
      st.tw = nums[0] ?? 0;
      st.tc = nums[1] ?? 0;
    }
    const font = st.font;
    if (!font) throw notRedactable("的文字没有指定字体");
    stateAt[oi] = { ...st };
    const strings =
      o.op === "TJ" ? (o.operands[0]?.t === "arr" ? o.operands[0].items : []) : [o.operands.at(-1)];
    strings.forEach((s, el) => {
      if (s?.t !== "str") return;
      const list: number[] = [];
      const step = font.twoByte ? 2 : 1;
      for (let k = 0; k + step <= s.bytes.length; k += step) {
        const code =
          step === 2 ? (s.bytes.charCodeAt(k) << 8) | s.bytes.charCodeAt(k + 1) : s.bytes.charCodeAt(k);
        list.push(code);
        const uni = font.toUnicode!.get(code);
        if (uni === undefined) throw notRedactable("中有文字无法对应到字符");
        const from = text.length;
        text.push(...Array.from(uni));
        glyphs.push({ op: oi, el, at: list.length - 1, from, to: text.length });
      }
      codes.set(`${oi}:${el}`, list);
    });
  });
  if (glyphs.length === 0) return null;
  const original = text.join("");
  const masked = mask(original);
  if (masked.applied.length === 0) return null;
  for (const f of masked.applied) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
  // The whole finding goes, not only its masked middle: what is left of a number could read as another.
  const removed = new Set<string>();
  for (const g of glyphs) {
    if (masked.applied.some((f) => g.from < f.end && f.start < g.to)) removed.add(`${g.op}:${g.el}:${g.at}`);
  }
  if (removed.size === 0) return null;
  const touched = new Set([...removed].map((k) => Number(k.split(":")[0])));
  let out = "";
  let pos = 0;
  for (const oi of [...touched].sort((a, b) => a - b)) {
    const o = ops[oi]!;
    const s = stateAt[oi]!;
    const font = s.font!;
    if (s.size === 0) throw notRedactable("中有字号为零的文字");
    const strings = o.op === "TJ" && o.operands[0]?.t === "arr" ? o.operands[0].items : [o.operands.at(-1)!];
    const items: Operand[] = [];
    const pushNum = (v: number) => {
      const last = items[items.length - 1];
      if (last?.t === "num") last.v += v;
      else items.push({ t: "num", v });
    };
    strings.forEach((it, el) => {
      if (it.t !== "str") {
        if (it.t === "num") pushNum(it.v);
        return;
      }
      const list = codes.get(`${oi}:${el}`) ?? [];
      let run = "";
      const flush = () => {
        if (run) items.push({ t: "str", bytes: run, hex: true });
        run = "";
      };
      list.forEach((code, at) => {
        const bytes = font.twoByte ? String.fromCharCode(code >> 8, code & 0xff) : String.fromCharCode(code);
        if (!removed.has(`${oi}:${el}:${at}`)) {
          run += bytes;
          return;
        }
        flush();
        const space = !font.twoByte && code === 32 ? s.tw : 0;
        pushNum(-(font.width(code) + ((s.tc + space) * 1000) / s.size));
      });
      flush();
    });
    const tj = `${writeOperand({ t: "arr", items })} TJ`;
    const prefix =
      o.op === "'"
        ? "T* "
        : o.op === '"'
          ? `${writeOperand(o.operands[0]!)} Tw ${writeOperand(o.operands[1]!)} Tc T* `
          : "";
    out += `${src.slice(pos, o.start)}${prefix}${tj}`;
    pos = o.end;
  }
  return out + src.slice(pos);
}

/** Objects reachable from the trailer; everything else (old revisions, replaced streams) is dropped. */
function dropUnreachable(doc: PDFDocument): void {
  const seen = new Set<string>();
  const walk = (o: PDFObject | undefined) => {
    if (!o) return;
    if (o instanceof PDFRef) {
      if (seen.has(o.tag)) return;
      seen.add(o.tag);
      walk(doc.context.lookup(o));
    } else if (o instanceof PDFDict) for (const [, v] of o.entries()) walk(v);
    else if (o instanceof PDFArray) for (const v of o.asArray()) walk(v);
    else if (o instanceof PDFStream) walk(o.dict);
  };
  walk(doc.context.trailerInfo.Root);
  walk(doc.context.trailerInfo.Info);
  for (const [ref] of doc.context.enumerateIndirectObjects()) if (!seen.has(ref.tag)) doc.context.delete(ref);
}

function textOf(o: PDFObject | undefined): string | undefined {
  if (o instanceof PDFString || o instanceof PDFHexString) return o.decodeText();
  return undefined;
}

export interface RedactedPdf {
  data: Uint8Array;
  counts: Record<string, number>;
}

/** Removes what `mask` masks from every page, form, annotation and the metadata; writes a fresh file. */
export async function redactPdf(input: Uint8Array, mask: Masker): Promise<RedactedPdf> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(input, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (e) {
    if ((e as Error).name === "EncryptedPDFError") throw notRedactable("已加密");
    throw notRedactable("已损坏或格式不正确");
  }
  if (doc.isEncrypted) throw notRedactable("已加密");
  const counts: Record<string, number> = {};
  const forms = new Set<string>();

  const fontCache = new Map<string, FontInfo>();
  const fontsOf = (resources: PDFDict | undefined) => (res: string) => {
    const fonts = resources?.lookup(PDFName.of("Font"));
    const ref = fonts instanceof PDFDict ? fonts.get(PDFName.of(res)) : undefined;
    if (!ref) throw notRedactable("的文字引用了不存在的字体");
    const key = ref instanceof PDFRef ? ref.tag : `${res}@${Math.random()}`;
    let f = fontCache.get(key);
    if (!f) {
      f = loadFont(doc, ref);
      fontCache.set(key, f);
    }
    return f;
  };

  const redactForms = (resources: PDFDict | undefined) => {
    const xobjects = resources?.lookup(PDFName.of("XObject"));
    if (!(xobjects instanceof PDFDict)) return;
    for (const [, ref] of xobjects.entries()) {
      if (!(ref instanceof PDFRef) || forms.has(ref.tag)) continue;
      forms.add(ref.tag);
      const stream = doc.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) continue;
      if (name(stream.dict.get(PDFName.of("Subtype"))) !== "Form") continue;
      const own = stream.dict.lookup(PDFName.of("Resources"));
      const res = own instanceof PDFDict ? own : resources;
      const next = redactContent(streamText(doc, stream), fontsOf(res), mask, counts);
      if (next !== null) {
        const fresh = doc.context.flateStream(Buffer.from(next, "latin1"));
        for (const [k, v] of stream.dict.entries())
          if (!["Filter", "DecodeParms", "Length"].includes(k.decodeText())) fresh.dict.set(k, v);
        doc.context.assign(ref, fresh);
      }
      redactForms(res);
    }
  };

  for (const page of doc.getPages()) {
    const node = page.node;
    const resources = node.getInheritableAttribute(PDFName.of("Resources"));
    const res = resources instanceof PDFRef ? doc.context.lookup(resources, PDFDict) : (resources as PDFDict);
    const contents = node.get(PDFName.of("Contents"));
    const direct = contents instanceof PDFRef ? doc.context.lookup(contents) : contents;
    const parts = direct instanceof PDFArray ? direct.asArray() : direct ? [contents!] : [];
    const src = parts.map((p) => streamText(doc, p)).join("\n");
    const next = redactContent(src, fontsOf(res), mask, counts);
    if (next !== null)
      node.set(
        PDFName.of("Contents"),
        doc.context.register(doc.context.flateStream(Buffer.from(next, "latin1"))),
      );
    redactForms(res);
    // Annotations (comments, form fields) whose text holds a finding go: their appearance may show it too.
    const annots = node.lookup(PDFName.of("Annots"));
    if (annots instanceof PDFArray) {
      const keep = annots.asArray().filter((a) => {
        const d = doc.context.lookup(a);
        if (!(d instanceof PDFDict)) return true;
        const t = ["Contents", "T", "TU", "V", "RC"]
          .map((k) => textOf(d.lookup(PDFName.of(k))) ?? "")
          .join("\n");
        return mask(t).applied.length === 0;
      });
      if (keep.length !== annots.size()) node.set(PDFName.of("Annots"), doc.context.obj(keep));
    }
  }

  // Metadata: an Info entry or an XMP packet holding a finding is dropped.
  const info = doc.context.lookup(doc.context.trailerInfo.Info);
  if (info instanceof PDFDict) {
    for (const [k, v] of info.entries()) {
      const t = textOf(v instanceof PDFRef ? doc.context.lookup(v) : v);
      if (t && mask(t).applied.length) info.delete(k);
    }
  }
  const xmp = doc.catalog.get(PDFName.of("Metadata"));
  if (xmp) {
    let t = "";
    try {
      t = Buffer.from(streamText(doc, xmp), "latin1").toString("utf8");
    } catch {
      t = "";
    }
    if (!t || mask(t).applied.length) doc.catalog.delete(PDFName.of("Metadata"));
  }
  dropUnreachable(doc);
  const data = await doc.save({ useObjectStreams: false, updateFieldAppearances: false });
  return { data, counts };
}
