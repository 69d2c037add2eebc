/** Time as a port, so ids, tokens and timestamps can be driven by tests. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** ISO-8601 UTC with milliseconds and `Z`, the contract's date format (§0.2). */
export const isoTimestamp = (epochMillis: number): string => new Date(epochMillis).toISOString();
