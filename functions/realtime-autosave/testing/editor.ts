import { Stomp, type CompatClient, type IFrame } from '@stomp/stompjs';
import SockJS from 'sockjs-client';
import { replyTopics, type ReplyTopic } from '../../../shared/realtime/domain/autosave-messages.ts';
import { startBrowserProxy } from './browser-proxy.ts';

export type Transport = 'websocket' | 'xhr-streaming' | 'xhr-polling';
export type Reply = { id: number | null; error?: { code: string; message: string } };

export interface EditorOptions {
  /** The access cookie header (`name=value`); none = an anonymous browser. */
  readonly cookie?: string;
  readonly origin: string;
  readonly transport?: Transport;
  readonly topics?: readonly ReplyTopic[];
  /** Called as each reply arrives (the load check times them). */
  readonly onReply?: (topic: ReplyTopic, reply: Reply) => void;
}

export interface Editor {
  readonly client: CompatClient;
  /** Every reply so far on a topic, in order of arrival. */
  replies(topic: ReplyTopic): readonly Reply[];
  /** The next reply on `topic` after the ones already taken with `next`. */
  next(topic: ReplyTopic, timeoutMs?: number): Promise<Reply>;
  send(destination: string, payload: unknown): void;
  /** STOMP ERROR frames received; then the socket's close, if it closed. */
  readonly errors: IFrame[];
  closed(): Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

/**
 * An editor of the existing frontend, built the way it builds one: `new SockJS(HOST + '/ws')`, `Stomp.over(socket)`,
 * `connect({}, …)`, subscriptions to the reply topics, `publish` of JSON bodies. Only the browser's part is
 * simulated: Origin and Cookie ride on the WebSocket handshake (the transport's headers) or, for the XHR
 * transports, on every request through a small forwarding proxy.
 */
export async function openEditor(base: string, options: EditorOptions): Promise<Editor> {
  const transport = options.transport ?? 'websocket';
  const browserHeaders = { Origin: options.origin, ...(options.cookie ? { Cookie: options.cookie } : {}) };
  const proxy = transport === 'websocket' ? undefined : await startBrowserProxy(base, () => browserHeaders);
  const socket = new SockJS(`${proxy?.url ?? base}/ws`, null, {
    transports: [transport],
    transportOptions: { websocket: { headers: browserHeaders } },
  } as SockJS.Options);
  // The frontend passes the socket itself; a factory returning it behaves the same without the console warning.
  const client = Stomp.over(() => socket);
  client.debug = () => {};
  const inbox = new Map<ReplyTopic, Reply[]>(replyTopics.map((topic) => [topic, []]));
  const taken = new Map<ReplyTopic, number>();
  const errors: IFrame[] = [];
  let closedWith: ((close: { code: number; reason: string }) => void) | undefined;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (closedWith = resolve));
  socket.addEventListener('close', (event) => closedWith?.({ code: (event as CloseEvent).code, reason: (event as CloseEvent).reason }));

  try {
    await new Promise<void>((resolve, reject) => {
      client.connect({}, () => resolve(), (frame: IFrame) => reject(new Error(`STOMP ERROR: ${frame.headers.message}`)));
      void closed.then((close) => reject(new Error(`closed before CONNECTED: ${close.code} ${close.reason}`)));
    });
  } catch (error) {
    await proxy?.close();
    throw error;
  }
  client.onStompError = (frame) => void errors.push(frame);
  // Ready once the server has confirmed every subscription (a RECEIPT), so no reply can slip past one.
  await Promise.all(
    (options.topics ?? replyTopics).map(
      (topic) =>
        new Promise<void>((resolve) => {
          const receipt = `subscribed-${topic}`;
          client.watchForReceipt(receipt, () => resolve());
          client.subscribe(
            topic,
            (message) => {
              const reply = JSON.parse(message.body) as Reply;
              inbox.get(topic)?.push(reply);
              options.onReply?.(topic, reply);
            },
            { receipt },
          );
        }),
    ),
  );

  return {
    client,
    errors,
    replies: (topic) => inbox.get(topic) ?? [],
    async next(topic, timeoutMs = 5000) {
      const index = taken.get(topic) ?? 0;
      const deadline = Date.now() + timeoutMs;
      while ((inbox.get(topic)?.length ?? 0) <= index) {
        if (Date.now() > deadline) throw new Error(`no reply on ${topic} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      taken.set(topic, index + 1);
      return inbox.get(topic)?.[index] as Reply;
    },
    send: (destination, payload) => client.publish({ destination, body: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
    closed: () => closed,
    async close() {
      if (client.connected) await new Promise<void>((resolve) => client.disconnect(() => resolve(), { receipt: 'bye' }));
      socket.close();
      await proxy?.close();
    },
  };
}
