import { Type } from '@sinclair/typebox';
import { CloudEvent } from 'cloudevents';
import { describe, expect, it } from 'vitest';
import { defineEvent } from '../../events/event-definition.ts';
import { decodeEvent } from './decode-event.ts';

const noted = defineEvent({ context: 'test', aggregate: 'thing', event: 'noted', version: 1, data: Type.Object({ thingId: Type.Integer({ minimum: 1 }) }), aggregateId: (data) => String(data.thingId) });
const other = defineEvent({ context: 'test', aggregate: 'thing', event: 'other', version: 1, data: Type.Object({}), aggregateId: () => 'x' });
const event = (type: string, data: unknown, extensions: Record<string, string> = { aggregateversion: '4' }) =>
  new CloudEvent({ id: 'e1', source: '/pilog/test', type, datacontenttype: 'application/json', data, ...extensions });

describe('decoding a delivered event', () => {
  it('answers the definition, checked data and aggregate version', () => {
    const decoded = decodeEvent(event(noted.type, { thingId: 3 }), [other, noted]);
    expect(decoded).toEqual({ ok: true, value: { definition: noted, data: { thingId: 3 }, aggregateVersion: 4 } });
  });

  it.each([
    ['an unknown type', event('pilog.test.thing.unknown.v1', { thingId: 3 }), /unexpected event type/],
    ['data that breaks the schema', event(noted.type, { thingId: 0 }), /data/],
    ['no aggregate version', event(noted.type, { thingId: 3 }, {}), /aggregateversion/],
    ['a version that is not a positive integer', event(noted.type, { thingId: 3 }, { aggregateversion: '1.5' }), /aggregateversion/],
  ])('refuses %s', (_case, cloudEvent, reason) => {
    const decoded = decodeEvent(cloudEvent, [noted]);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.error).toMatch(reason);
  });
});
