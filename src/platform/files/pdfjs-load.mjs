// Loading PDF.js (the build unpdf ships, the one it is tested with in Node). PDF.js prints one line as it
// loads in Node, asking for its `legacy` build, which unpdf does not ship; it goes through console.log before
// any verbosity setting can apply. That line alone is dropped here, where the module is imported: the file
// worker's entry (worker-entry.mjs, plain JavaScript before tsx is registered) and parsers.ts both load it so.

export const PDFJS_LEGACY_WARNING = "Warning: Please use the `legacy` build in Node.js environments.";

export async function importPdfjs() {
  const log = console.log;
  console.log = (...args) => {
    if (!(args.length === 1 && args[0] === PDFJS_LEGACY_WARNING)) log(...args);
  };
  try {
    return await import("unpdf/pdfjs");
  } finally {
    console.log = log;
  }
}
