import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../database/database.ts';
import { openTestDatabase, testDialects } from '../database/testing/test-databases.ts';
import { createLogger } from '../logging/logger.ts';
import { createInProcessEventBus } from '../messaging/event-publisher.in-process.ts';
import type { OutgoingEvent } from '../messaging/event-publisher.port.ts';
import { createOutboxRelay, FAST_PATH_PAUSE_MS } from './relay-outbox.ts';
import { appendCommitted, manualClock, probe, stampsAt } from './testing/outbox-fixtures.ts';

describe.each(testDialects)('the outbox fast path on %s', (dialect) => {
  let handle: DatabaseHandle;
  const rows = () => handle.db.selectFrom('outbox').selectAll().orderBy('id').execute();

  beforeAll(async () => {
    handle = await openTestDatabase(dialect);
  });
  afterAll(() => handle.close());
  beforeEach(async () => {
    await handle.db.deleteFrom('outbox').execute();
  });

  function setUp() {
    const clock = manualClock();
    const bus = createInProcessEventBus();
    const received: OutgoingEvent[] = [];
    let refusing = false;
    bus.subscribe('pilog.testing.probe', (event) => {
      if (refusing) throw new Error('subscriber is down');
      received.push(event);
    });
    const logLines: string[] = [];
    const logger = createLogger({ sink: { write: (line) => void logLines.push(line) } });
    const relay = createOutboxRelay({ db: handle.db, publisher: bus, clock, logger });
    return { clock, received, logLines, relay, refuse: (value: boolean) => void (refusing = value) };
  }

  it('publishes what a use case committed and marks it sent', async () => {
    const { clock, received, relay } = setUp();
    const events = await appendCommitted(handle.db, [probe('a'), probe('b')], stampsAt(clock));
    clock.advance(5);
    await relay.publishCommitted(events);
    expect(received).toEqual(events);
    expect(await rows()).toMatchObject([{ published_at: clock.now() }, { published_at: clock.now() }]);
  });

  it('fails quietly when publishing fails, hands the rows to the sweep at once and says why', async () => {
    const { clock, received, logLines, relay, refuse } = setUp();
    refuse(true);
    const events = await appendCommitted(handle.db, [probe('a')], stampsAt(clock));
    await expect(relay.publishCommitted(events)).resolves.toBeUndefined();
    expect(received).toEqual([]);
    expect(await rows()).toMatchObject([{ published_at: null, claimed_until: null, last_error: 'Error: subscriber is down' }]);
    expect(logLines.some((line) => line.includes('outbox fast path could not publish'))).toBe(true);
  });

  it('stands aside for a while after a failure, handing new rows straight to the sweep, then tries again', async () => {
    const { clock, received, relay, refuse } = setUp();
    refuse(true);
    await relay.publishCommitted(await appendCommitted(handle.db, [probe('a')], stampsAt(clock)));
    refuse(false);

    clock.advance(FAST_PATH_PAUSE_MS - 1);
    const during = await appendCommitted(handle.db, [probe('b')], stampsAt(clock));
    await relay.publishCommitted(during);
    expect(received).toEqual([]);
    expect((await rows())[1]).toMatchObject({ published_at: null, claimed_until: null, last_error: 'fast path paused after a failed publish' });

    clock.advance(1);
    const after = await appendCommitted(handle.db, [probe('c')], stampsAt(clock));
    await relay.publishCommitted(after);
    expect(received).toEqual(after);
  });
});
