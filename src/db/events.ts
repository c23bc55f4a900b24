import { randomBytes } from "node:crypto";
import pg from "pg";

// Events between the instances of one deployment (several `gongkai serve` processes on one PostgreSQL
// database, docs/deployment.md "Several instances"): PostgreSQL's LISTEN/NOTIFY on one channel. A change that
// makes cached public pages stale is broadcast after its transaction commits; every other instance hears it and
// drops its page cache. SQLite is one process: it has no events (and needs none).

const CHANNEL = "gongkai_events";
const RECONNECT_MS = [100, 500, 1_000, 5_000];

export interface InstanceEvents {
  /** This process's id among the instances (random per start). */
  readonly instanceId: string;
  /** Tells the other instances of `topic`; never throws (a lost notification is logged by the listener's caller). */
  broadcast(topic: string): void;
  /**
   * Calls `listener` when another instance broadcasts `topic`, and after the listening connection was lost and
   * came back (events may have been missed meanwhile). Returns an unsubscribe; the connection closes with the
   * last one.
   */
  subscribe(topic: string, listener: () => void): () => void;
  /** Resolves once the listening connection is up (tests; serve does not wait). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function pgEvents(pool: pg.Pool, connectionString: string): InstanceEvents {
  const instanceId = randomBytes(8).toString("hex");
  const listeners = new Map<string, Set<() => void>>();
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let attempts = 0;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const all = () => [...listeners.values()].flatMap((s) => [...s]);
  const call = (fns: Iterable<() => void>) => {
    for (const fn of fns) {
      try {
        fn();
      } catch {
        // One listener's failure never stops the others.
      }
    }
  };

  const connect = (): Promise<void> => {
    if (connecting) return connecting;
    const c = new pg.Client({ connectionString });
    connecting = (async () => {
      try {
        await c.connect();
        c.on("notification", (m) => {
          const [from, topic] = (m.payload ?? "").split(":");
          if (from === instanceId || !topic) return;
          call(listeners.get(topic) ?? []);
        });
        const lost = () => {
          if (client !== c) return;
          client = undefined;
          connecting = undefined;
          if (!closed && listeners.size) schedule();
        };
        c.on("error", lost);
        c.on("end", lost);
        await c.query(`LISTEN ${CHANNEL}`);
        client = c;
        // Back after a loss: whatever was broadcast meanwhile is unknown, so every listener acts as if told.
        if (attempts > 0) call(all());
        attempts = 0;
      } catch {
        c.end().catch(() => {});
        connecting = undefined;
        if (!closed && listeners.size) schedule();
      }
    })();
    return connecting;
  };

  const schedule = () => {
    if (retry) return;
    const wait = RECONNECT_MS[Math.min(attempts, RECONNECT_MS.length - 1)]!;
    attempts++;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, wait);
    retry.unref();
  };

  const disconnect = async () => {
    if (retry) clearTimeout(retry);
    retry = undefined;
    const c = client;
    client = undefined;
    await connecting?.catch(() => {});
    connecting = undefined;
    await (c ?? client)?.end().catch(() => {});
  };

  return {
    instanceId,
    broadcast(topic) {
      pool.query("SELECT pg_notify($1, $2)", [CHANNEL, `${instanceId}:${topic}`]).catch(() => {});
    },
    subscribe(topic, listener) {
      const set = listeners.get(topic) ?? new Set<() => void>();
      listeners.set(topic, set);
      set.add(listener);
      void connect();
      return () => {
        set.delete(listener);
        if (!set.size) listeners.delete(topic);
        if (!listeners.size) void disconnect();
      };
    },
    async ready() {
      while (!client && !closed) {
        await (connecting ?? connect());
        if (!client) await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      closed = true;
      listeners.clear();
      await disconnect();
    },
  };
}
