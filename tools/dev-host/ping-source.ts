import { randomUUID } from 'node:crypto';
import { CloudEvent, HTTP } from 'cloudevents';
import { parseCron, type CronSchedule } from './cron-schedule.ts';
import type { EventDispatcher } from './event-dispatcher.ts';

export const PING_EVENT_TYPE = 'dev.knative.sources.ping';

/** The event a Knative PingSource sends on each tick. */
export const pingEvent = (functionName: string, time: Date): CloudEvent<unknown> =>
  new CloudEvent({
    id: randomUUID(),
    type: PING_EVENT_TYPE,
    source: `/apis/v1/namespaces/pilog/pingsources/${functionName}`,
    time: time.toISOString(),
    datacontenttype: 'application/json',
    data: {},
  });

/**
 * Fires cron-triggered functions like PingSource: at the start of every UTC minute, each schedule that matches
 * gets one ping. Returns a stop function.
 */
export function startPingSources(targets: ReadonlyArray<{ functionName: string; schedule: string; dispatcher: EventDispatcher }>): () => void {
  const schedules: Array<{ functionName: string; cron: CronSchedule; dispatcher: EventDispatcher }> = targets.map((t) => ({
    functionName: t.functionName,
    cron: parseCron(t.schedule),
    dispatcher: t.dispatcher,
  }));
  let timer: NodeJS.Timeout | undefined;
  const scheduleNext = (): void => {
    const now = Date.now();
    timer = setTimeout(tick, 60_000 - (now % 60_000));
    timer.unref();
  };
  const tick = (): void => {
    const minute = new Date(Math.round(Date.now() / 60_000) * 60_000);
    for (const { functionName, cron, dispatcher } of schedules) {
      if (cron.matches(minute)) void dispatcher.deliver(pingEvent(functionName, minute));
    }
    scheduleNext();
  };
  scheduleNext();
  return () => clearTimeout(timer);
}

/** Posts one tick to a cron function's URL exactly as a PingSource would (binary-mode CloudEvent). */
export function postPing(url: string, functionName: string): Promise<Response> {
  const message = HTTP.binary(pingEvent(functionName, new Date()));
  return fetch(url, { method: 'POST', headers: message.headers as Record<string, string>, body: message.body as string });
}
