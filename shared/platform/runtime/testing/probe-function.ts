import { probeRecorded } from '../../../events/testing/probe-event.ts';
import { UnavailableError } from '../../../kernel/app-error.ts';
import { done, type DeliveredEvent, type Delivery } from '../event-function.ts';
import { defaultResources, defaultScaling, type EventTrigger, type FunctionManifest } from '../manifest.ts';

/** An event function's manifest taking the probe event, for runtime tests. */
export const probeManifest = (name: string): FunctionManifest<EventTrigger> => ({
  name,
  description: 'a probe of the event runtime',
  trigger: { kind: 'events', topic: probeRecorded.topic, types: [probeRecorded.type] },
  scaling: defaultScaling,
  resources: defaultResources,
  settings: {},
});

/** A probe handler whose note picks its fate: 'store down' throws a dependency's 503, 'bug' a programming error. */
export async function probeHandler(event: DeliveredEvent<typeof probeRecorded>): Promise<Delivery> {
  if (event.data.note === 'store down') throw new UnavailableError('the probe store cannot answer');
  if (event.data.note === 'bug') throw new TypeError('probe is not a function');
  return done;
}
