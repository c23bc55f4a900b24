// The Chromium the browser journeys drive: GONGKAI_CHROMIUM when set, else Debian's /usr/bin/chromium (CI), else
// the one shipped in the npm package @sparticuz/chromium, so `npm test` passes on a machine with nothing but Node.
//
// The bundled one is chrome-headless-shell, unpacked once into the temp folder (/tmp/chromium) by the package.
// It needs NSS and expat: the package ships them for Amazon Linux (al2023.tar.br, plain glibc libraries that serve
// any Linux), unpacked beside it and put first on its LD_LIBRARY_PATH, so no system library is needed. Fonts are the
// system's when there is a fontconfig (/etc/fonts); without one only the package's Open Sans: Chinese text then
// draws as boxes in screenshots, while Mongolian keeps its self-hosted web font and every DOM-level check holds.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const SYSTEM_FONTCONFIG = "/etc/fonts/fonts.conf";

export type ChromiumChoice =
  | { kind: "configured" | "system"; path: string }
  | { kind: "bundled"; reason: string };

export function chooseChromium(
  settings: { chromiumPath?: string; forceBundledChromium: boolean },
  exists: (path: string) => boolean = existsSync,
): ChromiumChoice {
  if (settings.forceBundledChromium) return { kind: "bundled", reason: "GONGKAI_FORCE_BUNDLED_CHROMIUM=1" };
  if (settings.chromiumPath) return { kind: "configured", path: settings.chromiumPath };
  if (exists(SYSTEM_CHROMIUM)) return { kind: "system", path: SYSTEM_CHROMIUM };
  return { kind: "bundled", reason: `no ${SYSTEM_CHROMIUM} and GONGKAI_CHROMIUM unset` };
}

export function describeChromium(choice: ChromiumChoice): string {
  switch (choice.kind) {
    case "configured":
      return `${choice.path} (GONGKAI_CHROMIUM)`;
    case "system":
      return `${choice.path} (system)`;
    case "bundled":
      return `the one in @sparticuz/chromium (${choice.reason})`;
  }
}

export interface ChromiumLaunch {
  executablePath: string;
  /** The browser's environment; undefined: the test process's own. */
  env?: NodeJS.ProcessEnv;
}

/** The executable and environment for a choice; a configured or system path that is missing is an error. */
export async function chromiumLaunch(choice: ChromiumChoice): Promise<ChromiumLaunch> {
  if (choice.kind !== "bundled") {
    if (!existsSync(choice.path)) {
      throw new Error(
        `Chromium is required: apt-get install chromium, or unset GONGKAI_CHROMIUM to use the one in @sparticuz/chromium (not found at ${choice.path})`,
      );
    }
    return { executablePath: choice.path };
  }
  const { default: Chromium, inflate } = await import("@sparticuz/chromium");
  Chromium.setGraphicsMode = false; // no WebGL: --disable-gpu, and no SwiftShader libraries unpacked into /tmp
  const bin = join(dirname(createRequire(import.meta.url).resolve("@sparticuz/chromium")), "..", "bin");
  const libs = join(await inflate(join(bin, "al2023.tar.br")), "lib");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LD_LIBRARY_PATH: [libs, process.env.LD_LIBRARY_PATH].filter(Boolean).join(":"),
  };
  // Without a system fontconfig, the package's (its fonts.tar.br, unpacked by executablePath()).
  if (!existsSync(SYSTEM_FONTCONFIG)) env.FONTCONFIG_PATH = join(tmpdir(), "fonts");
  // The package unpacks into /tmp/chromium and reuses that file when it is there: one cut short by a killed run
  // would fail every launch after it. It is checked and unpacked again once.
  for (let attempt = 1; ; attempt++) {
    const executablePath = await Chromium.executablePath();
    const version = spawnSync(executablePath, ["--version"], { env, encoding: "utf8", timeout: 30_000 });
    if (version.status === 0) return { executablePath, env };
    if (attempt === 2) {
      throw new Error(
        `the Chromium in @sparticuz/chromium does not run (${executablePath}): ${version.stderr || version.error}`,
      );
    }
    rmSync(executablePath, { force: true });
  }
}
