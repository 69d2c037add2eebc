import type { EventPublisher, EventSubscriber } from './event-publisher.port.ts';

/**
 * The embedded profile's stand-in for Kafka: topics within one process, delivered synchronously. The dev host only
 * listens to wake its outbox feeds, which deliver the outbox rows themselves (ADR 0002), so nothing is lost with it.
 */
export interface InProcessEventBus extends EventPublisher {
  /** Returns the function that ends the subscription. */
  subscribe(topic: string, subscriber: EventSubscriber): () => void;
}

/**
 * Delivers each event, in order, to every subscriber of its topic before `publish` resolves. A subscriber that
 * throws has not taken the event, so `publish` stops there and rejects, exactly like a broker that is down: the
 * outbox keeps the rows and the sweep delivers them again (other subscribers may then see an event twice, which
 * at-least-once delivery allows). Events on a topic nobody subscribes to are dropped, as nothing would read them.
 */
export function createInProcessEventBus(): InProcessEventBus {
  const subscribers = new Map<string, Set<EventSubscriber>>();
  return {
    subscribe(topic, subscriber) {
      const forTopic = subscribers.get(topic) ?? new Set<EventSubscriber>();
      subscribers.set(topic, forTopic);
      // A Set would merge two subscriptions of the same function; wrap it so each subscription stays distinct.
      const subscription: EventSubscriber = (event) => subscriber(event);
      forTopic.add(subscription);
      return () => void forTopic.delete(subscription);
    },
    async publish(events) {
      for (const event of events) {
        for (const subscriber of subscribers.get(event.topic) ?? []) subscriber(event);
      }
    },
    // The bus outlives any one function: the dev host's subscriptions stay when a function stops.
    async close() {},
  };
}

/** The bus every function of an embedded-profile process publishes to, and the dev host subscribes to. */
export const processEventBus: InProcessEventBus = createInProcessEventBus();
