import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { commandLineOf, startTimeOf, stopProcess } from "./processes.ts";
import { say, SetupError } from "./progress.ts";

/** A process this tool started; `marker` is a piece of its command line that only we put there. */
export interface StartedProcess {
  service: string;
  pid: number;
  startTime: string;
  marker: string;
}

interface Registry {
  ownerPid: number;
  ownerStartTime: string | undefined;
  runDir: string | undefined;
  processes: StartedProcess[];
}

/** Per checkout (gitignored), so two checkouts never take each other's processes for stale ones. */
const stateDir = fileURLToPath(new URL("../../.cache/services/", import.meta.url));
const registryFile = join(stateDir, "pids.json");
let registry: Registry | undefined;

function save(): void {
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(registryFile, JSON.stringify(registry, null, 2));
}

function load(): Registry | undefined {
  try {
    return JSON.parse(readFileSync(registryFile, "utf8")) as Registry;
  } catch {
    return undefined;
  }
}

function isOurs(entry: StartedProcess): boolean {
  return startTimeOf(entry.pid) === entry.startTime && commandLineOf(entry.pid).join(" ").includes(entry.marker);
}

/**
 * Takes over the pid file and returns a fresh scratch folder for this run's service data and logs.
 * Processes left by a run that died without teardown hold our ports, so they are stopped first;
 * a run that is still alive keeps its processes and we refuse to start.
 */
export async function claimRegistry(): Promise<string> {
  const previous = load();
  if (previous && previous.ownerPid !== process.pid && startTimeOf(previous.ownerPid) === previous.ownerStartTime) {
    throw new SetupError(
      `the local services are in use by another run (pid ${previous.ownerPid}, see ${registryFile}); ` +
        `wait for it or stop it, or reuse its services by exporting the PILOG_TEST_* variables it printed`,
    );
  }
  if (previous) {
    const stale = previous.processes.filter(isOurs);
    await Promise.all(stale.map((entry) => stopProcess(entry.pid, entry.startTime)));
    for (const entry of stale) say(`stopped stale ${entry.service} (pid ${entry.pid}) left by an earlier run`);
    if (previous.runDir) rmSync(previous.runDir, { recursive: true, force: true });
  }
  const runDir = mkdtempSync(join(tmpdir(), "pilog-services-"));
  registry = { ownerPid: process.pid, ownerStartTime: startTimeOf(process.pid), runDir, processes: [] };
  save();
  return runDir;
}

export function register(entry: StartedProcess): void {
  if (!registry) throw new Error("claimRegistry() must run before register()");
  registry.processes.push(entry);
  save();
}

export async function stopRegistered(entry: StartedProcess): Promise<void> {
  await stopProcess(entry.pid, entry.startTime);
  if (!registry) return;
  registry.processes = registry.processes.filter((other) => other.pid !== entry.pid);
  save();
}

/**
 * Called once everything we started is stopped. Logs of a failed start are kept for reading; the
 * pid file then still names their folder, so the next run deletes it.
 */
export function releaseRegistry(options: { keepLogs: boolean }): void {
  if (!registry) return;
  if (registry.processes.length > 0) throw new Error(`still running: ${JSON.stringify(registry.processes)}`);
  if (options.keepLogs) {
    save();
  } else {
    if (registry.runDir) rmSync(registry.runDir, { recursive: true, force: true });
    rmSync(registryFile, { force: true });
  }
  registry = undefined;
}
