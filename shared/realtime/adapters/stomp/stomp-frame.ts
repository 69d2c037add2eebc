/**
 * STOMP 1.2 frames (https://stomp.github.io/stomp-specification-1.2.html): a command line, `name:value` header
 * lines, a blank line, the body, NUL. Small enough to own; the client side is the frontend's @stomp/stompjs.
 */
export interface StompFrame {
  readonly command: string;
  /** A header repeated in a frame keeps its first value (§ Repeated Header Entries). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type ParseOutcome = { readonly ok: true; readonly frames: StompFrame[] } | { readonly ok: false; readonly tooLarge: boolean; readonly reason: string };

const NUL = 0x00;
const LF = 0x0a;
const CR = 0x0d;
const COMMAND = /^[A-Z]+$/;
/** CONNECT and CONNECTED predate header escaping and are exempt from it (1.2 § Value Encoding). */
const unescapedCommands = new Set(['CONNECT', 'CONNECTED']);
const unescapes: Readonly<Record<string, string>> = { '\\r': '\r', '\\n': '\n', '\\c': ':', '\\\\': '\\' };
const escapes: Readonly<Record<string, string>> = { '\r': '\\r', '\n': '\\n', ':': '\\c', '\\': '\\\\' };

/** Undefined for an escape 1.2 does not define, which the spec makes a fatal error. */
function unescapeHeader(text: string): string | undefined {
  let invalid = false;
  const value = text.replace(/\\.?/g, (sequence) => {
    const plain = unescapes[sequence];
    if (plain === undefined) invalid = true;
    return plain ?? '';
  });
  return invalid ? undefined : value;
}

/**
 * Every frame in one transport message (several may share one; EOLs between them are heart-beats). A frame that
 * is cut short, malformed or larger than `maxFrameBytes` fails the whole message: the caller answers ERROR.
 */
export function parseStompFrames(message: string, maxFrameBytes: number): ParseOutcome {
  const data = Buffer.from(message, 'utf8');
  const frames: StompFrame[] = [];
  const fail = (reason: string, tooLarge = false): ParseOutcome => ({ ok: false, tooLarge, reason });
  let at = 0;
  const readLine = (): string | undefined => {
    const lf = data.indexOf(LF, at);
    if (lf === -1) return undefined;
    const end = lf > at && data[lf - 1] === CR ? lf - 1 : lf;
    const line = data.toString('utf8', at, end);
    at = lf + 1;
    return line;
  };
  while (at < data.length) {
    if (data[at] === LF || (data[at] === CR && data[at + 1] === LF)) {
      at += data[at] === LF ? 1 : 2;
      continue;
    }
    const start = at;
    const command = readLine();
    if (command === undefined || !COMMAND.test(command)) return fail('a frame must start with a command line');
    const headers: Record<string, string> = {};
    for (let line = readLine(); line !== ''; line = readLine()) {
      if (line === undefined) return fail(`the ${command} frame ends inside its headers`);
      const colon = line.indexOf(':');
      if (colon < 1) return fail(`malformed header line in ${command}`);
      const escaped = !unescapedCommands.has(command);
      const name = escaped ? unescapeHeader(line.slice(0, colon)) : line.slice(0, colon);
      const value = escaped ? unescapeHeader(line.slice(colon + 1)) : line.slice(colon + 1);
      if (name === undefined || value === undefined) return fail(`undefined escape sequence in a ${command} header`);
      if (!Object.hasOwn(headers, name)) headers[name] = value;
    }
    const declared = headers['content-length'];
    let end: number;
    if (declared !== undefined) {
      if (!/^\d{1,10}$/.test(declared)) return fail('content-length must be a number of bytes');
      end = at + Number(declared);
      if (end - start > maxFrameBytes) return fail(`frame larger than ${maxFrameBytes} bytes`, true);
      if (data[end] !== NUL) return fail(`the ${command} body does not end with NUL after content-length bytes`);
    } else {
      end = data.indexOf(NUL, at);
      if (end === -1) return fail(`the ${command} frame is not terminated by NUL`);
    }
    if (end - start > maxFrameBytes) return fail(`frame larger than ${maxFrameBytes} bytes`, true);
    frames.push({ command, headers, body: data.toString('utf8', at, end) });
    at = end + 1;
  }
  return { ok: true, frames };
}

/** One frame as text. `content-length` is set whenever there is a body, so a body may hold anything. */
export function serializeStompFrame(command: string, headers: Readonly<Record<string, string>>, body = ''): string {
  const escape = unescapedCommands.has(command) ? (text: string) => text : (text: string) => text.replace(/[\r\n:\\]/g, (c) => escapes[c] as string);
  const lines = Object.entries(headers).map(([name, value]) => `${escape(name)}:${escape(value)}\n`);
  if (body !== '') lines.push(`content-length:${Buffer.byteLength(body)}\n`);
  return `${command}\n${lines.join('')}\n${body}\0`;
}
