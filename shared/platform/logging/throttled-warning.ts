import type { LogFields, Logger } from './logger.ts';

/**
 * A warning that would repeat on every request while a dependency is down, written at most once per `intervalMs`;
 * the next line says how many were left out (`suppressed`).
 */
export function throttledWarning(logger: Logger, message: string, intervalMs: number): (fields: LogFields) => void {
  let writtenAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return (fields) => {
    const now = performance.now();
    if (now - writtenAt < intervalMs) {
      suppressed += 1;
      return;
    }
    logger.warn(message, suppressed > 0 ? { ...fields, suppressed } : fields);
    writtenAt = now;
    suppressed = 0;
  };
}
