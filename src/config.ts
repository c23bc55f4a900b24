import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { ROLES } from "./domains/accounts/accounts.policy";
import { parseTrustedProxies } from "./web/client-address";

// The only reader of process.env. Everything else receives a Config.
export interface Config {
  nodeEnv: "development" | "production" | "test";
  databaseUrl: string;
  host: string;
  port: number;
  dataDir: string;
  /** 32 bytes; derives session and encryption keys. */
  secretKey: Buffer;
  logLevel: string;
  /**
   * GONGKAI_LOG_SYNC=1: write each log line before answering (slower; for debugging a crash). Otherwise
   * lines are written asynchronously (those arriving during a write go out together) and flushed at exit.
   */
  logSync: boolean;
  /** GONGKAI_AUDIT_SYSLOG=1: also log each new audit chain head (for a syslog or journal kept elsewhere). */
  auditSyslog: boolean;
  /**
   * GONGKAI_STATIC_DIR: a directory published with `gongkai publish-static --out` that `serve` keeps current
   * (docs/static-publication.md); null: none.
   */
  staticDir: string | null;
  /** Failed logins before an account locks, and for how long. */
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** Login failures from one address (any account) before it is refused, but for accounts it signed in before. */
  loginMaxFailuresPerAddress: number;
  /** Login failures of one account (any address) before addresses it never signed in from are refused. */
  loginMaxFailuresPerAccount: number;
  /** A session ends after this many minutes without a request, and this many hours after sign-in. */
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /**
   * GONGKAI_TOTP_REQUIRED_ROLES: staff holding any of these roles must sign in with a second factor (TOTP) and
   * enrol one at their next sign-in. Default `admin,signer` in production, none otherwise (the demo's
   * published accounts); `none` turns the requirement off. Anyone who enrolled always needs their code.
   */
  totpRequiredRoles: string[];
  /** Reverse proxies (addresses, CIDR ranges) whose X-Forwarded-For is believed; empty: the peer is the client. */
  trustProxy: string[];
  /** Requests per client address for each class of route (src/web/client-limits.ts). */
  rateLimits: RateLimits;
  /** Outgoing mail (src/domains/mail): an smtp:// or smtps:// URL; null means mail stays pending. */
  smtpUrl: string | null;
  /** The From address of outgoing mail; required with smtpUrl. */
  mailFrom: string | null;
  /** Delivery attempts before a message is marked failed. */
  mailMaxAttempts: number;
  /** The site's public address (https://…), for links in e-mail; null: links are paths only. */
  publicUrl: string | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join("\n  - ")}`);
  }
}

type Env = Record<string, string | undefined>;

function parseIntVar(
  env: Env,
  name: string,
  fallback: number,
  problems: string[],
  min = 0,
  max = 65535,
): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
    return fallback;
  }
  return n;
}

function decodeKey(raw: string): Buffer | undefined {
  const trimmed = raw.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, "hex");
  const b = Buffer.from(trimmed, "base64");
  return b.length === 32 ? b : undefined;
}

/** The development key in the data folder, or an empty buffer when there is none. */
function existingKey(dataDir: string): Buffer {
  const file = resolve(dataDir, "secret.key");
  return (existsSync(file) && decodeKey(readFileSync(file, "utf8"))) || Buffer.alloc(0);
}

/** A development key lives in the data folder so sessions survive restarts. */
function developmentKey(dataDir: string): Buffer {
  const existing = existingKey(dataDir);
  if (existing.length) return existing;
  const file = resolve(dataDir, "secret.key");
  const key = randomBytes(32);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, key.toString("hex"), { mode: 0o600 });
  return key;
}

/**
 * `newKey: false` (gongkai restore): no development key is generated when none is configured; `secretKey`
 * is then empty and the caller refuses (a new key could never read what the old one encrypted).
 */
export function loadConfig(
  env: Env = process.env,
  overrides: Partial<Config> = {},
  opts: { newKey?: boolean } = {},
): Config {
  const problems: string[] = [];
  const nodeEnvRaw = env.NODE_ENV ?? "development";
  const nodeEnv = (["development", "production", "test"] as const).find((e) => e === nodeEnvRaw);
  if (!nodeEnv) problems.push(`NODE_ENV must be development, production or test, got "${nodeEnvRaw}"`);

  const databaseUrl = env.GONGKAI_DATABASE_URL ?? "sqlite:./data/gongkai.db";
  if (!/^sqlite:.+/.test(databaseUrl) && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(`GONGKAI_DATABASE_URL must start with sqlite: or postgres://, got "${databaseUrl}"`);
  }
  const dataDir = resolve(env.GONGKAI_DATA_DIR ?? "./data");
  const port = parseIntVar(env, "PORT", 3000, problems);
  const host = env.HOST ?? "127.0.0.1";

  let secretKey: Buffer | undefined;
  if (env.GONGKAI_SECRET_KEY) {
    secretKey = decodeKey(env.GONGKAI_SECRET_KEY);
    if (!secretKey) problems.push("GONGKAI_SECRET_KEY must be 32 bytes as 64 hex characters or base64");
  } else if (nodeEnv === "production") {
    problems.push("GONGKAI_SECRET_KEY is required when NODE_ENV=production");
  }

  const config: Config = {
    nodeEnv: nodeEnv ?? "development",
    databaseUrl,
    host,
    port,
    dataDir,
    secretKey: Buffer.alloc(0),
    logLevel: env.GONGKAI_LOG_LEVEL ?? (nodeEnv === "test" ? "silent" : "info"),
    logSync: env.GONGKAI_LOG_SYNC === "1" || env.GONGKAI_LOG_SYNC === "true",
    auditSyslog: env.GONGKAI_AUDIT_SYSLOG === "1" || env.GONGKAI_AUDIT_SYSLOG === "true",
    staticDir: env.GONGKAI_STATIC_DIR?.trim() ? resolve(env.GONGKAI_STATIC_DIR.trim()) : null,
    loginMaxFailures: parseIntVar(env, "GONGKAI_LOGIN_MAX_FAILURES", 5, problems, 1, 100),
    loginLockMinutes: parseIntVar(env, "GONGKAI_LOGIN_LOCK_MINUTES", 15, problems, 1, 24 * 60),
    ...parseSessionVars(env, problems),
    totpRequiredRoles: parseTotpRoles(env.GONGKAI_TOTP_REQUIRED_ROLES, nodeEnv, problems),
    ...parseProxyVars(env, problems),
    ...parseMailVars(env, problems),
    ...overrides,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  if (overrides.secretKey === undefined)
    config.secretKey = secretKey ?? (opts.newKey === false ? existingKey(dataDir) : developmentKey(dataDir));
  return config;
}

