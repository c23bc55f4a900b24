import JSZip from "jszip";
import type { Masker } from "./redact-pdf";

// Word and Excel files masked in place (去标识化后仍为原格式). Only the characters of the findings change,
// inside the text nodes that hold them: a finding split over several runs of a paragraph (Word splits text
// at every change of formatting, spell-check mark or revision) is found in the paragraph's whole text and
// each run gets its own part of the mask. Every other byte of every XML part stays as it was. Runs only in
// the file worker, after inspectZip has checked the archive against the decompression caps.

export interface MaskedFile {
  data: Uint8Array;
  counts: Record<string, number>;
}

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9A-Fa-f]+));/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decodeXml = (s: string) =>
  s.replace(ENTITY, (_, n: string, d: string, h: string) =>
    n ? NAMED[n]! : String.fromCodePoint(Number.parseInt(d ?? h, d ? 10 : 16)),
  );
const encodeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

interface Piece {
  /** Where the matched text node's text lies in the XML. */
  start: number;
  end: number;
  /** Its code-point range in the joined text. */
  from: number;
  to: number;
}

/**
 * Masks the text nodes of one XML part. `pattern` matches either a text node, with groups 1 (open tag),
 * 2 (text) and 3 (close tag), or a boundary (a paragraph, a tab, a cell), for which `separator` gives the
 * character put between texts. Returns null when nothing was masked.
 */
export function maskXmlText(
  xml: string,
  pattern: RegExp,
  separator: (match: string) => string,
  mask: Masker,
  counts: Record<string, number>,
): string | null {
  const chars: string[] = [];
  const pieces: Piece[] = [];
  for (const m of xml.matchAll(pattern)) {
    if (m[2] === undefined) {
      const sep = separator(m[0]);
      if (sep && chars.length && chars[chars.length - 1] !== "\n") chars.push(sep);
      continue;
    }
    const start = m.index + m[1]!.length;
    const from = chars.length;
    chars.push(...Array.from(decodeXml(m[2])));
    pieces.push({ start, end: start + m[2].length, from, to: chars.length });
  }
  if (pieces.length === 0) return null;
  const masked = mask(chars.join(""));
  if (masked.applied.length === 0) return null;
  const after = Array.from(masked.text);
  if (after.length !== chars.length) throw new Error("masking changed the text length");
  for (const f of masked.applied) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
  let out = "";
  let pos = 0;
  for (const p of pieces) {
    const next = after.slice(p.from, p.to).join("");
    if (next === chars.slice(p.from, p.to).join("")) continue;
    out += xml.slice(pos, p.start) + encodeXml(next);
    pos = p.end;
  }
  return out + xml.slice(pos);
}

// Word: text in <w:t>, deleted text of tracked changes in <w:delText>, field codes in <w:instrText>;
// paragraphs, tabs and breaks separate texts so numbers in different paragraphs never join.
const WORD_TEXT =
  /(<w:(?:t|delText|instrText)(?:\s[^>]*)?>)([^<]*)(<\/w:(?:t|delText|instrText)>)|<\/?w:p(?=[\s>/])[^>]*>|<w:(?:tab|br|cr)(?=[\s>/])[^>]*>/g;
const wordSeparator = (m: string) => (m.startsWith("<w:tab") ? " " : "\n");
const WORD_PARTS = /^word\/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/;

// Document properties (title, author, company…): every element's text, one a line.
const PROPS_TEXT = /(<[A-Za-z][^>/]*>)([^<]+)(<\/[^>]+>)/g;
const PROPS_PARTS = /^docProps\/(core|app)\.xml$/;

// Excel: shared strings and comments (<t> inside <si> or <text>), one string a line.
const SHEET_STRINGS = /(<t(?:\s[^>]*)?>)([^<]*)(<\/t>)|<\/si>|<\/text>/g;

async function openZip(data: Uint8Array): Promise<JSZip> {
  return JSZip.loadAsync(data, { checkCRC32: true });
}

