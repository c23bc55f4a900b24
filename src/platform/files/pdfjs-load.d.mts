export declare const PDFJS_LEGACY_WARNING: string;
export declare function importPdfjs(): Promise<typeof import("unpdf/pdfjs")>;
