import { systemClock } from '../../shared/kernel/clock.ts';
import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { openEventPublisher } from '../../shared/platform/messaging/open-event-publisher.ts';
import { outboxBacklog, pruneOutbox } from '../../shared/platform/outbox/outbox-repository.ts';
import { sweepOutbox } from '../../shared/platform/outbox/sweep-outbox.ts';
import { done, registerCronFunction, retry } from '../../shared/platform/runtime/event-function.ts';
import { openPlatform } from '../../shared/platform/runtime/open-platform.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { observeGauges } from '../../shared/platform/telemetry/instruments.ts';
import { metricCatalog } from '../../shared/platform/telemetry/metric-catalog.ts';
import { telemetryOn } from '../../shared/platform/telemetry/telemetry.ts';
import { manifest } from './function.ts';

/** Published rows are kept a week for inspection, then deleted; unpublished rows are never deleted. */
const RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const config = loadConfig(manifest.settings, context.env);
  const platform = openPlatform(config, { name: manifest.name, logger: context.logger, publisher: openEventPublisher });
  const [database, publisher] = await Promise.all([platform.database(), platform.publisher()]);
  const deps = { db: database.db, publisher, clock: systemClock };
  if (telemetryOn()) {
    // Read from the table at each metric export: what waits, and for how long the oldest has.
    observeGauges({ outboxBacklog: metricCatalog.outboxBacklog, outboxOldestAge: metricCatalog.outboxOldestAge }, async () => {
      const { rows, oldestCreatedAt } = await outboxBacklog(deps.db);
      return { outboxBacklog: rows, outboxOldestAge: oldestCreatedAt === null ? 0 : (systemClock.now() - oldestCreatedAt) / 1000 };
    });
  }

  // Each tick is one pass; answering retry when the broker is down lets the PingSource's delivery record it.
  registerCronFunction(
    manifest,
    async () => {
      const outcome = await sweepOutbox(deps);
      if (outcome.published > 0 || outcome.backlog) context.logger.info('outbox swept', { ...outcome });
      if (outcome.failure !== undefined) return retry(`publishing stopped after ${outcome.published} events: ${outcome.failure}`);
      const pruned = await pruneOutbox(deps.db, systemClock.now() - RETENTION_MS);
      if (pruned > 0) context.logger.info('outbox pruned', { pruned });
      return done;
    },
    { logger: context.logger },
  );
  return { name: manifest.name, close: platform.close };
}
