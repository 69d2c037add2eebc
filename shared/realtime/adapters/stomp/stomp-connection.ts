import { randomBytes } from 'node:crypto';
import type { Caller } from '../../../kernel/access.ts';
import { UnavailableError } from '../../../kernel/app-error.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
import type { AutosaveReply } from '../../application/apply-autosave.ts';
import { isReplyTopic, isSendDestination, sendDestinations, type SendDestination } from '../../domain/autosave-messages.ts';
import type { ReplyBus, UserReply } from '../../ports/reply-bus.port.ts';
import { parseStompFrames, serializeStompFrame, type StompFrame } from './stomp-frame.ts';

/** Frames larger than this are a protocol fault (contract §3.2). */
export const MAX_FRAME_BYTES = 2 * 1024 * 1024;
/**
 * Messages received but not yet handled, at most: an editor autosaves about once a second, so only a client
 * flooding the channel (or a database stalled for a minute) gets there. Past it the connection is closed rather
 * than letting the queue grow until the pod runs out of memory.
 */
const MAX_BACKLOG = { messages: 64, chars: 8 * 1024 * 1024 } as const;

/** What a STOMP connection rides on: one SockJS session. `send` carries several frames as one SockJS message each. */
export interface StompTransport {
  send(frames: readonly string[]): void;
  close(code: number, reason: string): void;
}

export interface StompConnectionDeps {
  /** Fixed at the handshake for the connection's life (contract §3.1). */
  readonly caller: Caller;
  readonly apply: (caller: Caller, destination: SendDestination, body: string) => Promise<AutosaveReply>;
  readonly bus: ReplyBus;
  readonly logger: Logger;
}

export interface StompConnection {
  /** The strings of one SockJS message, each holding one or more complete frames. */
  receive(messages: readonly string[]): void;
  /** The transport is gone (closed by either side). */
  ended(): void;
}

class ProtocolFault extends Error {}

/** Message ids stay unique across instances (every pod's process is pid 1) and restarts. */
const processTag = randomBytes(4).toString('hex');
let connections = 0;

/**
 * The server side of one STOMP 1.2 connection (§3.2). Frames are handled one at a time, in order, so two saves of
 * one editor are applied in the order it sent them. Only protocol faults get ERROR (which closes the connection:
 * the frontend then reconnects); a message the use cases refuse gets an error reply and the connection stays.
 */
