import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../../../kernel/app-error.ts';
import { createLogger } from '../../../platform/logging/logger.ts';
import type { AutosaveReply } from '../../application/apply-autosave.ts';
import { createInProcessReplyBus } from '../reply-bus.in-process.ts';
import { createStompConnection } from './stomp-connection.ts';
import { parseStompFrames, serializeStompFrame } from './stomp-frame.ts';

const CONNECT = serializeStompFrame('CONNECT', { 'accept-version': '1.1,1.2', host: 'pilog' });
const subscribe = (id: string, destination: string) => serializeStompFrame('SUBSCRIBE', { id, destination });
const send = (destination: string, body: string, headers: Record<string, string> = {}) => serializeStompFrame('SEND', { destination, ...headers }, body);

/** A connection over a transport that records what it would send; replies come from `reply`. */
function connection(reply: (destination: string, body: string) => AutosaveReply, userId = 1) {
  const frames: Array<{ command: string; headers: Record<string, string>; body: string }> = [];
  const closes: Array<[number, string]> = [];
  const bus = createInProcessReplyBus();
  const stomp = createStompConnection(
    { caller: { userId, roles: ['USER'] }, apply: async (_caller, destination, body) => reply(destination, body), bus, logger: createLogger({ sink: { write: () => {} } }) },
    {
      send: (sent) => sent.forEach((text) => frames.push(...(parseStompFrames(text, 1e9) as { frames: typeof frames }).frames)),
      close: (code, reason) => void closes.push([code, reason]),
    },
  );
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  return { stomp, frames, closes, bus, settle, commands: () => frames.map((frame) => frame.command) };
}

const ok = (id: number): AutosaveReply => ({ audience: 'user', topic: '/topic/memoResponse', body: { id } });