async function maskParts(
  zip: JSZip,
  parts: RegExp,
  pattern: RegExp,
  separator: (m: string) => string,
  mask: Masker,
  counts: Record<string, number>,
): Promise<void> {
  for (const name of Object.keys(zip.files).filter((n) => parts.test(n))) {
    const xml = await zip.file(name)!.async("string");
    const next = maskXmlText(xml, pattern, separator, mask, counts);
    if (next !== null) zip.file(name, next);
  }
}

const save = (zip: JSZip) =>
  zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });

/** A Word document with every finding masked in its body, headers, footers, notes, comments and properties. */
export async function maskDocx(data: Uint8Array, mask: Masker): Promise<MaskedFile> {
  const zip = await openZip(data);
  const counts: Record<string, number> = {};
  await maskParts(zip, WORD_PARTS, WORD_TEXT, wordSeparator, mask, counts);
  await maskParts(zip, PROPS_PARTS, PROPS_TEXT, () => "\n", mask, counts);
  return { data: Object.keys(counts).length ? await save(zip) : data, counts };
}

const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;

/**
 * One worksheet: inline strings masked in place, and numbers that are personal information (a phone or an
 * ID typed as a number) turned into a masked inline string; formulas and styles are kept.
 */
function maskSheet(xml: string, mask: Masker, counts: Record<string, number>): string | null {
  const cells: Array<{ start: number; end: number; attrs: string; value: string; inline: boolean }> = [];
  const lines: string[] = [];
  for (const m of xml.matchAll(CELL)) {
    const attrs = m[1]!;
    const body = m[2] ?? "";
    const type = /\bt="([^"]*)"/.exec(attrs)?.[1] ?? "n";
    if (type === "inlineStr") {
      const text = [...body.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((t) => decodeXml(t[1]!)).join("");
      cells.push({ start: m.index, end: m.index + m[0].length, attrs, value: text, inline: true });
      lines.push(text.replace(/[\r\n]/g, " "));
    } else if (type === "n" && !body.includes("<f")) {
      const v = /<v>([0-9]{5,15})<\/v>/.exec(body)?.[1];
      if (!v) continue;
      cells.push({ start: m.index, end: m.index + m[0].length, attrs, value: v, inline: false });
      lines.push(v);
    }
  }
  if (cells.length === 0) return null;
  const masked = mask(lines.join("\n"));
  if (masked.applied.length === 0) return null;
  for (const f of masked.applied) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
  const after = masked.text.split("\n");
  if (after.length !== lines.length) throw new Error("masking changed the line count");
  let out = "";
  let pos = 0;
  cells.forEach((c, k) => {
    if (after[k] === lines[k]) return;
    const attrs = c.attrs.replace(/\s+t="[^"]*"/, "");
    // Line breaks inside the cell were read as spaces; they come back where they were.
    const orig = Array.from(c.value);
    const text = Array.from(after[k]!)
      .map((ch, i) => (orig[i] === "\n" || orig[i] === "\r" ? orig[i] : ch))
      .join("");
    out += `${xml.slice(pos, c.start)}<c${attrs} t="inlineStr"><is><t xml:space="preserve">${encodeXml(text)}</t></is></c>`;
    pos = c.end;
  });
  return out + xml.slice(pos);
}

/** An Excel workbook with every finding masked in its shared strings, inline strings, numbers and comments. */
export async function maskXlsx(data: Uint8Array, mask: Masker): Promise<MaskedFile> {
  const zip = await openZip(data);
  const counts: Record<string, number> = {};
  await maskParts(zip, /^xl\/(sharedStrings|comments\d*)\.xml$/, SHEET_STRINGS, () => "\n", mask, counts);
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    const next = maskSheet(await zip.file(name)!.async("string"), mask, counts);
    if (next !== null) zip.file(name, next);
  }
  await maskParts(zip, PROPS_PARTS, PROPS_TEXT, () => "\n", mask, counts);
  return { data: Object.keys(counts).length ? await save(zip) : data, counts };
}
