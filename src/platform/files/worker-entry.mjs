// The file worker's entry point. The project runs its TypeScript through tsx (bin/gongkai.mjs, vitest), and
// a worker thread starts with no loader of its own, so it registers tsx before importing worker.ts. The
// parsers (plain JavaScript packages) are loaded first, without the loader: through it, PDF.js alone takes
// seconds to load; without, half a second. worker.ts then finds them in the module cache.
import { register } from "tsx/esm/api";
import { importPdfjs } from "./pdfjs-load.mjs";

await Promise.all([
  import("unpdf"),
  importPdfjs(),
  import("mammoth"),
  import("exceljs"),
  import("jszip"),
  import("pdf-lib"),
]);
register();
await import(new URL("./worker.ts", import.meta.url).href);
