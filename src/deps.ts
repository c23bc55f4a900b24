import pino, { type Logger, type LoggerOptions } from "pino";
import type { Config } from "./config";
import { connectDb, type Db } from "./db/connect";
import { bindAudit } from "./domains/audit/audit.binding";
import { createSafeLinkProbe } from "./platform/net";
import { type Clock, systemClock } from "./platform/time";

// Composition root: everything a service needs is passed in, so tests build the app on a fresh database.
/** Asks whether a web address answers (the review's dead-link check); tests pass a fake. */
export type LinkProbe = (
  url: string,
  init: { method: "HEAD" | "GET"; signal: AbortSignal; redirect: "follow" },
) => Promise<{ ok: boolean; status: number }>;

export interface Deps {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  linkProbe: LinkProbe;
}

export type { Executor } from "./db/executor";

/** Who did something: a staff user, or the system (CLI, scheduler). */
export interface Actor {
  id: string | null;
  label: string;
}

export const systemActor = (label = "system"): Actor => ({ id: null, label });

export function createLogger(config: Config): Logger {
  const options: LoggerOptions = {
    level: config.logLevel,
    // Never log secrets or personal data that may travel in headers or bodies.
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        "res.headers['set-cookie']",
        "*.password",
        "*.id_number",
      ],
      censor: "[redacted]",
    },
    serializers: {
      // Request lines without personal data or secrets carried in query strings (staff search by
      // identity number or name, the applicant's tracking secret in the track API).
      req: (req: {
        method?: string;
        url?: string;
        hostname?: string;
        ip?: string;
        socket?: { remotePort?: number };
      }) => ({
        method: req.method,
        url: redactQuery(req.url ?? ""),
        host: req.hostname,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
  };
  if (config.logLevel === "silent") return pino(options);
  // Log lines go to stdout without holding up the answer: written asynchronously in batches of at least
  // 32 KB (or whatever has gathered after one second), and flushed synchronously when the process exits.
  // Under load one write per line was a sixth of the busy CPU of a cached page, and 4 KB batches still
  // cost a thread-pool write every ~20 requests. A worker-thread transport (pino.transport) costs more CPU
  // than this on a two-core server. GONGKAI_LOG_SYNC=1 writes each line at once.
  if (config.logSync) return pino(options, pino.destination({ dest: 1, sync: true }));
  return pino(
    options,
    pino.destination({
      dest: 1,
      sync: false,
      minLength: 32 * 1024,
      maxWrite: 64 * 1024,
      periodicFlush: 1000,
    }),
  );
}

/** Query parameters whose values never reach the log. */
const SENSITIVE_PARAMS = new Set(["id_number", "applicant", "q", "secret", "code", "name", "phone", "email"]);

/** `/x?id_number=110…&queue=all` → `/x?id_number=[redacted]&queue=all`. */
export function redactQuery(url: string): string {
  const at = url.indexOf("?");
  if (at < 0) return url;
  const parts = url
    .slice(at + 1)
    .split("&")
    .map((kv) => {
      const eq = kv.indexOf("=");
      const key = eq < 0 ? kv : kv.slice(0, eq);
      let name = key;
      try {
        name = decodeURIComponent(key);
      } catch {
        // keep the raw key
      }
      return eq >= 0 && SENSITIVE_PARAMS.has(name) ? `${key}=[redacted]` : kv;
    });
  return `${url.slice(0, at)}?${parts.join("&")}`;
}

export function createDeps(config: Config, overrides: Partial<Deps> = {}): Deps {
  const logger = overrides.logger ?? createLogger(config);
  return {
    config,
    // The audit chain's key and head anchor travel with the handle (src/domains/audit/audit.binding.ts).
    db: bindAudit(overrides.db ?? connectDb(config.databaseUrl), config, logger),
    clock: overrides.clock ?? systemClock,
    logger,
    // Public addresses only, each redirect hop checked, the resolved address pinned (platform/net: SSRF).
    linkProbe: overrides.linkProbe ?? createSafeLinkProbe(),
  };
}
