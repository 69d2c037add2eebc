/**
 * SockJS framing (sockjs-protocol 0.3): `o` open, `h` heartbeat, `a[...]` messages, `c[code,"reason"]` close.
 */
export const OPEN_FRAME = 'o';
export const HEARTBEAT_FRAME = 'h';

/**
 * Everything outside ASCII is sent as a `\u` escape: some browsers' XHR streaming mangles certain code points, and
 * escaping all of them is simpler and as valid JSON.
 */
const asciiJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

export const messageFrame = (messages: readonly string[]): string => `a${asciiJson(messages)}`;
export const closeFrame = (code: number, reason: string): string => `c${asciiJson([code, reason])}`;

/** A client sends a JSON array of strings (a lone JSON string is accepted too); anything else is broken framing. */
export function parseClientMessages(payload: string): string[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof value === 'string') return [value];
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
}

/** Close codes used by pilog: SockJS's own (2010) and WebSocket's (RFC 6455 §7.4). */
export const closeCodes = {
  normal: 1000,
  goingAway: 1001,
  anotherConnection: 2010,
  brokenFraming: 3000,
} as const;
