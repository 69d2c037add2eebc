import type { ReplyTopic } from '../domain/autosave-messages.ts';

/** A reply for every connection of one user subscribed to `topic`; `body` is the JSON text of the MESSAGE. */
export interface UserReply {
  readonly topic: ReplyTopic;
  readonly body: string;
}

/**
 * Carries replies to all of a user's connections, wherever they are held: in this process (embedded) or on any
 * instance of the function (services: Redis pub/sub, one channel per user), so two tabs on two pods both hear.
 */
export interface ReplyBus {
  /** Resolves once listening, so nothing published afterwards can be missed; the result stops listening. */
  listen(userId: number, deliver: (reply: UserReply) => void): Promise<() => Promise<void>>;
  publish(userId: number, reply: UserReply): Promise<void>;
  close(): Promise<void>;
}
