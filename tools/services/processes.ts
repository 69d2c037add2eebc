import { readFileSync, readdirSync, readlinkSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * The kernel's start time of a live process (clock ticks since boot). A pid plus its start time
 * names one process for good, so a recycled pid is never mistaken for ours.
 * Undefined when the process is gone or a zombie.
 */
export function startTimeOf(pid: number): string | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name (field 2) may contain spaces and parentheses: count fields after its closing ')'.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return fields[0] === "Z" ? undefined : fields[19];
}

export function commandLineOf(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    return [];
  }
}

export function pidsRunning(executable: string): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        return readlinkSync(`/proc/${pid}/exe`) === executable;
      } catch {
        return false;
      }
    });
}

async function waitForExit(pid: number, startTime: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (startTimeOf(pid) === startTime) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    // It may exit between our check and the signal.
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

/** SIGTERM so services shut down cleanly, SIGKILL if one ignores it; resolves once the process is gone. */
export async function stopProcess(pid: number, startTime: string, graceMs = 20_000): Promise<void> {
  if (startTimeOf(pid) !== startTime) return;
  signal(pid, "SIGTERM");
  if (await waitForExit(pid, startTime, graceMs)) return;
  signal(pid, "SIGKILL");
  await waitForExit(pid, startTime, 5_000);
}
