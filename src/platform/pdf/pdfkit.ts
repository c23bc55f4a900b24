// PDFKit on first use: it takes about 0.4 s to import, which every `gongkai serve` start paid although only
// the annual report, the gazette and the reply letters draw PDFs (bench/startup.ts).
type PdfKitConstructor = typeof import("pdfkit");

let loading: Promise<PdfKitConstructor> | undefined;

/** The PDFDocument class, imported once. */
export function loadPdfKit(): Promise<PdfKitConstructor> {
  loading ??= import("pdfkit").then((m) => (m as unknown as { default: PdfKitConstructor }).default ?? m);
  return loading;
}
