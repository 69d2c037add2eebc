import { randomInt } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { appError, type AppError } from '../../../kernel/app-error.ts';
import type { Caller } from '../../../kernel/access.ts';
import { errorResponse, json, writeResponse } from '../../../platform/http/http-exchange.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
import { instruments } from '../../../platform/telemetry/instruments.ts';
import { telemetryOn } from '../../../platform/telemetry/telemetry.ts';
import { closeCodes } from './sockjs-frames.ts';
import { createSockJsSession, type SessionTiming, type SockJsReceiver, type SockJsSession } from './sockjs-session.ts';
import { refuseUpgrade, webSocketReceiver } from './sockjs-websocket.ts';
import { pollingReceiver, streamingReceiver } from './sockjs-xhr.ts';

/** What rides on a session (a STOMP connection): it hears the client's messages and answers through the channel. */
export interface SessionPeer {
  receive(messages: readonly string[]): void;
  ended(): void;
}
export interface SessionChannel {
  send(messages: readonly string[]): void;
  close(code: number, reason: string): void;
}

export interface SockJsEndpointOptions {
  /** `/ws`: sessions live at `/ws/{server}/{session}/{transport}`. */
  readonly basePath: string;
  readonly allowedOrigins: readonly string[];
  /** The caller a new session belongs to: a valid access cookie, or null. */
  readonly authenticate: (request: IncomingMessage) => Promise<Caller | null>;
  /**
   * Who sends a request of an XHR session: the access cookie's signature must hold, not its expiry, because a
   * session keeps the identity it was opened with (contract §3.1) even after the token expires.
   */
  readonly recognise: (request: IncomingMessage) => Promise<Caller | null>;
  readonly openPeer: (caller: Caller, channel: SessionChannel) => SessionPeer;
  readonly timing: SessionTiming;
  /** An `xhr_streaming` response ends after this many bytes (SockJS: 128 KiB). */
  readonly streamingLimitBytes: number;
  /** Largest WebSocket message: room for a 2 MiB STOMP frame after JSON escaping. */
  readonly maxMessageBytes: number;
  readonly logger: Logger;
}

export interface SessionIds {
  readonly server: string;
  readonly session: string;
}

/** How long a socket may take to answer our close frame before it is cut. */
const CLOSE_GRACE_MS = 1000;
const NO_CACHE = 'no-store, no-cache, must-revalidate, max-age=0';

/**
 * A SockJS server (sockjs-protocol 0.3) for the transports the frontend's sockjs-client may pick: `websocket` via
 * the HTTP upgrade, `xhr_streaming` and `xhr` polling with `xhr_send`. Built on `ws` rather than the `sockjs`
 * package, which installs its own listeners on the http.Server and would bypass the edge's routing and CORS.
 * Every transport checks the Origin (403) and the access cookie (401) before a session exists.
 */
