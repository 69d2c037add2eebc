import type { Logger } from '../logging/logger.ts';

export interface RuntimeContext {
  readonly logger: Logger;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * A started function: registered with functions-framework under its manifest name, holding whatever pools it
 * opened. `close` releases them; it runs after the server has stopped taking requests.
 */
export interface RunningFunction {
  readonly name: string;
  close(): Promise<void>;
}
