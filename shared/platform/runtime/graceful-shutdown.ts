import type { Server } from 'node:http';
import { flushStdout, type Logger } from '../logging/logger.ts';

/** Knative gives a pod 30 s by default; we promise 10 s so a rolling update on a Pi stays quick. */
export const SHUTDOWN_DEADLINE_MS = 10_000;

const within = (ms: number, work: Promise<unknown>): Promise<unknown> =>
  Promise.race([work, new Promise((resolve) => setTimeout(resolve, ms).unref())]);

/** Stops accepting; idle keep-alive connections close at once, busy ones after their response, all by the deadline. */
export async function drainServer(server: Server, deadlineMs: number): Promise<void> {
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  // A keep-alive connection turns idle when its last response ends; close it then rather than at its timeout.
  const reaper = setInterval(() => server.closeIdleConnections(), 50);
  server.closeIdleConnections();
  await within(deadlineMs, drained);
  clearInterval(reaper);
  server.closeAllConnections();
}

/**
 * On SIGTERM (or Ctrl-C): stop accepting connections, let requests in flight finish, then close pools, flush the
 * log and exit, all inside the deadline. A second signal or a blown deadline exits at once.
 */
export function installGracefulShutdown(options: {
  server: Server;
  logger: Logger;
  close: () => Promise<void>;
  onDraining?: () => void;
}): void {
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) process.exit(1);
    stopping = true;
    const started = Date.now();
    setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS - 250).unref();
    options.logger.info('shutting down', { signal });
    options.onDraining?.();
    await drainServer(options.server, SHUTDOWN_DEADLINE_MS - 3000);
    await within(1500, options.close().catch((error: unknown) => options.logger.error('close failed', { error })));
    options.logger.info('stopped', { signal, ms: Date.now() - started });
    await flushStdout();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