export function createStompConnection(deps: StompConnectionDeps, transport: StompTransport): StompConnection {
  const connectionId = `${processTag}-${(++connections).toString(36)}`;
  const subscriptions = new Map<string, string>();
  let messageCount = 0;
  let state: 'new' | 'connected' | 'ended' = 'new';
  let stopListening: (() => Promise<void>) | undefined;
  let queue = Promise.resolve();
  const backlog = { messages: 0, chars: 0 };

  const deliver = (reply: UserReply): void => {
    if (state !== 'connected') return;
    const frames = [...subscriptions].filter(([, topic]) => topic === reply.topic).map(([id, topic]) =>
      serializeStompFrame(
        'MESSAGE',
        { destination: topic, subscription: id, 'message-id': `${connectionId}-${(++messageCount).toString(36)}`, 'content-type': 'application/json' },
        reply.body,
      ),
    );
    if (frames.length > 0) transport.send(frames);
  };

  const receipt = (frame: StompFrame): void => {
    const id = frame.headers.receipt;
    if (id !== undefined) transport.send([serializeStompFrame('RECEIPT', { 'receipt-id': id })]);
  };

  const required = (frame: StompFrame, name: string): string => {
    const value = frame.headers[name];
    if (value === undefined || value === '') throw new ProtocolFault(`${frame.command} needs a ${name} header`);
    return value;
  };

  async function connect(frame: StompFrame): Promise<void> {
    const versions = (frame.headers['accept-version'] ?? '1.0').split(',').map((version) => version.trim());
    if (!versions.includes('1.2')) throw new ProtocolFault('only STOMP 1.2 is supported');
    const stop = await deps.bus.listen(deps.caller.userId, deliver);
    if (state === 'ended') return void (await stop());
    stopListening = stop;
    state = 'connected';
    // No STOMP heart-beats: SockJS `h` frames keep the line alive.
    transport.send([serializeStompFrame('CONNECTED', { version: '1.2', 'heart-beat': '0,0', server: 'pilog' })]);
  }

  async function send(frame: StompFrame): Promise<void> {
    const destination = required(frame, 'destination');
    if (!isSendDestination(destination)) throw new ProtocolFault(`unknown destination ${destination}`);
    let reply: AutosaveReply;
    try {
      reply = await deps.apply(deps.caller, destination, frame.body);
    } catch (error) {
      // A bug or an unreachable dependency: the editor hears of it on the topic and may retry; the connection stays.
      const unavailable = error instanceof UnavailableError;
      deps.logger.error('autosave failed unexpectedly', { destination, error });
      const failure = unavailable ? { code: 'UPSTREAM_UNAVAILABLE', message: error.message } : { code: 'INTERNAL', message: 'internal error' };
      reply = { audience: 'sender', topic: sendDestinations[destination], body: { id: null, error: failure } };
    }
    const message: UserReply = { topic: reply.topic, body: JSON.stringify(reply.body) };
    if (reply.audience === 'user') await deps.bus.publish(deps.caller.userId, message);
    else deliver(message);
  }

  async function handle(frame: StompFrame): Promise<void> {
    if (state === 'new') {
      if (frame.command !== 'CONNECT' && frame.command !== 'STOMP') throw new ProtocolFault(`${frame.command} before CONNECT`);
      return connect(frame);
    }
    switch (frame.command) {
      case 'SUBSCRIBE': {
        const id = required(frame, 'id');
        const destination = required(frame, 'destination');
        if (!isReplyTopic(destination)) throw new ProtocolFault(`unknown destination ${destination}`);
        subscriptions.set(id, destination);
        break;
      }
      case 'UNSUBSCRIBE':
        subscriptions.delete(required(frame, 'id'));
        break;
      case 'SEND':
        await send(frame);
        break;
      case 'ACK':
      case 'NACK':
        break;
      case 'DISCONNECT':
        receipt(frame);
        end();
        transport.close(1000, 'Normal closure');
        return;
      default:
        throw new ProtocolFault(frame.command === 'CONNECT' || frame.command === 'STOMP' ? 'already connected' : `unsupported command ${frame.command}`);
    }
    receipt(frame);
  }

  function fault(message: string, frame?: StompFrame): void {
    const receiptId = frame?.headers.receipt;
    transport.send([serializeStompFrame('ERROR', { message, 'content-type': 'text/plain', ...(receiptId === undefined ? {} : { 'receipt-id': receiptId }) }, message)]);
    end();
    transport.close(1002, 'STOMP protocol error');
  }

  /** Nothing more is handled once the connection is over, whoever ended it. */
  function end(): void {
    if (state === 'ended') return;
    state = 'ended';
    void stopListening?.().catch((error: unknown) => deps.logger.warn('could not stop listening for replies', { error }));
  }

  async function handleMessage(message: string): Promise<void> {
    const parsed = parseStompFrames(message, MAX_FRAME_BYTES);
    if (!parsed.ok) return fault(parsed.reason);
    for (const frame of parsed.frames) {
      if (state === 'ended') return;
      try {
        await handle(frame);
      } catch (error) {
        if (!(error instanceof ProtocolFault)) throw error;
        return fault(error.message, frame);
      }
    }
  }

  return {
    receive(messages) {
      for (const message of messages) {
        if (state === 'ended') return;
        if (backlog.messages >= MAX_BACKLOG.messages || backlog.chars + message.length > MAX_BACKLOG.chars) {
          deps.logger.warn('closing a realtime connection whose messages pile up', { userId: deps.caller.userId, ...backlog });
          end();
          transport.close(1008, 'Too many messages pending');
          return;
        }
        backlog.messages += 1;
        backlog.chars += message.length;
        queue = queue
          .then(() => (state === 'ended' ? undefined : handleMessage(message)))
          .catch((error: unknown) => {
            deps.logger.error('STOMP frame handling failed', { error });
            end();
            transport.close(1011, 'Internal error');
          })
          .finally(() => {
            backlog.messages -= 1;
            backlog.chars -= message.length;
          });
      }
    },
    ended: end,
  };
}
