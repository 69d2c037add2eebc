import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createSockJsSession, type SessionTiming, type SockJsReceiver } from './sockjs-session.ts';

/** A receiver that records frames; `frames` = 1 behaves like a poll (done after one frame). */
function recorder(frames = Infinity) {
  const written: string[] = [];
  const closes: Array<[number, string]> = [];
  const receiver: SockJsReceiver = {
    write(frame) {
      written.push(frame);
      return written.length < frames;
    },
    close: (code, reason) => void closes.push([code, reason]),
  };
  return { receiver, written, closes };
}

const slow: SessionTiming = { heartbeatMs: 60_000, idleTimeoutMs: 60_000, disconnectDelayMs: 60_000 };

function session(timing: Partial<SessionTiming> = {}) {
  const received: string[][] = [];
  let closed = 0;
  const created = createSockJsSession({ ...slow, ...timing }, { onMessages: (messages) => void received.push(messages), onClose: () => void closed++ });
  return { session: created, received, closeCount: () => closed };
}

describe('a SockJS session', () => {
  it('opens with `o`, carries messages both ways as JSON arrays, and closes with `c[code,"reason"]`', () => {
    const { session: s, received, closeCount } = session();
    const ws = recorder();
    s.attach(ws.receiver);
    expect(s.receive('["CONNECT\\n\\n\\u0000","SEND"]')).toBe(true);
    s.send(['CONNECTED\n\n\0', 'MESSAGE 한']);
    s.close(1001, 'Going away');
    expect(received).toEqual([['CONNECT\n\n\0', 'SEND']]);
    expect(ws.written).toEqual(['o', 'a["CONNECTED\\n\\n\\u0000","MESSAGE \\ud55c"]', 'c[1001,"Going away"]']);
    expect(ws.closes).toEqual([[1001, 'Going away']]);
    expect(closeCount()).toBe(1);
  });

  it('queues messages between polls and gives each poll one frame', () => {
    const { session: s } = session();
    const first = recorder(1);
    s.attach(first.receiver);
    s.send(['one']);
    s.send(['two']);
    const second = recorder(1);
    s.attach(second.receiver);
    expect([first.written, second.written]).toEqual([['o'], ['a["one","two"]']]);
  });

  it('lets one receiver in at a time and tells a second one so', () => {
    const { session: s } = session();
    const stream = recorder();
    s.attach(stream.receiver);
    const intruder = recorder();
    s.attach(intruder.receiver);
    expect(intruder.written).toEqual(['c[2010,"Another connection still open"]']);
    s.send(['still mine']);
    expect(stream.written).toEqual(['o', 'a["still mine"]']);
  });

  it('closes on broken framing', () => {
    const { session: s, closeCount } = session();
    const ws = recorder();
    s.attach(ws.receiver);
    expect(s.receive('{"not":"an array"}')).toBe(false);
    expect(ws.written.at(-1)).toBe('c[3000,"Broken framing"]');
    expect(closeCount()).toBe(1);
  });

  it('sends heartbeats, and closes an idle session unless the client speaks', async () => {
    const { session: s, closeCount } = session({ heartbeatMs: 40, idleTimeoutMs: 250 });
    const ws = recorder();
    s.attach(ws.receiver);
    await sleep(150);
    s.receive('[]'); // any client message counts as activity
    await sleep(150);
    expect(closeCount()).toBe(0);
    expect(ws.written.filter((frame) => frame === 'h').length).toBeGreaterThanOrEqual(2);
    await sleep(250);
    expect(ws.written.at(-1)).toBe('c[1000,"Idle timeout"]');
    expect(ws.closes).toEqual([[1000, 'Idle timeout']]);
    expect(closeCount()).toBe(1);
  });

  it('ends when an XHR client stops coming back, and answers a late poll with the close frame', async () => {
    const { session: s, closeCount } = session({ disconnectDelayMs: 50 });
    s.attach(recorder(1).receiver);
    await sleep(120);
    expect(closeCount()).toBe(1);
    const late = recorder(1);
    s.attach(late.receiver);
    expect(late.written).toEqual(['c[1000,"Connection lost"]']);
  });
});
