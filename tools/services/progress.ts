import { performance } from "node:perf_hooks";

export function say(line: string): void {
  console.log(`[services] ${line}`);
}

export function secondsSince(startedAt: number): string {
  return `${((performance.now() - startedAt) / 1000).toFixed(1)}s`;
}

/**
 * A failure the developer can fix from the message alone (install a package, free a port).
 * The stack is dropped so runners print the message instead of a trace into our own code.
 */
export class SetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SetupError";
    this.stack = `${this.name}: ${message}`;
  }
}
