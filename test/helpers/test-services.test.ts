import { describe, expect, it, vi } from "vitest";
import { freePort } from "../../bench/processes";
import { loadTestSettings } from "../../src/config";
import { chooseChromium, chromiumLaunch, describeChromium, SYSTEM_CHROMIUM } from "./chromium-path";
import { choosePostgres, postgresAnswers } from "./embedded-pg";

// Which PostgreSQL and which Chromium `npm test` uses: the installed ones when they are there, else its own.

const URL_ = "postgres://postgres:secret@127.0.0.1:5432/postgres";

describe("which PostgreSQL the test run uses", () => {
  it("uses the configured PostgreSQL when it answers", async () => {
    const answers = vi.fn(async () => true);
    const choice = await choosePostgres({ postgresAdminUrl: URL_, forceEmbeddedPostgres: false }, answers);
    expect(choice).toEqual({ kind: "running", url: URL_ });
    expect(answers).toHaveBeenCalledWith(URL_);
  });

  it("starts an embedded one when nothing answers, naming where it asked without the password", async () => {
    const choice = await choosePostgres(
      { postgresAdminUrl: URL_, forceEmbeddedPostgres: false },
      async () => false,
    );
    expect(choice.kind).toBe("embedded");
    const reason = choice.kind === "embedded" ? choice.reason : "";
    expect(reason).toContain("127.0.0.1:5432");
    expect(reason).not.toContain("secret");
  });

  it("starts an embedded one when forced, without asking the configured one", async () => {
    const answers = vi.fn(async () => true);
    const choice = await choosePostgres({ postgresAdminUrl: URL_, forceEmbeddedPostgres: true }, answers);
    expect(choice).toEqual({ kind: "embedded", reason: "GONGKAI_FORCE_EMBEDDED_PG=1" });
    expect(answers).not.toHaveBeenCalled();
  });

  it("a port where nothing listens does not answer", async () => {
    const port = await freePort();
    expect(await postgresAnswers(`postgres://postgres@127.0.0.1:${port}/postgres`)).toBe(false);
  });

  it("reads the switches from the environment", () => {
    expect(loadTestSettings({}).forceEmbeddedPostgres).toBe(false);
    expect(loadTestSettings({ GONGKAI_FORCE_EMBEDDED_PG: "1" }).forceEmbeddedPostgres).toBe(true);
    expect(loadTestSettings({}).postgresAdminUrl).toBe("postgres://postgres@127.0.0.1:5432/postgres");
  });
});

describe("which Chromium the browser journeys use", () => {
  const settings = (env: Record<string, string>) => loadTestSettings(env);

  it("uses GONGKAI_CHROMIUM when set, even when the system one is there", () => {
    expect(chooseChromium(settings({ GONGKAI_CHROMIUM: "/opt/chrome" }), () => true)).toEqual({
      kind: "configured",
      path: "/opt/chrome",
    });
  });

  it("uses the system Chromium when GONGKAI_CHROMIUM is unset or empty", () => {
    const exists = vi.fn((p: string) => p === SYSTEM_CHROMIUM);
    expect(chooseChromium(settings({}), exists)).toEqual({ kind: "system", path: SYSTEM_CHROMIUM });
    expect(chooseChromium(settings({ GONGKAI_CHROMIUM: "" }), exists)).toEqual({
      kind: "system",
      path: SYSTEM_CHROMIUM,
    });
  });

  it("uses the bundled one when there is no system Chromium, or when forced", () => {
    const none = chooseChromium(settings({}), () => false);
    expect(none.kind).toBe("bundled");
    expect(describeChromium(none)).toContain("@sparticuz/chromium");
    expect(describeChromium(none)).toContain(SYSTEM_CHROMIUM);
    const forced = chooseChromium(
      settings({ GONGKAI_CHROMIUM: "/opt/chrome", GONGKAI_FORCE_BUNDLED_CHROMIUM: "1" }),
      () => true,
    );
    expect(forced).toEqual({ kind: "bundled", reason: "GONGKAI_FORCE_BUNDLED_CHROMIUM=1" });
  });

  it("a configured Chromium that is missing is an error naming it and the way out, not a fallback", async () => {
    const choice = chooseChromium(settings({ GONGKAI_CHROMIUM: "/nonexistent/chromium" }));
    await expect(chromiumLaunch(choice)).rejects.toThrow(/not found at \/nonexistent\/chromium/);
    await expect(chromiumLaunch(choice)).rejects.toThrow(/unset GONGKAI_CHROMIUM/);
  });
});