/** GONGKAI_SMTP_URL, GONGKAI_MAIL_FROM, GONGKAI_MAIL_MAX_ATTEMPTS, GONGKAI_PUBLIC_URL; never echoes the URL (it may hold a password). */
export function parseMailVars(env: Env, problems: string[]) {
  const rawUrl = env.GONGKAI_SMTP_URL?.trim() || null;
  const mailFrom = env.GONGKAI_MAIL_FROM?.trim() || null;
  let smtpUrl: string | null = null;
  if (rawUrl) {
    let u: URL | undefined;
    try {
      u = new URL(rawUrl);
    } catch {
      problems.push("GONGKAI_SMTP_URL must be a URL such as smtp://user:pass@host:587");
    }
    if (u && u.protocol !== "smtp:" && u.protocol !== "smtps:")
      problems.push(`GONGKAI_SMTP_URL must start with smtp:// or smtps://, got "${u.protocol}//"`);
    else if (u && !u.hostname) problems.push("GONGKAI_SMTP_URL has no host");
    else if (u) smtpUrl = rawUrl;
    if (!mailFrom) problems.push("GONGKAI_MAIL_FROM is required when GONGKAI_SMTP_URL is set");
  }
  // "公开办 <gk@example.gov.cn>" or a bare address; one address only.
  if (
    mailFrom &&
    !/^(?:[^<>@\r\n]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/.test(mailFrom)
  )
    problems.push(`GONGKAI_MAIL_FROM must be an e-mail address or "Name <address>", got "${mailFrom}"`);
  const rawPublic = env.GONGKAI_PUBLIC_URL?.trim() || null;
  let publicUrl: string | null = null;
  if (rawPublic) {
    if (/^https?:\/\/[^\s/]+/.test(rawPublic)) publicUrl = rawPublic.replace(/\/+$/, "");
    else problems.push(`GONGKAI_PUBLIC_URL must be an http:// or https:// address, got "${rawPublic}"`);
  }
  return {
    smtpUrl,
    mailFrom,
    publicUrl,
    mailMaxAttempts: parseIntVar(env, "GONGKAI_MAIL_MAX_ATTEMPTS", 6, problems, 1, 50),
  };
}

/** GONGKAI_TOTP_REQUIRED_ROLES: a comma-separated list of roles, or `none`. */
export function parseTotpRoles(
  raw: string | undefined,
  nodeEnv: string | undefined,
  problems: string[],
): string[] {
  const text = raw?.trim();
  if (!text) return nodeEnv === "production" ? ["admin", "signer"] : [];
  if (text === "none") return [];
  const roles = text
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length)
    problems.push(
      `GONGKAI_TOTP_REQUIRED_ROLES must list roles among ${ROLES.join(", ")} (or be "none"), got "${unknown.join(", ")}"`,
    );
  return [...new Set(roles.filter((r) => !unknown.includes(r)))];
}

