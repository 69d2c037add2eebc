import { existsSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Downloads and build outputs that survive between runs (Maven artifacts, the compiled launcher). */
export const cacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "pilog", "services");

/**
 * Returns `target`, building it first if missing. The build writes to a scratch folder that is
 * renamed into place only when complete, so an interrupted build is never taken for a finished one
 * and two runs building at once cannot corrupt each other.
 */
export async function cachedFolder(target: string, build: (scratch: string) => Promise<void>): Promise<string> {
  if (existsSync(target)) return target;
  const scratch = `${target}.partial-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  try {
    await build(scratch);
    if (!existsSync(target)) renameSync(scratch, target);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return target;
}
