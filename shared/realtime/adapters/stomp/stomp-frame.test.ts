import { FrameImpl, Parser, type IFrame } from '@stomp/stompjs';
import { describe, expect, it } from 'vitest';
import { parseStompFrames, serializeStompFrame } from './stomp-frame.ts';

const MiB = 1024 * 1024;

describe('STOMP 1.2 frames', () => {
  it('reads several frames from one message, skipping heart-beat EOLs, with CRLF lines and the first of repeated headers', () => {
    const message = 'CONNECT\r\naccept-version:1.2\r\nhost:pilog\r\n\r\n\0\n\r\nSEND\ndestination:/memo/updateMemo\ndestination:/other\n\n{"id":"1"}\0\n';
    expect(parseStompFrames(message, MiB)).toEqual({
      ok: true,
      frames: [
        { command: 'CONNECT', headers: { 'accept-version': '1.2', host: 'pilog' }, body: '' },
        { command: 'SEND', headers: { destination: '/memo/updateMemo' }, body: '{"id":"1"}' },
      ],
    });
  });

  it('unescapes headers (except in CONNECT) and honours content-length, NUL bytes in the body included', () => {
    const body = 'a\0b 한글';
    const message = `SEND\ndestination:/a\\cb\\\\c\\n\ncontent-length:${Buffer.byteLength(body)}\n\n${body}\0CONNECT\nlogin:a\\cb\n\n\0`;
    const parsed = parseStompFrames(message, MiB);
    expect(parsed).toEqual({
      ok: true,
      frames: [
        { command: 'SEND', headers: { destination: '/a:b\\c\n', 'content-length': String(Buffer.byteLength(body)) }, body },
        { command: 'CONNECT', headers: { login: 'a\\cb' }, body: '' },
      ],
    });
  });

  it('refuses frames cut short, malformed, with undefined escapes, or over the size limit', () => {
    const reason = (message: string, limit = MiB) => {
      const parsed = parseStompFrames(message, limit);
      return parsed.ok ? 'accepted' : parsed.tooLarge ? 'too large' : 'malformed';
    };
    expect(reason('SEND\ndestination:/a\n\nno NUL')).toBe('malformed');
    expect(reason('SEND\ndestination:/a')).toBe('malformed');
    expect(reason('send\n\n\0')).toBe('malformed');
    expect(reason('SEND\nno colon here\n\n\0')).toBe('malformed');
    expect(reason('SEND\ndestination:a\\tb\n\n\0')).toBe('malformed');
    expect(reason('SEND\ncontent-length:5\n\nab\0')).toBe('malformed');
    expect(reason(`SEND\n\n${'x'.repeat(2000)}\0`, 1000)).toBe('too large');
    expect(reason(`SEND\ncontent-length:2000\n\n${'x'.repeat(2000)}\0`, 1000)).toBe('too large');
    expect(reason(`SEND\n\n${'x'.repeat(900)}\0`, 1000)).toBe('accepted');
  });

  it('writes frames that @stomp/stompjs reads back, escapes and multi-byte bodies intact', () => {
    const frames: IFrame[] = [];
    // As the client does: the raw frame from its parser, then its own header unescaping.
    const parser = new Parser((raw) => frames.push(FrameImpl.fromRawFrame(raw, true)), () => {});
    const body = '{"id":1,"note":"줄\\n바꿈"}';
    parser.parseChunk(serializeStompFrame('CONNECTED', { version: '1.2', 'heart-beat': '0,0' }));
    parser.parseChunk(serializeStompFrame('MESSAGE', { destination: '/topic/memoResponse', subscription: 'sub:0\n', 'message-id': 'm-1' }, body));
    expect(frames.map((frame) => [frame.command, frame.headers, frame.body])).toEqual([
      ['CONNECTED', { version: '1.2', 'heart-beat': '0,0' }, ''],
      ['MESSAGE', { destination: '/topic/memoResponse', subscription: 'sub:0\n', 'message-id': 'm-1', 'content-length': String(Buffer.byteLength(body)) }, body],
    ]);
  });
});
