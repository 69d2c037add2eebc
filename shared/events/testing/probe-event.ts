import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition.ts';

/** An event that belongs to no context, for tests of the event machinery (outbox, publishers, catalogue). */
export const probeRecorded = defineEvent({
  context: 'testing',
  aggregate: 'probe',
  event: 'recorded',
  version: 1,
  data: Type.Object({ probeId: Type.String(), note: Type.String() }),
  aggregateId: (data) => data.probeId,
});
