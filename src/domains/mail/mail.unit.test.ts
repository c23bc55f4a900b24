import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../config";
import { nextAttemptAt, RETRY_MAX_MS, retryDelayMs } from "./mail.backoff";
import { deliveryState, maskAddress } from "./mail.outbox";
import { isSingleAddress } from "./mail.service";
import { describeSendError } from "./mail.transport";

const base = { NODE_ENV: "test", GONGKAI_DATA_DIR: "/tmp/gongkai-mail-test" };
const key = { secretKey: Buffer.alloc(32, 1) };

describe("mail backoff", () => {
  it("doubles from one minute and caps at six hours", () => {
    expect([1, 2, 3, 4, 5].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000, 960_000]);
    expect(retryDelayMs(30)).toBe(RETRY_MAX_MS);
    expect(retryDelayMs(0)).toBe(60_000);
    expect(nextAttemptAt(new Date("2025-03-03T01:00:00Z"), 3)).toBe("2025-03-03T01:04:00.000Z");
  });
});

describe("mail configuration", () => {
  it("is off by default: messages wait", () => {
    const c = loadConfig(base, key);
    expect(c).toMatchObject({ smtpUrl: null, mailFrom: null, mailMaxAttempts: 6, publicUrl: null });
  });

  it("accepts an smtp URL with a From address", () => {
    const c = loadConfig(
      {
        ...base,
        GONGKAI_SMTP_URL: "smtp://user:pass@mail.example.gov.cn:587",
        GONGKAI_MAIL_FROM: "固阳县政务公开办 <gk@example.gov.cn>",
        GONGKAI_MAIL_MAX_ATTEMPTS: "4",
        GONGKAI_PUBLIC_URL: "https://gk.example.gov.cn/",
      },
      key,
    );
    expect(c).toMatchObject({
      smtpUrl: "smtp://user:pass@mail.example.gov.cn:587",
      mailFrom: "固阳县政务公开办 <gk@example.gov.cn>",
      mailMaxAttempts: 4,
      publicUrl: "https://gk.example.gov.cn",
    });
  });

  it("names every problem, and never echoes the SMTP URL's password", () => {
    let err: ConfigError | undefined;
    try {
      loadConfig(
        {
          ...base,
          GONGKAI_SMTP_URL: "http://user:s3cret@mail.example.gov.cn",
          GONGKAI_MAIL_MAX_ATTEMPTS: "0",
          GONGKAI_PUBLIC_URL: "gk.example.gov.cn",
        },
        key,
      );
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.problems).toHaveLength(4);
    expect(err!.problems.join("\n")).toMatch(/GONGKAI_SMTP_URL must start with smtp:\/\/ or smtps:\/\//);
    expect(err!.problems.join("\n")).toContain("GONGKAI_MAIL_FROM is required");
    expect(err!.problems.join("\n")).toContain("GONGKAI_MAIL_MAX_ATTEMPTS");
    expect(err!.problems.join("\n")).toContain("GONGKAI_PUBLIC_URL");
    expect(err!.message).not.toContain("s3cret");
  });

  it("refuses a malformed URL or From address", () => {
    expect(() =>
      loadConfig({ ...base, GONGKAI_SMTP_URL: "not a url", GONGKAI_MAIL_FROM: "gk@x.cn" }, key),
    ).toThrow(/GONGKAI_SMTP_URL must be a URL/);
    expect(() =>
      loadConfig({ ...base, GONGKAI_SMTP_URL: "smtp://h:25", GONGKAI_MAIL_FROM: "a@b.cn, c@d.cn" }, key),
    ).toThrow(/GONGKAI_MAIL_FROM must be an e-mail address/);
  });
});

describe("privacy of delivery errors and views", () => {
  it("scrubs addresses out of SMTP errors", () => {
    const e = Object.assign(new Error("Can't send mail - all recipients were rejected"), {
      code: "EENVELOPE",
      responseCode: 550,
      response: "550 <wxm@example.com>: Recipient address rejected",
    });
    const text = describeSendError(e);
    expect(text).toContain("EENVELOPE 550");
    expect(text).not.toContain("wxm@example.com");
  });

  it("masks addresses and names the waiting state", () => {
    expect(maskAddress("wxm@example.com")).toBe("w***@example.com");
    expect(maskAddress("broken")).toBe("***");
    expect(deliveryState({ status: "pending", attempts: 0 }, false)).toBe("not_configured");
    expect(deliveryState({ status: "pending", attempts: 2 }, true)).toBe("retrying");
    expect(deliveryState({ status: "failed", attempts: 6 }, true)).toBe("failed");
  });
});

describe("mail recipients", () => {
  it("accepts exactly one plain address, nothing the SMTP library could split or reinterpret", () => {
    for (const ok of ["wxm@example.com", "wang.xm+gk@mail.example.gov.cn", "a_b-c@x.cn"])
      expect(isSingleAddress(ok), ok).toBe(true);
    for (const bad of [
      "",
      "a@x.com,b.cn",
      "a@x.com, b@y.cn",
      "a@x.com;b@y.cn",
      "王小明 <a@x.com>",
      "<a@x.com>",
      '"a"@x.com',
      "a@x.com\r\nBcc: b@y.cn",
      "a b@x.com",
      "a@x.com ",
      "a@@x.com",
      "a@x",
      "a(b)@x.com",
      "a@[127.0.0.1]",
      `${"a".repeat(65)}@x.com`,
    ])
      expect(isSingleAddress(bad), bad).toBe(false);
  });
});
