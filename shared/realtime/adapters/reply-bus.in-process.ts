import type { ReplyBus, UserReply } from '../ports/reply-bus.port.ts';

type Deliver = (reply: UserReply) => void;

/** One process holds every connection (embedded profile, dev host): replies go straight to the user's listeners. */
export function createInProcessReplyBus(): ReplyBus {
  const listeners = new Map<number, Set<Deliver>>();
  return {
    async listen(userId, deliver) {
      const own = listeners.get(userId) ?? new Set<Deliver>();
      listeners.set(userId, own.add(deliver));
      return async () => {
        own.delete(deliver);
        if (own.size === 0 && listeners.get(userId) === own) listeners.delete(userId);
      };
    },
    async publish(userId, reply) {
      for (const deliver of [...(listeners.get(userId) ?? [])]) deliver(reply);
    },
    async close() {
      listeners.clear();
    },
  };
}
