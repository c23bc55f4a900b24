import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { freePort, stop } from "../../bench/processes";

const root = resolve(import.meta.dirname, "../..");

/** A `gongkai serve` process as an operator starts it, on a free port of 127.0.0.1. */
export interface ServeProcess {
  child: ChildProcess;
  pid: number;
  /** http://127.0.0.1:PORT */
  base: string;
  /** Everything it printed so far (stdout and stderr: the JSON log lines at info level). */
  output(): string;
  /** The JSON log lines printed so far that parse. */
  logLines(): Array<Record<string, unknown>>;
  /** SIGTERM, SIGKILL after 12 s; resolves when it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts `node bin/gongkai.mjs serve` with `env` added to this process's environment (NODE_ENV, the database
 * URL, the data folder and the secret key are the caller's), and resolves once it answers /healthz.
 */
export async function startServe(
  env: NodeJS.ProcessEnv,
  name = "gongkai serve",
  startMs = 150_000,
): Promise<ServeProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["bin/gongkai.mjs", "serve"], {
    cwd: root,
    env: { ...process.env, GONGKAI_LOG_LEVEL: "info", ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Never outlives the test run, whatever happens to the test file.
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
  child.once("exit", () => process.off("exit", kill));
  let out = "";
  child.stdout?.on("data", (b: Buffer) => {
    out += b.toString("utf8");
  });
  child.stderr?.on("data", (b: Buffer) => {
    out += b.toString("utf8");
  });
  const base = `http://127.0.0.1:${port}`;
  const proc: ServeProcess = {
    child,
    pid: child.pid!,
    base,
    output: () => out,
    logLines: () =>
      out.split("\n").flatMap((line) => {
        if (!line.startsWith("{")) return [];
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      }),
    stop: () => stop(child),
  };
  try {
    await listening(proc, startMs);
  } catch (e) {
    await proc.stop();
    throw new Error(`${name}: ${String(e)}\n${out.slice(-4000)}`);
  }
  return proc;
}

/** Resolves when `serve` says it has started and answers /healthz; rejects if it exits or takes `ms`. */
async function listening(proc: ServeProcess, ms: number): Promise<void> {
  const { child } = proc;
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => done(new Error(`not started within ${ms / 1000} s`)), ms);
    const onData = () => {
      if (proc.output().includes("gongkai 已启动")) done();
    };
    const onExit = (code: number | null) => done(new Error(`exited (${code}) before it started`));
    const done = (err?: Error) => {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.off("exit", onExit);
      if (err) fail(err);
      else ok();
    };
    child.stdout?.on("data", onData);
    child.once("exit", onExit);
    onData();
  });
  const res = await fetch(`${proc.base}/healthz`);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`/healthz answered ${res.status}`);
}
