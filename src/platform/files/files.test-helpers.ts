// Files built in memory for the tests of this module and of the domains that use it: real documents,
// ZIP bombs, lying ZIP headers, PDFs with scripts. Nothing big is committed; everything is generated.
import { deflateSync } from "node:zlib";
import JSZip from "jszip";

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`;
const HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`;
const TAIL = "</w:body></w:document>";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const para = (p: string) => `<w:p><w:r><w:t>${esc(p)}</w:t></w:r></w:p>`;

async function wordZip(documentXml: Buffer | string, extra: Record<string, string | Buffer> = {}) {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", CONTENT_TYPES);
  zip.file("_rels/.rels", RELS);
  zip.file("word/document.xml", documentXml);
  for (const [name, data] of Object.entries(extra)) zip.file(name, data);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

/** A small, real Word document. */
export const docxOf = (paragraphs: string[]) => wordZip(`${HEAD}${paragraphs.map(para).join("")}${TAIL}`);

/**
 * A Word document whose document.xml unpacks to `mb` MB of one paragraph repeated: a few hundred KB on
 * the wire (the defect's 175 KB file unpacked to 60–190 MB).
 */
export function bombDocx(mb: number): Promise<Buffer> {
  // Built once per size and test file: compressing 60 MB with jszip takes seconds.
  let made = bombs.get(mb);
  if (!made) {
    const p = Buffer.from(para("固阳县人民政府关于政务公开工作的通知。"));
    const body = Buffer.alloc(mb * 1024 * 1024, p);
    made = wordZip(Buffer.concat([Buffer.from(HEAD), body, Buffer.from(TAIL)]));
    bombs.set(mb, made);
  }
  return made;
}
const bombs = new Map<number, Promise<Buffer>>();

/**
 * A genuine, if long, Word document: `mb` MB of varied paragraphs (it compresses like real text, so it
 * passes the ZIP caps), heavy for a parser (mammoth needs ~100 MB of heap per MB of XML).
 */
export function longDocx(mb: number): Promise<Buffer> {
  const out: string[] = [];
  let size = 0;
  let seed = 7;
  for (let i = 0; size < mb * 1024 * 1024; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const p = para(
      `第${i}段：关于固阳县${seed % 9973}号文件${seed.toString(36)}的通知，请各单位认真贯彻落实。`,
    );
    out.push(p);
    size += Buffer.byteLength(p);
  }
  return wordZip(`${HEAD}${out.join("")}${TAIL}`);
}

/** A ZIP of many entries, each a large run of one byte: the classic bomb (total ≫ any one entry). */
export async function wideBomb(entries: number, mbEach: number): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", CONTENT_TYPES);
  zip.file("word/document.xml", `${HEAD}${para("x")}${TAIL}`);
  const big = Buffer.alloc(mbEach * 1024 * 1024, 0x20);
  for (let i = 0; i < entries; i++) zip.file(`word/media/pad${i}.xml`, big);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

/**
 * Rewrites the uncompressed size an entry declares, in its local header and in the central directory:
 * a ZIP that lies about how big it unpacks (the old guard summed these numbers and believed them).
 */
export function withDeclaredSize(zip: Buffer, name: string, size: number): Buffer {
  const b = Buffer.from(zip);
  const nameBytes = Buffer.from(name, "utf8");
  for (let p = 0; p + 46 < b.length; p++) {
    const sig = b.readUInt32LE(p);
    if (sig === 0x04034b50 && b.subarray(p + 30, p + 30 + nameBytes.length).equals(nameBytes))
      b.writeUInt32LE(size, p + 22);
    if (sig === 0x02014b50 && b.subarray(p + 46, p + 46 + nameBytes.length).equals(nameBytes))
      b.writeUInt32LE(size, p + 24);
  }
  return b;
}

type PdfObject = string | { dict: string; stream: Buffer };

/** A PDF of the given objects (1 is the catalog), with an exact xref table; `trailer` adds to the trailer. */
export function buildPdf(objects: PdfObject[], trailer = ""): Buffer {
  const parts: Buffer[] = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  const push = (b: Buffer) => {
    parts.push(b);
    length += b.length;
  };
  objects.forEach((o, i) => {
    offsets.push(length);
    if (typeof o === "string") push(Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, "latin1"));
    else {
      push(Buffer.from(`${i + 1} 0 obj\n<< ${o.dict} /Length ${o.stream.length} >>\nstream\n`, "latin1"));
      push(o.stream);
      push(Buffer.from("\nendstream\nendobj\n", "latin1"));
    }
  });
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) xref += `${String(off).padStart(10, "0")} 00000 n \n`;
  xref += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${length}\n%%EOF\n`;
  push(Buffer.from(xref, "latin1"));
  return Buffer.concat(parts);
}

const page = (text: string): PdfObject[] => {
  const content = Buffer.from(`BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, "\\$&")}) Tj ET`, "latin1");
  return [
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    { dict: "/Filter /FlateDecode", stream: deflateSync(content) },
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
};

/** An ordinary one-page PDF (its content stream compressed), optionally opening at a destination. */
export const plainPdf = (text: string, catalogExtra = "") =>
  buildPdf([`<< /Type /Catalog /Pages 2 0 R ${catalogExtra}>>`, ...page(text)]);

/** A PDF that runs JavaScript when opened: /OpenAction → /S /JavaScript /JS (…). */
export const scriptPdf = (opts: { escaped?: boolean } = {}) =>
  buildPdf([
    "<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R >>",
    ...page("hello"),
    opts.escaped ? "<< /S /J#61vaScript /J#53 (app.alert(1)) >>" : "<< /S /JavaScript /JS (app.alert(1)) >>",
  ]);

/** The same script, hidden in a compressed object stream (PDF 1.5), where a plain text search cannot see it. */
export function objectStreamScriptPdf(): Buffer {
  const inner = "6 0 << /S /JavaScript /JS (app.alert(1)) >>";
  const header = "6 0 ";
  return buildPdf([
    "<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R >>",
    ...page("hello"),
    { dict: `/Type /ObjStm /N 1 /First ${header.length} /Filter /FlateDecode`, stream: deflateSync(inner) },
  ]);
}

/** A PDF whose trailer names an encryption dictionary (its streams could hide anything). */
export const encryptedPdf = () =>
  buildPdf(
    [
      "<< /Type /Catalog /Pages 2 0 R >>",
      ...page("hello"),
      "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O <00> /U <00> >>",
    ],
    "/Encrypt 6 0 R ",
  );

/** Bytes that are not UTF-8: GBK for “政务公开”. */
export const gbkBytes = () => Buffer.from([0xd5, 0xfe, 0xce, 0xf1, 0xb9, 0xab, 0xbf, 0xaa]);
