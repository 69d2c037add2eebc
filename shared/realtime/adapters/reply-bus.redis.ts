import type { Redis } from 'ioredis';
import type { Logger } from '../../platform/logging/logger.ts';
import { warnOnErrors } from '../../platform/redis/redis-client.ts';
import { isReplyTopic } from '../domain/autosave-messages.ts';
import type { ReplyBus, UserReply } from '../ports/reply-bus.port.ts';

type Deliver = (reply: UserReply) => void;

const CHANNEL_PREFIX = 'pilog:realtime:user:';
const replyChannel = (userId: number): string => `${CHANNEL_PREFIX}${userId}`;

/**
 * Replies through Redis pub/sub, one channel per user, so every instance holding one of the user's connections
 * hears them (two tabs may sit on two pods, e.g. during a rollout). An instance subscribes to a user's channel while
 * it holds a connection of that user. Pub/sub keeps nothing: a reply is for connections open right now.
 * `publisher` is the process's shared client; the subscriber needs a connection of its own (subscribe mode).
 */
export function createRedisReplyBus(publisher: Redis, logger: Logger): ReplyBus {
  const subscriber = publisher.duplicate();
  warnOnErrors(subscriber, logger);
  const users = new Map<number, { listeners: Set<Deliver>; subscribed: Promise<unknown> }>();

  const deliverHere = (userId: number, reply: UserReply): void => {
    for (const deliver of [...(users.get(userId)?.listeners ?? [])]) deliver(reply);
  };

  subscriber.on('message', (channel: string, text: string) => {
    const userId = Number(channel.slice(CHANNEL_PREFIX.length));
    try {
      const reply = JSON.parse(text) as UserReply;
      if (isReplyTopic(reply.topic) && typeof reply.body === 'string') deliverHere(userId, reply);
    } catch (error) {
      logger.warn('ignored a malformed realtime reply from Redis', { channel, error });
    }
  });

  return {
    async listen(userId, deliver) {
      let user = users.get(userId);
      if (!user) {
        // Without Redis the connection still works, hearing only what this instance publishes.
        const subscribed = subscriber.subscribe(replyChannel(userId)).catch((error: unknown) => logger.warn('could not subscribe to realtime replies', { userId, error }));
        users.set(userId, (user = { listeners: new Set(), subscribed }));
      }
      user.listeners.add(deliver);
      await user.subscribed;
      const own = user;
      return async () => {
        own.listeners.delete(deliver);
        if (own.listeners.size > 0 || users.get(userId) !== own) return;
        users.delete(userId);
        // Commands run in order on the one connection: a later re-subscribe for this user still wins.
        await subscriber.unsubscribe(replyChannel(userId));
      };
    },
    async publish(userId, reply) {
      try {
        await publisher.publish(replyChannel(userId), JSON.stringify(reply));
      } catch (error) {
        // The write has committed; at least the connections on this instance hear of it.
        logger.warn('Redis unavailable for realtime replies; delivering on this instance only', { error });
        deliverHere(userId, reply);
      }
    },
    async close() {
      users.clear();
      await subscriber.quit().catch(() => subscriber.disconnect());
    },
  };
}
