import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Downloads and build outputs that survive between runs (Maven artifacts, compiled launcher). */
export const cacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "pilog", "services");

/** Per-checkout state (gitignored), so two checkouts never mistake each other's processes for stale ones. */
export const stateDir = fileURLToPath(new URL("../../.cache/services/", import.meta.url));
