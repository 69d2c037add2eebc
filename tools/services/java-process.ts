import { spawn, spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { register, type StartedProcess } from "./pid-registry.ts";
import { startTimeOf } from "./processes.ts";
import { SetupError } from "./progress.ts";

/**
 * Checks a tool before its first use so a bare machine gets an install command, not an ENOENT trace.
 * The command names both packages, so whichever is found missing first, one install fixes both.
 */
export function requireTools(...tools: string[]): void {
  const missing = tools.filter((tool) => spawnSync(tool, ["-version"], { stdio: "ignore" }).error);
  if (missing.length === 0) return;
  throw new SetupError(
    `running Kafka and OpenSearch without Docker needs a JDK 17 and Maven, but ${missing.join(" and ")} ` +
      `was not found on PATH; install them with: apt-get install -y openjdk-17-jdk-headless maven`,
  );
}

function logTail(logFile: string, lines = 30): string {
  try {
    return readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log written)";
  }
}

function failure(what: string, logFile: string): SetupError {
  return new SetupError(`${what}; last lines of ${logFile}:\n${logTail(logFile)}`);
}

/** Runs a command to completion with its output appended to logFile. */
export async function runLogged(command: string, args: string[], logFile: string, what: string): Promise<void> {
  const log = openSync(logFile, "a");
  try {
    const child = spawn(command, args, { stdio: ["ignore", log, log] });
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("exit", resolve);
    });
    if (code !== 0) throw failure(`${what} failed (exit code ${code})`, logFile);
  } finally {
    closeSync(log);
  }
}

export interface JavaService {
  process: StartedProcess;
  /** How the JVM ended, undefined while it runs. */
  ended(): string | undefined;
}

/**
 * Starts a long-running JVM and records it in the pid registry at once, so that if this run dies
 * before its teardown, the next run finds the JVM and stops it. The marker property is how that
 * later run recognises it. The JVM stays in our process group: a Ctrl-C in the terminal stops it too.
 */
export function launchJava(
  service: string,
  options: { classpath: string; mainClass: string; jvmArgs: string[]; args: string[]; logFile: string },
): JavaService {
  const marker = `-Dpilog.services=${service}`;
  const log = openSync(options.logFile, "a");
  const child = spawn("java", [...options.jvmArgs, marker, "-cp", options.classpath, options.mainClass, ...options.args], {
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  let ended: string | undefined;
  child.on("exit", (code, signal) => (ended = code === null ? `killed by ${signal}` : `exit code ${code}`));
  child.on("error", (error) => (ended = error.message));
  child.unref();
  const pid = child.pid;
  const startTime = pid === undefined ? undefined : startTimeOf(pid);
  if (pid === undefined || startTime === undefined) throw failure(`${service}: java did not start`, options.logFile);
  const started = { service, pid, startTime, marker };
  register(started);
  return { process: started, ended: () => ended };
}

/** Polls probe until it answers true; fails early if the JVM dies, and with the log tail on timeout. */
export async function waitUntilReady(
  service: JavaService,
  logFile: string,
  timeoutMs: number,
  probe: () => Promise<boolean>,
): Promise<void> {
  const startedAt = performance.now();
  const name = service.process.service;
  for (;;) {
    const ended = service.ended();
    if (ended !== undefined) throw failure(`${name} exited (${ended}) before it was ready`, logFile);
    if (await probe().catch(() => false)) return;
    if (performance.now() - startedAt > timeoutMs) throw failure(`${name} was not ready after ${timeoutMs / 1000}s`, logFile);
    await sleep(250);
  }
}
