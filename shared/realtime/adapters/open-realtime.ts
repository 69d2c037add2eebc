import type { Platform } from '../../platform/runtime/open-platform.ts';
import type { ReplyBus } from '../ports/reply-bus.port.ts';
import { createInProcessReplyBus } from './reply-bus.in-process.ts';

/** The realtime context's reply bus: in-process (embedded) or through Redis (services); it closes with the platform. */
export async function openRealtime(platform: Platform): Promise<{ bus: ReplyBus }> {
  let bus: ReplyBus;
  if (platform.profile === 'services') {
    const [redis, { createRedisReplyBus }] = await Promise.all([platform.redis(), import('./reply-bus.redis.ts')]);
    bus = createRedisReplyBus(redis, platform.logger);
  } else bus = createInProcessReplyBus();
  platform.onClose(() => bus.close());
  return { bus };
}