describe('a STOMP connection', () => {
  it('connects as 1.2 without heart-beats, delivers replies to each matching subscription, and answers receipts', async () => {
    const c = connection(() => ok(7));
    c.stomp.receive([CONNECT, subscribe('a', '/topic/memoResponse') + subscribe('b', '/topic/memoResponse') + subscribe('c', '/topic/articleResponse')]);
    c.stomp.receive([send('/memo/updateMemo', '{"id":"7"}', { receipt: 'r-1' })]);
    await c.settle();
    expect(c.commands()).toEqual(['CONNECTED', 'MESSAGE', 'MESSAGE', 'RECEIPT']);
    expect(c.frames[0]?.headers).toMatchObject({ version: '1.2', 'heart-beat': '0,0' });
    const [first, second] = c.frames.slice(1, 3);
    expect([first?.headers.subscription, second?.headers.subscription]).toEqual(['a', 'b']);
    expect(first?.headers).toMatchObject({ destination: '/topic/memoResponse', 'content-type': 'application/json' });
    expect(first?.headers['message-id']).not.toBe(second?.headers['message-id']);
    expect(first?.body).toBe('{"id":7}');
    expect(c.frames[3]?.headers['receipt-id']).toBe('r-1');
    expect(c.closes).toEqual([]);
  });

  it('answers a failure to this connection only, and stops hearing replies after UNSUBSCRIBE', async () => {
    const c = connection(() => ({ audience: 'sender', topic: '/topic/memoResponse', body: { id: null, error: { code: 'VALIDATION_FAILED', message: 'bad' } } }));
    const other = connection(() => ok(1));
    other.stomp.receive([CONNECT, subscribe('x', '/topic/memoResponse')]);
    c.stomp.receive([CONNECT, subscribe('a', '/topic/memoResponse'), send('/memo/updateMemo', 'not json')]);
    await c.settle();
    expect(c.frames.at(-1)?.body).toBe('{"id":null,"error":{"code":"VALIDATION_FAILED","message":"bad"}}');
    c.stomp.receive([serializeStompFrame('UNSUBSCRIBE', { id: 'a' }), send('/memo/updateMemo', '{}')]);
    await c.settle();
    expect(c.commands()).toEqual(['CONNECTED', 'MESSAGE']);
    expect(other.commands()).toEqual(['CONNECTED']);
  });

  it('answers a save that throws on the topic and stays open: 503-style when ids cannot be minted, INTERNAL otherwise', async () => {
    const failures = [new UnavailableError('no worker id lease: ids cannot be minted now'), new Error('boom at /srv/secret/path')];
    const c = connection(() => {
      throw failures.shift();
    });
    c.stomp.receive([CONNECT, subscribe('a', '/topic/memoResponse'), send('/memo/updateMemo', '{"id":1}'), send('/memo/updateMemo', '{"id":1}')]);
    await c.settle();
    expect(c.frames.slice(1).map((frame) => frame.body)).toEqual([
      '{"id":null,"error":{"code":"UPSTREAM_UNAVAILABLE","message":"no worker id lease: ids cannot be minted now"}}',
      '{"id":null,"error":{"code":"INTERNAL","message":"internal error"}}',
    ]);
    expect(c.closes).toEqual([]);
  });

  it('ignores ACK and NACK and closes after DISCONNECT with its receipt', async () => {
    const c = connection(() => ok(1));
    c.stomp.receive([CONNECT, serializeStompFrame('ACK', { id: '1' }) + serializeStompFrame('DISCONNECT', { receipt: 'bye' })]);
    await c.settle();
    expect(c.commands()).toEqual(['CONNECTED', 'RECEIPT']);
    expect(c.closes).toEqual([[1000, 'Normal closure']]);
  });

  it.each([
    ['a frame before CONNECT', [send('/memo/updateMemo', '{}')]],
    ['a version other than 1.2', [serializeStompFrame('CONNECT', { 'accept-version': '1.0,1.1' })]],
    ['unparseable framing', [CONNECT, 'SEND\ndestination:/memo/updateMemo\n\n{}']],
    ['an unknown command', [CONNECT, serializeStompFrame('BEGIN', { transaction: 't' })]],
    ['SUBSCRIBE to an unknown destination', [CONNECT, subscribe('a', '/topic/everything')]],
    ['SEND to an unknown destination', [CONNECT, send('/app/memo/updateMemo', '{}')]],
    ['SUBSCRIBE without an id', [CONNECT, serializeStompFrame('SUBSCRIBE', { destination: '/topic/memoResponse' })]],
    ['a frame over 2 MiB', [CONNECT, send('/memo/updateMemo', `{"id":1,"content":"${'x'.repeat(2 * 1024 * 1024)}"}`)]],
  ])('answers %s with ERROR and closes', async (_fault, messages) => {
    let applied = 0;
    const c = connection(() => (applied++, ok(1)));
    c.stomp.receive(messages);
    c.stomp.receive([send('/memo/updateMemo', '{"id":1}')]);
    await c.settle();
    expect(c.commands().at(-1)).toBe('ERROR');
    expect(c.frames.at(-1)?.headers.message).toBeTruthy();
    expect(c.closes).toEqual([[1002, 'STOMP protocol error']]);
    expect(applied).toBe(0);
  });
});

describe('a STOMP connection flooded with messages', () => {
  it('closes (1008) instead of queueing without bound while saves are slow', async () => {
    const closes: Array<[number, string]> = [];
    let release: () => void = () => {};
    const stalled = new Promise<void>((resolve) => (release = resolve));
    let applied = 0;
    const stomp = createStompConnection(
      {
        caller: { userId: 1, roles: ['USER'] },
        apply: async () => {
          applied++;
          await stalled;
          return ok(1);
        },
        bus: createInProcessReplyBus(),
        logger: createLogger({ sink: { write: () => {} } }),
      },
      { send: () => {}, close: (code, reason) => void closes.push([code, reason]) },
    );
    stomp.receive([CONNECT]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (let i = 0; i < 64; i++) stomp.receive([send('/memo/updateMemo', '{"id":1}')]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closes).toEqual([]);
    stomp.receive([send('/memo/updateMemo', '{"id":1}')]);
    expect(closes).toEqual([[1008, 'Too many messages pending']]);
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(applied).toBe(1); // the one in progress finishes; nothing queued behind it runs
  });
});
