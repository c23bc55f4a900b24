import type { Kysely, Transaction } from "kysely";
import pino, { type Logger } from "pino";
import type { Config } from "./config";
import { connectDb, type Db } from "./db/connect";
import type { Database } from "./db/schema";
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

export type Executor = Kysely<Database> | Transaction<Database>;

/** Who did something: a staff user, or the system (CLI, scheduler). */
export interface Actor {
  id: string | null;
  label: string;
}

export const systemActor = (label = "system"): Actor => ({ id: null, label });

export function createLogger(config: Config): Logger {
  return pino({
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
  });
}

export function createDeps(config: Config, overrides: Partial<Deps> = {}): Deps {
  return {
    config,
    db: overrides.db ?? connectDb(config.databaseUrl),
    clock: overrides.clock ?? systemClock,
    logger: overrides.logger ?? createLogger(config),
    linkProbe:
      overrides.linkProbe ??
      ((url, init) => fetch(url, { ...init, headers: { "user-agent": "gongkai-link-check" } })),
  };
}
