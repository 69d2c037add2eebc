import { describe, expect, it } from 'vitest';
import { createInProcessEventBus } from './event-publisher.in-process.ts';
import type { OutgoingEvent } from './event-publisher.port.ts';

const event = (id: string, topic = 'pilog.blog.article'): OutgoingEvent => ({
  id,
  type: 'pilog.blog.article.published.v1',
  source: '/pilog/blog',
  topic,
  key: 'article-1',
  time: '2026-01-01T00:00:00.000Z',
  data: { id },
  extensions: { aggregateversion: '1' },
});

describe('the in-process event bus', () => {
  it('hands each event, in order, to every subscriber of its topic before publish resolves', async () => {
    const bus = createInProcessEventBus();
    const first: string[] = [];
    const second: string[] = [];
    const otherTopic: string[] = [];
    bus.subscribe('pilog.blog.article', (e) => first.push(e.id));
    bus.subscribe('pilog.blog.article', (e) => second.push(e.id));
    bus.subscribe('pilog.memo.memo', (e) => otherTopic.push(e.id));
    await bus.publish([event('1'), event('2'), event('3', 'pilog.memo.memo')]);
    expect(first).toEqual(['1', '2']);
    expect(second).toEqual(['1', '2']);
    expect(otherTopic).toEqual(['3']);
  });

  it('rejects, and delivers nothing after the event a subscriber refused', async () => {
    const bus = createInProcessEventBus();
    const seen: string[] = [];
    bus.subscribe('pilog.blog.article', (e) => {
      if (e.id === '2') throw new Error('consumer down');
      seen.push(e.id);
    });
    await expect(bus.publish([event('1'), event('2'), event('3')])).rejects.toThrow('consumer down');
    expect(seen).toEqual(['1']);
  });

  it('stops delivering to a subscription once it is ended, and keeps the others', async () => {
    const bus = createInProcessEventBus();
    const seen: string[] = [];
    const record = (e: OutgoingEvent) => void seen.push(e.id);
    const end = bus.subscribe('pilog.blog.article', record);
    bus.subscribe('pilog.blog.article', record);
    await bus.publish([event('1')]);
    end();
    await bus.publish([event('2')]);
    expect(seen).toEqual(['1', '1', '2']);
  });

  it('keeps its subscriptions when a function using it closes', async () => {
    const bus = createInProcessEventBus();
    const seen: string[] = [];
    bus.subscribe('pilog.blog.article', (e) => seen.push(e.id));
    await bus.close();
    await bus.publish([event('1')]);
    expect(seen).toEqual(['1']);
  });
});