export function createSockJsEndpoint(options: SockJsEndpointOptions) {
  const allowedOrigins = new Set(options.allowedOrigins);
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes, perMessageDeflate: false });
  const sessions = new Set<SockJsSession>();
  const xhrSessions = new Map<string, SockJsSession>();
  const sockets = new Set<WebSocket>();
  const idsPattern = new RegExp(`^${options.basePath}/([^/.]+)/([^/.]+)/websocket$`);
  let draining = false;

  const originProblem = (request: IncomingMessage): AppError | undefined =>
    allowedOrigins.has(request.headers.origin ?? '') ? undefined : appError('FORBIDDEN', 'origin not allowed');

  function openSession(caller: Caller, onEnd?: () => void): SockJsSession {
    let peer: SessionPeer | undefined;
    const session = createSockJsSession(options.timing, {
      onMessages: (messages) => peer?.receive(messages),
      onClose: () => {
        if (sessions.delete(session) && telemetryOn()) instruments.realtimeSessions().add(-1);
        peer?.ended();
        onEnd?.();
      },
    });
    sessions.add(session);
    if (telemetryOn()) instruments.realtimeSessions().add(1);
    peer = options.openPeer(caller, { send: (messages) => session.send(messages), close: (code, reason) => session.close(code, reason) });
    return session;
  }

  async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    if (!idsPattern.test((request.url ?? '').split('?')[0] as string)) return refuseUpgrade(socket, appError('NOT_FOUND', 'no WebSocket endpoint here'));
    const problem = draining ? appError('UPSTREAM_UNAVAILABLE', 'shutting down') : originProblem(request);
    if (problem) return refuseUpgrade(socket, problem);
    const caller = await options.authenticate(request);
    if (!caller) return refuseUpgrade(socket, appError('UNAUTHENTICATED', 'sign-in required'));
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      const session = openSession(caller);
      ws.on('message', (data: Buffer) => session.receive(data.toString('utf8')));
      ws.on('close', () => {
        sockets.delete(ws);
        session.lost();
      });
      ws.on('error', (error) => options.logger.debug('WebSocket error', { error }));
      session.attach(webSocketReceiver(ws));
    });
  }

  /** Checks origin and cookie; the session of this user with these ids, if any. */
  async function admit(request: IncomingMessage, ids: SessionIds): Promise<{ session: SockJsSession | undefined; key: string } | AppError> {
    const problem = originProblem(request);
    if (problem) return problem;
    const caller = await options.recognise(request);
    if (!caller) return appError('UNAUTHENTICATED', 'sign-in required');
    // Keyed by user too: another user naming the same ids reaches nothing of this one's.
    const key = `${caller.userId}/${ids.server}/${ids.session}`;
    return { session: xhrSessions.get(key), key };
  }

  async function receive(request: IncomingMessage, res: ServerResponse, ids: SessionIds, receiverOf: () => SockJsReceiver): Promise<void> {
    const admitted = await admit(request, ids);
    if ('code' in admitted) return writeResponse(res, errorResponse(admitted));
    let session = admitted.session;
    if (!session) {
      const caller = draining ? null : await options.authenticate(request);
      if (!caller) return writeResponse(res, errorResponse(draining ? appError('UPSTREAM_UNAVAILABLE', 'shutting down') : appError('UNAUTHENTICATED', 'sign-in required')));
      // Another request may have opened it while this one was being authenticated.
      session = xhrSessions.get(admitted.key);
      if (!session) {
        const opened = openSession(caller, () => {
          // Kept a little after it ends, so the client's next poll learns how it ended.
          setTimeout(() => xhrSessions.get(admitted.key) === opened && xhrSessions.delete(admitted.key), options.timing.disconnectDelayMs).unref();
        });
        xhrSessions.set(admitted.key, (session = opened));
      }
    }
    const receiver = receiverOf();
    const current = session;
    res.on('close', () => current.detach(receiver));
    session.attach(receiver);
  }

  /** SIGTERM: every session gets `c[1001,"Going away"]` (WebSocket close 1001); sockets still open after a moment are cut. */
  async function drain(): Promise<void> {
    draining = true;
    for (const session of [...sessions]) session.close(closeCodes.goingAway, 'Going away');
    const deadline = Date.now() + CLOSE_GRACE_MS;
    while (sockets.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    for (const ws of sockets) ws.terminate();
  }

  return {
    info(_request: IncomingMessage, res: ServerResponse): void {
      const body = { websocket: true, origins: ['*:*'], cookie_needed: false, entropy: randomInt(2 ** 32) };
      writeResponse(res, json(200, body, { 'Cache-Control': NO_CACHE }));
    },

    /** A plain GET on the WebSocket URL (no upgrade): refused like SockJS does, after the cookie check. */
    async websocketWithoutUpgrade(request: IncomingMessage, res: ServerResponse): Promise<void> {
      const caller = await options.authenticate(request);
      writeResponse(res, errorResponse(caller ? appError('VALIDATION_FAILED', 'Can "Upgrade" only to "WebSocket".') : appError('UNAUTHENTICATED', 'sign-in required')));
    },

    xhrStreaming: (request: IncomingMessage, res: ServerResponse, ids: SessionIds) => receive(request, res, ids, () => streamingReceiver(res, options.streamingLimitBytes)),
    xhrPolling: (request: IncomingMessage, res: ServerResponse, ids: SessionIds) => receive(request, res, ids, () => pollingReceiver(res)),

    async xhrSend(request: IncomingMessage, res: ServerResponse, ids: SessionIds, body: Buffer): Promise<void> {
      const admitted = await admit(request, ids);
      if ('code' in admitted) return writeResponse(res, errorResponse(admitted));
      if (!admitted.session || admitted.session.closed) return writeResponse(res, errorResponse(appError('NOT_FOUND', 'no such session')));
      if (body.length === 0) return writeResponse(res, errorResponse(appError('VALIDATION_FAILED', 'Payload expected.')));
      if (!admitted.session.receive(body.toString('utf8'))) return writeResponse(res, errorResponse(appError('VALIDATION_FAILED', 'Broken JSON encoding.')));
      res.writeHead(204, { 'Content-Type': 'text/plain; charset=UTF-8' }).end();
    },

    upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
      upgrade(request, socket, head).catch((error: unknown) => {
        options.logger.error('WebSocket handshake failed', { error });
        socket.destroy();
      });
    },

    drain,

    async close(): Promise<void> {
      if (!draining) await drain();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      xhrSessions.clear();
    },
  };
}

export type SockJsEndpoint = ReturnType<typeof createSockJsEndpoint>;
