// `npm run lint:openapi`: the OpenAPI document must lint clean and a client generated from it must compile.
// 1. builds the app in-process and writes /api/v1/openapi.json to a temporary folder;
// 2. lints it with Redocly (redocly.yaml: the recommended rules) — any error fails;
// 3. generates TypeScript types with openapi-typescript and compiles scripts/openapi-client-check.mjs (a
//    typed openapi-fetch client using them) with tsc — a document a client cannot be built from fails.
// `--out FILE` also keeps the document (docs/api.md).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildOpenApiDocument } from "./openapi-document";

const root = resolve(import.meta.dirname, "..");
const bin = (name: string) => join(root, "node_modules", ".bin", name);
// No telemetry and no update banner from the Redocly CLI in CI.
const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };

function run(step: string, cmd: string, args: string[]): void {
  try {
    execFileSync(cmd, args, { cwd: root, env, stdio: "inherit" });
  } catch {
    console.error(`lint:openapi: ${step} failed`);
    process.exit(1);
  }
}

const outArg = process.argv.indexOf("--out");
const dir = mkdtempSync(join(tmpdir(), "gongkai-openapi-check-"));
try {
  const doc = await buildOpenApiDocument();
  const docFile = join(dir, "openapi.json");
  writeFileSync(docFile, `${JSON.stringify(doc, null, 2)}\n`);
  if (outArg > 0 && process.argv[outArg + 1]) copyFileSync(docFile, resolve(process.argv[outArg + 1]!));
  const operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
  console.log(`lint:openapi: ${operations} operations in ${Object.keys(doc.paths).length} paths`);

  run("redocly lint", bin("redocly"), ["lint", "--config", join(root, "redocly.yaml"), docFile]);

  const schemaFile = join(dir, "schema.d.ts");
  run("openapi-typescript", bin("openapi-typescript"), [docFile, "--output", schemaFile]);
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2023",
        lib: ["ES2023", "DOM"],
        module: "ESNext",
        moduleResolution: "Bundler",
        strict: true,
        noEmit: true,
        allowJs: true,
        checkJs: true,
        skipLibCheck: false,
        types: [],
        // The freshly generated types under a fixed module name.
        paths: { "gongkai-openapi": [schemaFile] },
      },
      files: [join(root, "scripts", "openapi-client-check.mjs"), schemaFile],
    }),
  );
  run("tsc on the generated client", bin("tsc"), ["-p", join(dir, "tsconfig.json")]);
  console.log("lint:openapi: document lints clean; the generated client compiles");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
