import { activeSpanIds } from '../telemetry/telemetry.ts';

/**
 * JSON lines on stdout, one object per event, the shape log collectors on the cluster expect. Values under keys
 * that name credentials are replaced before anything is written, and so are JWT-shaped strings anywhere. A line
 * written inside a span carries its `trace_id` and `span_id`, so logs and traces meet.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SENSITIVE_KEY = /pass(word)?|secret|token|authorization|cookie|credential|api[-_]?key/i;
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/g;
const URL_CREDENTIALS = /(\w+:\/\/)[^/@\s:]+(:[^/@\s]*)?@/g;

export const REDACTED = '[redacted]';

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(JWT, REDACTED).replace(URL_CREDENTIALS, `$1${REDACTED}@`);
  if (value instanceof Error) return { name: value.name, message: redact(value.message), stack: redact(value.stack) };
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, SENSITIVE_KEY.test(key) ? REDACTED : redact(item, depth + 1)]),
  );
}

export interface LogSink {
  write(line: string): void;
}

export function createLogger(options: { level?: LogLevel; fields?: LogFields; sink?: LogSink } = {}): Logger {
  const threshold = rank[options.level ?? 'info'];
  const sink = options.sink ?? process.stdout;
  const base = options.fields ?? {};
  const emit = (level: LogLevel, message: string, fields: LogFields = {}): void => {
    if (rank[level] < threshold) return;
    const entry = redact({ time: new Date().toISOString(), level, message, ...base, ...fields, ...activeSpanIds() }) as object;
    sink.write(`${JSON.stringify(entry)}\n`);
  };
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
    child: (fields) => createLogger({ ...options, fields: { ...base, ...fields } }),
  };
}

/** Resolves once everything written so far has left the process (before exit on SIGTERM). */
export function flushStdout(): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.writableLength === 0) resolve();
    else process.stdout.write('', () => resolve());
  });
}
