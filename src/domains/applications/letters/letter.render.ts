// Filling a letter template with one application's values, and the page layout both output formats share.
// Values are plain text throughout: nothing is parsed as HTML or markup, and a value that happens to
// contain "{applicant_name}" is printed as typed, never expanded again.
import { AppError, type ErrorDetail } from "../../../platform/errors";
import type { Letter } from "./letter.layout";
import { LETTER_KINDS } from "./letter.outcomes";
import { type LetterTemplate, PLACEHOLDERS, type TemplateParagraph } from "./letter.templates";

export { renderLetterDocx } from "./letter.docx";
export { LETTER_LAYOUT, type Letter, type Letterhead, letterheadPointSize } from "./letter.layout";
export { type PdfFontOptions, renderLetterPdf } from "./letter.pdf";

export type LetterValues = Readonly<Partial<Record<string, string | null | undefined>>>;

const PLACEHOLDER_RE = /\{([a-z][a-z0-9_]*)\}/g;
// C0 controls other than tab and newline, lone surrogates and U+FFFE/U+FFFF cannot appear in XML (docx).
const UNPRINTABLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const placeholdersIn = (text: string): string[] =>
  [...text.matchAll(PLACEHOLDER_RE)].map((m) => m[1] as string);

/** 2025-03-05 → 2025年3月5日 (GB/T 9704: Arabic numerals, no leading zeros). */
export function formatChineseDate(iso: string): string {
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

function cleanValue(raw: string): string {
  const text = raw.replace(/\r\n?/g, "\n").replace(UNPRINTABLE, "").trim();
  return ISO_DATE.test(text) ? formatChineseDate(text) : text;
}

/**
 * Template characters that close or end the sentence a value sits in. GB/T 15834-2011 (标点符号用法): a
 * quotation used as part of the writer's own sentence drops its final 句号 (and any pause mark), keeping a
 * question or exclamation mark or an ellipsis; and a value never doubles the stop the template puts after it.
 * So “…（含发放依据文件）。”。 becomes “…（含发放依据文件）”。
 */
const CLOSERS = "”’」』）)。，；：、";
// A Latin full stop stays: it may end an abbreviation (Co.) or a quoted sentence in another language.
const FINAL_PAUSE = /[。．，,；;：:、]+$/u;
const withoutFinalPause = (value: string) => value.replace(FINAL_PAUSE, "");

const isBlank = (v: string | null | undefined) => v === undefined || v === null || v.trim() === "";

const paragraphParts = (p: TemplateParagraph) => (typeof p === "string" ? { text: p } : p);

/** Problems with an edited template, for the back-office editor: every one, with where it is. */
export function validateTemplate(template: LetterTemplate): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const known = new Set<string>(PLACEHOLDERS);
  const check = (field: string, text: string) => {
    for (const name of placeholdersIn(text)) {
      if (!known.has(name))
        problems.push({ field, code: "unknown_placeholder", message: `未知的占位符 {${name}}。` });
    }
  };
  if (!LETTER_KINDS.includes(template.kind))
    problems.push({
      field: "kind",
      code: "unknown_letter_kind",
      message: `未知的文书类型：${template.kind}`,
    });
  if (!template.title.trim()) problems.push({ field: "title", code: "required", message: "标题不能为空。" });
  if (template.paragraphs.length === 0)
    problems.push({ field: "paragraphs", code: "required", message: "正文不能为空。" });
  check("title", template.title);
  check("salutation", template.salutation);
  check("signature", template.signature);
  check("date", template.date);
  template.paragraphs.forEach((p, i) => {
    const { text, when, unless } = paragraphParts(p);
    check(`paragraphs.${i}`, text);
    for (const cond of [when, unless]) {
      if (cond !== undefined && !known.has(cond))
        problems.push({
          field: `paragraphs.${i}`,
          code: "unknown_placeholder",
          message: `未知的条件占位符 ${cond}。`,
        });
    }
  });
  return problems;
}

/**
 * Fills a template. Every placeholder the letter will print must have a value (an empty string counts as
 * given); the error lists every missing one at once. Paragraphs conditional on a blank value are left out,
 * and a value with line breaks becomes several paragraphs.
 */
export function fillTemplate(template: LetterTemplate, values: LetterValues): Letter {
  const given = (name: string) =>
    Object.hasOwn(values, name) && values[name] !== undefined && values[name] !== null;
  const included = template.paragraphs.map(paragraphParts).filter((p) => {
    if (p.when !== undefined && isBlank(values[p.when])) return false;
    if (p.unless !== undefined && !isBlank(values[p.unless])) return false;
    return true;
  });
  const texts = [
    template.title,
    template.salutation,
    template.signature,
    template.date,
    ...included.map((p) => p.text),
  ];
  const missing = [...new Set(texts.flatMap(placeholdersIn))].filter((name) => !given(name));
  if (missing.length) {
    throw new AppError(
      "letter_placeholders_missing",
      400,
      `文书模板缺少以下内容：${missing.map((m) => `{${m}}`).join("、")}`,
      missing.map((m) => ({ field: m, code: "placeholder_missing", message: `缺少 {${m}} 的内容。` })),
    );
  }
  // One pass over the template text, so placeholders inside values are never expanded.
  const fill = (text: string) =>
    text.replace(PLACEHOLDER_RE, (match: string, name: string, offset: number) => {
      const value = cleanValue(values[name] ?? "");
      const next = text.charAt(offset + match.length);
      return next !== "" && CLOSERS.includes(next) ? withoutFinalPause(value) : value;
    });
  const oneLine = (text: string) =>
    fill(text)
      .replace(/\s*\n\s*/g, " ")
      .trim();
  const paragraphs = included
    .flatMap((p) => fill(p.text).split("\n"))
    .map((line) => line.trim())
    .filter((line) => line !== "");
  return {
    kind: template.kind,
    title: oneLine(template.title),
    docNumber: isBlank(values.doc_number) ? "" : cleanValue(values.doc_number as string),
    salutation: oneLine(template.salutation),
    paragraphs,
    signature: oneLine(template.signature),
    date: oneLine(template.date),
  };
}
