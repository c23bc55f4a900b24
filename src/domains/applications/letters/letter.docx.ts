// A letter as a Word document in the GB/T 9704 letter format (信函格式): red letterhead over a red
// thick-thin rule, the number under it on the right, 二号 title, 三号 仿宋 body on a 22-line grid.
// Font names are the ones Chinese Windows and WPS install (仿宋, 宋体) and Chinese Word itself writes,
// so the document looks official where it is opened; nothing here depends on fonts on the server.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  type IRunOptions,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
} from "docx";
import { LETTER_LAYOUT as L, type Letter, type Letterhead, letterheadPointSize } from "./letter.layout";

const TWIPS_PER_MM = 1440 / 25.4;
const twips = (mm: number) => Math.round(mm * TWIPS_PER_MM);
/** docx run sizes are in half-points. */
const halfPoints = (pt: number) => Math.round(pt * 2);

const fontOf = (eastAsia: string) => ({
  ascii: "Times New Roman",
  hAnsi: "Times New Roman",
  cs: "Times New Roman",
  eastAsia,
  hint: "eastAsia",
});
const BODY_FONT = fontOf("仿宋");
const HEADING_FONT = fontOf("宋体");

const bodyLine = { line: Math.round(L.linePitchPt * 20), lineRule: LineRuleType.EXACT, before: 0, after: 0 };
const twoChars = { firstLine: L.bodyPt * 2 * 20, firstLineChars: 200 };

const run = (text: string, extra: IRunOptions = {}) => new TextRun({ text, font: BODY_FONT, ...extra });

export async function renderLetterDocx(letter: Letter, letterhead: Letterhead): Promise<Buffer> {
  const red = (letterhead.color ?? L.defaultRed).replace(/^#/, "").toUpperCase();
  const children: Paragraph[] = [
    // 发文机关标志 above the red rule (上粗下细) that closes the letterhead.
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 120 },
      border: { bottom: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 24, color: red, space: 4 } },
      children: [
        run(letterhead.name, {
          font: HEADING_FONT,
          bold: true,
          color: red,
          size: halfPoints(letterheadPointSize(letterhead.name)),
        }),
      ],
    }),
  ];
  if (letter.docNumber) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: bodyLine,
        children: [run(letter.docNumber, { size: halfPoints(L.bodyPt) })],
      }),
    );
  }
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: {
        before: 240,
        after: 240,
        line: Math.round(L.titlePt * 1.5 * 20),
        lineRule: LineRuleType.EXACT,
      },
      children: [run(letter.title, { font: HEADING_FONT, bold: true, size: halfPoints(L.titlePt) })],
    }),
    new Paragraph({ spacing: bodyLine, children: [run(letter.salutation)] }),
    ...letter.paragraphs.map(
      (text) =>
        new Paragraph({
          alignment: AlignmentType.BOTH,
          spacing: bodyLine,
          indent: twoChars,
          children: [run(text)],
        }),
    ),
    // A blank line, then signature and date on the right, 2 characters in (右空).
    new Paragraph({ spacing: bodyLine, children: [] }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: bodyLine,
      indent: { right: L.bodyPt * 2 * 20 },
      children: [run(letter.signature)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: bodyLine,
      indent: { right: L.bodyPt * 2 * 20 },
      children: [run(letter.date)],
    }),
  );

  const doc = new Document({
    creator: letterhead.name,
    title: letter.title,
    description: letter.docNumber || letter.title,
    styles: {
      default: {
        document: {
          run: {
            font: BODY_FONT,
            size: halfPoints(L.bodyPt),
            language: { value: "zh-CN", eastAsia: "zh-CN" },
          },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: twips(210), height: twips(297) },
            margin: {
              top: twips(L.margins.topMm),
              bottom: twips(L.margins.bottomMm),
              left: twips(L.margins.leftMm),
              right: twips(L.margins.rightMm),
              footer: twips(L.margins.bottomMm - 7),
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ["— ", PageNumber.CURRENT, " —"],
                    font: fontOf("宋体"),
                    size: halfPoints(L.pageNumberPt),
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
