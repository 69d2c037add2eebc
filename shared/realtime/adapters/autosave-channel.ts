import type { IncomingMessage } from 'node:http';
import type { Caller } from '../../kernel/access.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import { applyAutosave, type AutosaveDeps } from '../application/apply-autosave.ts';
import type { ReplyBus } from '../ports/reply-bus.port.ts';
import { createSockJsEndpoint, type SockJsEndpoint } from './sockjs/sockjs-endpoint.ts';
import type { SessionTiming } from './sockjs/sockjs-session.ts';
import { createStompConnection, MAX_FRAME_BYTES } from './stomp/stomp-connection.ts';

export interface AutosaveChannelOptions {
  readonly useCases: AutosaveDeps;
  readonly bus: ReplyBus;
  readonly allowedOrigins: readonly string[];
  readonly authenticate: (request: IncomingMessage) => Promise<Caller | null>;
  readonly recognise: (request: IncomingMessage) => Promise<Caller | null>;
  readonly idleTimeoutSeconds: number;
  readonly logger: Logger;
}

/** SockJS defaults: a heartbeat every 25 s (contract §3.1); an XHR session without a receiver for 5 s is gone. */
const HEARTBEAT_MS = 25_000;
const DISCONNECT_DELAY_MS = 5_000;
const STREAMING_LIMIT_BYTES = 128 * 1024;
/** A 2 MiB frame grows when JSON-escaped inside a SockJS message (NUL alone becomes `\u0000`). */
const MAX_MESSAGE_BYTES = 4 * MAX_FRAME_BYTES;

/** The editors' autosave channel at `/ws`: STOMP 1.2 connections over SockJS sessions, applying autosave messages. */
export function createAutosaveChannel(options: AutosaveChannelOptions): SockJsEndpoint {
  const timing: SessionTiming = { heartbeatMs: HEARTBEAT_MS, idleTimeoutMs: options.idleTimeoutSeconds * 1000, disconnectDelayMs: DISCONNECT_DELAY_MS };
  const apply = applyAutosave.bind(null, options.useCases);
  return createSockJsEndpoint({
    basePath: '/ws',
    allowedOrigins: options.allowedOrigins,
    authenticate: options.authenticate,
    recognise: options.recognise,
    openPeer: (caller, channel) => createStompConnection({ caller, apply, bus: options.bus, logger: options.logger }, channel),
    timing,
    streamingLimitBytes: STREAMING_LIMIT_BYTES,
    maxMessageBytes: MAX_MESSAGE_BYTES,
    logger: options.logger,
  });
}
