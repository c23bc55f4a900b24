import { readFileSync } from "node:fs";

/** The version a backup's manifest records (package.json). */
export const GONGKAI_VERSION: string = (
  JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string }
).version;
