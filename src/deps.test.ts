import { describe, expect, it } from "vitest";
import { redactQuery } from "./deps";

describe("request log lines", () => {
  it("keep the path and harmless parameters, never identity numbers, names or tracking secrets", () => {
    expect(redactQuery("/admin/applications?queue=all&id_number=150222199001011231")).toBe(
      "/admin/applications?queue=all&id_number=[redacted]",
    );
    expect(redactQuery("/api/v1/applications/track?code=YS1&secret=ABCD2345EF")).toBe(
      "/api/v1/applications/track?code=[redacted]&secret=[redacted]",
    );
    expect(redactQuery("/api/v1/applications?applicant=%E7%8E%8B&status=replied")).toBe(
      "/api/v1/applications?applicant=[redacted]&status=replied",
    );
    expect(redactQuery("/gk/list?page=2")).toBe("/gk/list?page=2");
    expect(redactQuery("/hd/apply")).toBe("/hd/apply");
  });
});
