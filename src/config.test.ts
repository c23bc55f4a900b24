import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

describe("config", () => {
  it("has working defaults for development", () => {
    const c = loadConfig({ GONGKAI_DATA_DIR: "/tmp/gongkai-config-test" });
    expect(c.databaseUrl).toBe("sqlite:./data/gongkai.db");
    expect(c.port).toBe(3000);
    expect(c.host).toBe("127.0.0.1");
    expect(c.secretKey).toHaveLength(32);
    // The generated development key is kept, so sessions survive a restart.
    expect(loadConfig({ GONGKAI_DATA_DIR: "/tmp/gongkai-config-test" }).secretKey.equals(c.secretKey)).toBe(
      true,
    );
  });

  it("fails fast listing every problem", () => {
    try {
      loadConfig({ NODE_ENV: "production", PORT: "abc", GONGKAI_DATABASE_URL: "mysql://x" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join("\n");
      expect(problems).toContain("PORT");
      expect(problems).toContain("GONGKAI_DATABASE_URL");
      expect(problems).toContain("GONGKAI_SECRET_KEY is required");
    }
  });

  it("accepts a hex or base64 secret key in production", () => {
    const key = "ab".repeat(32);
    expect(loadConfig({ NODE_ENV: "production", GONGKAI_SECRET_KEY: key }).secretKey.toString("hex")).toBe(
      key,
    );
    expect(() => loadConfig({ NODE_ENV: "production", GONGKAI_SECRET_KEY: "short" })).toThrow(ConfigError);
  });
});
