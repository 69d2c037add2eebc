import type { Server } from 'node:http';
import { flushStdout, type Logger } from '../logging/logger.ts';

/** Knative gives a pod 30 s by default; we promise 10 s so a rolling update on a Pi stays quick. */
export const SHUTDOWN_DEADLINE_MS = 10_000;

const within = (ms: number, work: Promise<unknown>): Promise<unknown> =>
  Promise.race([work, new Promise((resolve) => setTimeout(resolve, ms).unref())]);

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
    const drained = new Promise<void>((resolve) => options.server.close(() => resolve()));
    // A keep-alive connection turns idle when its last response ends; close it then rather than at its timeout.
    const reaper = setInterval(() => options.server.closeIdleConnections(), 50);
    options.server.closeIdleConnections();
    await within(SHUTDOWN_DEADLINE_MS - 3000, drained);
    clearInterval(reaper);
    options.server.closeAllConnections();
    await within(1500, options.close().catch((error: unknown) => options.logger.error('close failed', { error })));
    options.logger.info('stopped', { signal, ms: Date.now() - started });
    await flushStdout();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
