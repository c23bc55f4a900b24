import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { PDFJS_LEGACY_WARNING } from "./pdfjs-load.mjs";

// PDF.js prints its "legacy build" line once as it loads: a fresh process (a module already loaded here would
// print nothing either way) loads it as the file worker's entry does, and only that line is gone.
it("loads PDF.js without its legacy-build warning, and other output still passes", async () => {
  const root = resolve(import.meta.dirname, "../../..");
  const script = `
    const { importPdfjs } = await import(${JSON.stringify(resolve(root, "src/platform/files/pdfjs-load.mjs"))});
    const pdfjs = await importPdfjs();
    console.log(typeof pdfjs.getDocument);
    console.log("Warning: another line");`;
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    ["--input-type=module", "-e", script],
    {
      cwd: root,
      timeout: 240_000,
    },
  );
  expect(stdout.split("\n").filter(Boolean)).toEqual(["function", "Warning: another line"]);
  expect(stdout + stderr).not.toContain(PDFJS_LEGACY_WARNING);
}, 300_000);
