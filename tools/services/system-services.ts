import { spawnSync } from "node:child_process";
import { accessSync, constants, realpathSync } from "node:fs";
import { delimiter, join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import mysql from "mysql2/promise";
import { portAnswers } from "./local-ports.ts";
import { register, stopRegistered, type StartedProcess } from "./pid-registry.ts";
import { commandLineOf, pidsRunning, startTimeOf } from "./processes.ts";
import { say, secondsSince, SetupError } from "./progress.ts";
import { reused, type Service, TEST_DATABASE } from "./service.ts";

const INSTALL = "apt-get install -y mariadb-server redis-server";
const START_TIMEOUT_MS = 30_000;

interface Daemon {
  name: string;
  port: number;
  executable: string | undefined;
  start(executable: string): string[];
}

const mariadb: Daemon = {
  name: "mariadb",
  port: 3306,
  executable: findExecutable("mariadbd", ["/usr/sbin"]),
  start: (executable) => ["start-stop-daemon", "--start", "--oknodo", "--background", "--exec", executable],
};

const redis: Daemon = {
  name: "redis",
  port: 6379,
  executable: findExecutable("redis-server", []),
  start: (executable) => [executable, "--daemonize", "yes", "--bind", "127.0.0.1", "--port", "6379", "--save", "", "--appendonly", "no"],
};

function findExecutable(name: string, extraDirs: string[]): string | undefined {
  for (const dir of [...(process.env.PATH ?? "").split(delimiter), ...extraDirs]) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/**
 * Uses the system's daemon if it answers; otherwise starts the installed one the way the machine
 * itself does. Only a daemon we started is recorded, so teardown never stops one that was already up.
 */
async function ensureDaemon(daemon: Daemon): Promise<StartedProcess | undefined> {
  if (await portAnswers(daemon.port)) {
    say(`${daemon.name}: using the one already running on 127.0.0.1:${daemon.port}`);
    return undefined;
  }
  if (!daemon.executable) {
    throw new SetupError(`${daemon.name} is not running on 127.0.0.1:${daemon.port} and is not installed; install with: ${INSTALL}`);
  }
  const startedAt = performance.now();
  // Daemons fork away from the command that starts them: the new pids of the binary are ours.
  const binary = realpathSync(daemon.executable);
  const before = new Set(pidsRunning(binary));
  const [command = "", ...args] = daemon.start(daemon.executable);
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.error || result.status !== 0) {
    throw new SetupError(`${daemon.name}: \`${command} ${args.join(" ")}\` failed: ${result.error?.message ?? result.stderr}`);
  }
  while (!(await portAnswers(daemon.port))) {
    if (performance.now() - startedAt > START_TIMEOUT_MS) {
      throw new SetupError(`${daemon.name} was started but 127.0.0.1:${daemon.port} did not answer within ${START_TIMEOUT_MS / 1000}s; check its log under /var/log`);
    }
    await sleep(250);
  }
  const pid = pidsRunning(binary).find((candidate) => !before.has(candidate));
  const startTime = pid === undefined ? undefined : startTimeOf(pid);
  say(`${daemon.name}: started${pid ? ` pid ${pid}` : ""} on 127.0.0.1:${daemon.port} in ${secondsSince(startedAt)}`);
  if (pid === undefined || startTime === undefined) return undefined;
  const started = { service: daemon.name, pid, startTime, marker: commandLineOf(pid)[0] ?? daemon.executable };
  register(started);
  return started;
}

function serviceFor(value: string, started: StartedProcess | undefined): Service {
  return started ? { value, started: `pid ${started.pid}`, stop: () => stopRegistered(started) } : reused(value);
}

export async function ensureSystemMariaDb(): Promise<Service> {
  const started = await ensureDaemon(mariadb);
  const service = serviceFor(`mysql://root@127.0.0.1:${mariadb.port}/${TEST_DATABASE}`, started);
  try {
    const connection = await mysql.createConnection({ host: "127.0.0.1", port: mariadb.port, user: "root" });
    await connection.query(`CREATE DATABASE IF NOT EXISTS ${TEST_DATABASE} CHARACTER SET utf8mb4`);
    await connection.end();
  } catch (error) {
    await service.stop();
    throw new SetupError(
      `mariadb: could not create database ${TEST_DATABASE} as root with an empty password on 127.0.0.1:${mariadb.port} ` +
        `(${(error as Error).message}); fix the account or set PILOG_TEST_MYSQL_URL`,
    );
  }
  return service;
}

export async function ensureSystemRedis(): Promise<Service> {
  return serviceFor(`redis://127.0.0.1:${redis.port}`, await ensureDaemon(redis));
}
