import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../logging/logger.ts';

export interface RuntimeContext {
  readonly logger: Logger;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** What every function's `index.ts` exports: opens what the function needs and registers its handler. */
export type StartFunction = (context: RuntimeContext) => Promise<RunningFunction>;

/**
 * A started function: registered with functions-framework under its manifest name, holding whatever pools it
 * opened. `close` releases them; it runs after the server has stopped taking requests.
 */
export interface RunningFunction {
  readonly name: string;
  /** Takes a WebSocket upgrade routed to this function; only functions that speak WebSocket (`/ws`) have it. */
  upgrade?(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /**
   * Called when draining starts (SIGTERM): ends long-lived connections (WebSockets, streaming responses) with a
   * proper close, because the server cannot finish closing while they stay open.
   */
  drain?(): Promise<void>;
  close(): Promise<void>;
}
