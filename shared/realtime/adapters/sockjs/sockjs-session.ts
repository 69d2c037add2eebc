import { closeCodes, closeFrame, HEARTBEAT_FRAME, messageFrame, OPEN_FRAME, parseClientMessages } from './sockjs-frames.ts';

/**
 * Where a session's frames go: the WebSocket for its whole life, or the XHR response of the moment (a stream, or a
 * poll that ends after one frame). `write` answers false when the receiver is done and has let go of the session.
 */
export interface SockJsReceiver {
  write(frame: string): boolean;
  close(code: number, reason: string): void;
}

export interface SessionTiming {
  /** SockJS heartbeats (`h`) while a receiver is attached: 25 s (contract §3.1). */
  readonly heartbeatMs: number;
  /** Closed after this long without any client message: an idle editor lets the function scale to zero. */
  readonly idleTimeoutMs: number;
  /** An XHR session with no receiver for this long has lost its client. */
  readonly disconnectDelayMs: number;
}

export interface SessionHandlers {
  onMessages(messages: string[]): void;
  onClose(): void;
}

export interface SockJsSession {
  readonly closed: boolean;
  attach(receiver: SockJsReceiver): void;
  detach(receiver: SockJsReceiver): void;
  /** A client payload (JSON array of strings); false when it is broken, and the session is then closed. */
  receive(payload: string): boolean;
  send(messages: readonly string[]): void;
  /** Ends the session, telling the client why when a receiver is attached (later polls get the same frame). */
  close(code: number, reason: string): void;
  /** The client went away (its WebSocket closed): ends the session without a frame. */
  lost(): void;
}

/**
 * One SockJS session, independent of the transport carrying it: opening, message queueing while no receiver is
 * attached (between XHR polls), heartbeats, the idle timeout and the close frame. Every timer is unref'd and
 * cleared at close, so an ended session holds nothing.
 */
export function createSockJsSession(timing: SessionTiming, handlers: SessionHandlers): SockJsSession {
  let state: 'new' | 'open' | 'closed' = 'new';
  let receiver: SockJsReceiver | undefined;
  let pending: string[] = [];
  let finalFrame = '';
  const heartbeat = setInterval(() => write(HEARTBEAT_FRAME), timing.heartbeatMs).unref();
  const idle = setTimeout(() => session.close(closeCodes.normal, 'Idle timeout'), timing.idleTimeoutMs).unref();
  let orphaned: NodeJS.Timeout | undefined;

  const awaitReceiver = (): void => {
    orphaned ??= setTimeout(() => session.lost(), timing.disconnectDelayMs).unref();
  };
  function write(frame: string): void {
    if (receiver && !receiver.write(frame)) {
      receiver = undefined;
      awaitReceiver();
    }
  }
  const flush = (): void => {
    if (!receiver || pending.length === 0) return;
    const messages = pending;
    pending = [];
    write(messageFrame(messages));
  };
  const end = (): void => {
    state = 'closed';
    clearInterval(heartbeat);
    clearTimeout(idle);
    clearTimeout(orphaned);
    pending = [];
    handlers.onClose();
  };

  const session: SockJsSession = {
    get closed() {
      return state === 'closed';
    },
    attach(next) {
      if (state === 'closed') {
        next.write(finalFrame);
        next.close(closeCodes.normal, 'Session closed');
        return;
      }
      if (receiver) {
        // SockJS allows one receiver per session; the newcomer is told so and the session is left alone.
        next.write(closeFrame(closeCodes.anotherConnection, 'Another connection still open'));
        next.close(closeCodes.anotherConnection, 'Another connection still open');
        return;
      }
      receiver = next;
      clearTimeout(orphaned);
      orphaned = undefined;
      if (state === 'new') {
        state = 'open';
        write(OPEN_FRAME);
      } else flush();
    },
    detach(gone) {
      if (receiver !== gone) return;
      receiver = undefined;
      if (state !== 'closed') awaitReceiver();
    },
    receive(payload) {
      if (state !== 'open') return true;
      const messages = parseClientMessages(payload);
      if (!messages) {
        session.close(closeCodes.brokenFraming, 'Broken framing');
        return false;
      }
      idle.refresh();
      if (messages.length > 0) handlers.onMessages(messages);
      return true;
    },
    send(messages) {
      if (state === 'closed' || messages.length === 0) return;
      pending.push(...messages);
      flush();
    },
    close(code, reason) {
      if (state === 'closed') return;
      finalFrame = closeFrame(code, reason);
      const last = receiver;
      receiver = undefined;
      // Frames still queued go first. A poll that carries them is answered; the next poll gets the close frame.
      if (last && (pending.length === 0 || last.write(messageFrame(pending)))) {
        last.write(finalFrame);
        last.close(code, reason);
      }
      end();
    },
    lost() {
      if (state === 'closed') return;
      finalFrame = closeFrame(closeCodes.normal, 'Connection lost');
      receiver = undefined;
      end();
    },
  };
  return session;
}