/** GONGKAI_SESSION_IDLE_MINUTES, GONGKAI_SESSION_MAX_HOURS and the per-address and per-account login limits. */
export function parseSessionVars(env: Env, problems: string[]) {
  return {
    loginMaxFailuresPerAddress: parseIntVar(
      env,
      "GONGKAI_LOGIN_MAX_FAILURES_PER_ADDRESS",
      20,
      problems,
      1,
      10_000,
    ),
    loginMaxFailuresPerAccount: parseIntVar(
      env,
      "GONGKAI_LOGIN_MAX_FAILURES_PER_ACCOUNT",
      50,
      problems,
      1,
      100_000,
    ),
    sessionIdleMinutes: parseIntVar(env, "GONGKAI_SESSION_IDLE_MINUTES", 30, problems, 1, 24 * 60),
    sessionMaxHours: parseIntVar(env, "GONGKAI_SESSION_MAX_HOURS", 8, problems, 1, 24 * 30),
  };
}

/** Per-client request limits; each class is one counter per client address shared by its routes. */
export interface RateLimits {
  /** Any /api/v1 request without a stricter class, per minute. */
  apiPerMinute: number;
  /** POSTs of public forms, per minute. */
  formsPerMinute: number;
  /** POSTs of back-office forms (a department behind one NAT address shares it), per minute. */
  staffPerMinute: number;
  /** Sign-in attempts, per minute. */
  loginPerMinute: number;
  /** Tracking look-ups with a code and secret (page, API, letters, documents), per minute. */
  trackPerMinute: number;
  /** New public applications (依申请公开), per hour. */
  applicationsPerHour: number;
  /** Other public submissions (messages, error reports, consultation comments, meeting requests), per hour. */
  submissionsPerHour: number;
}

/** GONGKAI_TRUST_PROXY and the GONGKAI_RATE_* limits. */
export function parseProxyVars(env: Env, problems: string[]): Pick<Config, "trustProxy" | "rateLimits"> {
  const trusted = parseTrustedProxies(env.GONGKAI_TRUST_PROXY);
  problems.push(...trusted.problems);
  const limit = (name: string, fallback: number) => parseIntVar(env, name, fallback, problems, 1, 1_000_000);
  return {
    trustProxy: trusted.proxies,
    rateLimits: {
      apiPerMinute: limit("GONGKAI_RATE_API_PER_MINUTE", 120),
      formsPerMinute: limit("GONGKAI_RATE_FORMS_PER_MINUTE", 30),
      staffPerMinute: limit("GONGKAI_RATE_STAFF_PER_MINUTE", 120),
      loginPerMinute: limit("GONGKAI_RATE_LOGIN_PER_MINUTE", 10),
      trackPerMinute: limit("GONGKAI_RATE_TRACK_PER_MINUTE", 30),
      applicationsPerHour: limit("GONGKAI_RATE_APPLICATIONS_PER_HOUR", 20),
      submissionsPerHour: limit("GONGKAI_RATE_SUBMISSIONS_PER_HOUR", 30),
    },
  };
}

/**
 * Test-only settings: where a throwaway PostgreSQL database may be created, and which Chromium drives the
 * browser journeys (test/helpers/embedded-pg.ts and chromium-path.ts decide when none is installed).
 */
export function loadTestSettings(env: Env = process.env) {
  return {
    postgresAdminUrl: env.GONGKAI_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    /** GONGKAI_FORCE_EMBEDDED_PG=1: `npm test` starts its own PostgreSQL even when one answers. */
    forceEmbeddedPostgres: env.GONGKAI_FORCE_EMBEDDED_PG === "1",
    dialects: (env.GONGKAI_TEST_DIALECTS ?? "sqlite,postgres").split(",").filter(Boolean) as Array<
      "sqlite" | "postgres"
    >,
    /** GONGKAI_CHROMIUM: a Chromium to use; unset: /usr/bin/chromium, else the one in @sparticuz/chromium. */
    chromiumPath: env.GONGKAI_CHROMIUM || undefined,
    /** GONGKAI_FORCE_BUNDLED_CHROMIUM=1: the Chromium in @sparticuz/chromium even when another is installed. */
    forceBundledChromium: env.GONGKAI_FORCE_BUNDLED_CHROMIUM === "1",
  };
}
