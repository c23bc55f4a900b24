import { describe, expect, it } from "vitest";
import { stripInvisible, visibleTrim } from "./visible-text";

describe("visible text", () => {
  it("blanks text made only of invisible characters and spaces", () => {
    expect(visibleTrim("\u200b\u3000\u00a0")).toBe("");
    expect(visibleTrim("  \u200b\u200b\u200b\u200b\u200b\u200b  ")).toBe("");
    expect(visibleTrim(undefined)).toBe("");
  });
  it("removes direction overrides but keeps joiners and Mongolian spacing", () => {
    expect(stripInvisible("\u202eevil\u202c王")).toBe("evil王");
    expect(stripInvisible("👩\u200d💻")).toBe("👩\u200d💻");
    expect(stripInvisible("ᠠᠪᠤ\u202fᠶᠢᠨ")).toBe("ᠠᠪᠤ\u202fᠶᠢᠨ");
  });
});
