import { describe, expect, it } from 'vitest';
import { REDACTED, createLogger } from './logger.ts';

const capture = () => {
  const lines: string[] = [];
  return { lines, sink: { write: (line: string) => void lines.push(line) } };
};

describe('JSON logger', () => {
  it('writes one JSON object per line with level, message and fields', () => {
    const { lines, sink } = capture();
    createLogger({ sink, fields: { function: 'f' } }).child({ requestId: 'r1' }).info('hello', { n: 1 });
    expect(JSON.parse(lines[0] as string)).toMatchObject({ level: 'info', message: 'hello', function: 'f', requestId: 'r1', n: 1 });
  });

  it('drops lines below the level', () => {
    const { lines, sink } = capture();
    const logger = createLogger({ sink, level: 'warn' });
    logger.info('quiet');
    logger.warn('loud');
    expect(lines).toHaveLength(1);
  });

  it('redacts credentials by key, JWTs anywhere, and passwords inside URLs', () => {
    const { lines, sink } = capture();
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    createLogger({ sink }).error('failed', {
      headers: { cookie: 'jiniaslog_access=abc', authorization: 'Bearer x' },
      token: 'raw-token',
      note: `got ${jwt} back`,
      url: 'mysql://root:hunter2@db:3306/pilog',
      error: new Error(`bad refresh ${jwt}`),
    });
    const line = lines[0] as string;
    for (const secret of ['abc', 'Bearer x', 'raw-token', jwt, 'hunter2']) expect(line).not.toContain(secret);
    expect(line).toContain(REDACTED);
    expect(line).toContain('mysql://[redacted]@db:3306/pilog');
  });
});
