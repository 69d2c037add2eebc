import type { Redis } from 'ioredis';
import { UnavailableError } from '../../kernel/app-error.ts';
import type { Logger } from '../logging/logger.ts';
import { throttledWarning } from '../logging/throttled-warning.ts';

/**
 * How long a command may wait for its answer. A Redis on the cluster's network answers in a few milliseconds; the
 * rest is room for a process whose event loop is busy (a cold start on a Pi), where a timer can fire before the
 * answer that arrived meanwhile is read.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 1000;
const CONNECT_TIMEOUT_MS = 5000;
/** A connection's errors (every reconnect attempt while Redis is away) are logged at most this often. */
const ERROR_LOG_INTERVAL_MS = 30_000;

/**
 * Logs a connection's errors, at most once per interval. Without a listener ioredis reports each failed reconnect on
 * stderr ("Unhandled error event"); the message names no password. Every connection needs one, also a duplicate
 * (e.g. a subscriber): listeners are not copied.
 */
export function warnOnErrors(client: Redis, logger: Logger): void {
  const warn = throttledWarning(logger, 'redis connection failing', ERROR_LOG_INTERVAL_MS);
  client.on('error', (error: Error) => warn({ error: error.message }));
}

export interface RedisConnection {
  readonly url: string;
  /** PILOG_REDIS_COMMAND_TIMEOUT_MS; REDIS_COMMAND_TIMEOUT_MS if not given. */
  readonly commandTimeoutMs?: number;
}

const clients = new Map<string, { client: Redis; connected: Promise<void>; users: number }>();

/** Resolves when the client is ready, failed once, or `ms` passed: whichever comes first. */
function settledConnecting(client: Redis, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const settle = (): void => {
      clearTimeout(timer);
      client.off('ready', settle).off('error', settle);
      resolve();
    };
    const timer = setTimeout(settle, ms);
    client.once('ready', settle).once('error', settle);
  });
}

/**
 * One Redis connection per URL per process, shared by whoever opens it (the dev host runs many functions in one
 * process; the first opener's timeout and logger serve all); the connection closes when its last user releases it.
 * ioredis loads only from here, on first use. A command fails after the command timeout: a hung Redis (a paused
 * process, a dead network) answers nothing while the connection stays up, and would otherwise hold every caller.
 */
export async function openRedis(connection: RedisConnection, logger: Logger): Promise<{ client: Redis; release(): Promise<void> }> {
  const { url } = connection;
  let entry = clients.get(url);
  if (!entry) {
    const { connectRedis } = await import('./ioredis-connection.ts');
    // Fail fast when Redis is away: a request should get an error in seconds, not hang on a reconnect loop.
    const client = connectRedis(url, {
      maxRetriesPerRequest: 2,
      connectTimeout: CONNECT_TIMEOUT_MS,
      commandTimeout: connection.commandTimeoutMs ?? REDIS_COMMAND_TIMEOUT_MS,
      lazyConnect: false,
      // Commands issued in one tick (the cache lookups of concurrent requests) go out as one write: fewer socket
      // writes per request, which a CPU profile of uncached reads showed as the largest cost after the database's.
      enableAutoPipelining: true,
    });
    warnOnErrors(client, logger);
    // A command's timeout runs from when it is sent, also while the connection is being made: the opener waits for
    // the connection (bounded), so that time is not counted against the first commands. Redis away stays each
    // command's failure, as the cache wants it.
    entry = { client, connected: settledConnecting(client, CONNECT_TIMEOUT_MS), users: 0 };
    clients.set(url, entry);
  }
  entry.users += 1;
  const opened = entry;
  await opened.connected;
  let released = false;
  return {
    client: opened.client,
    async release() {
      if (released) return;
      released = true;
      opened.users -= 1;
      if (opened.users > 0) return;
      clients.delete(url);
      await opened.client.quit().catch(() => opened.client.disconnect());
    },
  };
}

/**
 * A command whose store must answer for the caller to go on (rate counters, session families): Redis being down or
 * hung is the caller's 503 (`UnavailableError`, naming `store`); an error Redis answered (a bad script) stays a bug.
 */
export async function unlessRedisFails<T>(store: string, command: Promise<T>): Promise<T> {
  try {
    return await command;
  } catch (error) {
    if (error instanceof Error && error.name === 'ReplyError') throw error;
    throw new UnavailableError(`${store} cannot answer now`);
  }
}
