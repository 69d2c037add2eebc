import type { IncomingMessage } from 'node:http';
import { openBlogWrites } from '../../shared/blog/adapters/open-blog-writes.ts';
import { saveDraft } from '../../shared/blog/application/save-draft.ts';
import type { Caller } from '../../shared/kernel/access.ts';
import { openMemoContext } from '../../shared/memo/adapters/open-memo-context.ts';
import { replaceReferences } from '../../shared/memo/application/replace-references.ts';
import { updateMemo } from '../../shared/memo/application/update-memo.ts';
import type { ConfigOf } from '../../shared/platform/config/load-config.ts';
import { requireSetting } from '../../shared/platform/config/platform-settings.ts';
import { cookieOf } from '../../shared/platform/http/cookies.ts';
import { createIdentify, jwtKey, readAccessToken } from '../../shared/platform/http/identify.ts';
import type { Logger } from '../../shared/platform/logging/logger.ts';
import { openRedis } from '../../shared/platform/redis/redis-client.ts';
import { createInProcessReplyBus } from '../../shared/realtime/adapters/reply-bus.in-process.ts';
import type { AutosaveDeps } from '../../shared/realtime/application/apply-autosave.ts';
import type { ReplyBus } from '../../shared/realtime/ports/reply-bus.port.ts';
import type { manifest } from './function.ts';

export interface AutosaveWiring {
  readonly useCases: AutosaveDeps;
  readonly bus: ReplyBus;
  readonly authenticate: (request: IncomingMessage) => Promise<Caller | null>;
  readonly recognise: (request: IncomingMessage) => Promise<Caller | null>;
  close(): Promise<void>;
}

/**
 * The blog's and the memo context's own wiring (`openBlogWrites`, `openMemoContext`: the adapters their HTTP
 * functions use), plugged into the ports the realtime context owns, so an autosave validates, raises events and
 * invalidates caches exactly like `PUT …/draft` and the memo routes. Replies travel in-process (embedded) or
 * through Redis (services).
 */
export async function wireAutosave(config: ConfigOf<typeof manifest.settings>, context: { name: string; logger: Logger }): Promise<AutosaveWiring> {
  const blog = await openBlogWrites(config, { clientId: context.name, logger: context.logger });
  const memo = await openMemoContext(config, { clientId: context.name, logger: context.logger });
  let bus: ReplyBus;
  let releaseRedis = async (): Promise<void> => {};
  if (config.profile === 'services') {
    const redis = await openRedis(requireSetting(config.redisUrl, 'PILOG_REDIS_URL', 'in the services profile'));
    const { createRedisReplyBus } = await import('../../shared/realtime/adapters/reply-bus.redis.ts');
    bus = createRedisReplyBus(redis.client, context.logger);
    releaseRedis = () => redis.release();
  } else bus = createInProcessReplyBus();

  const key = jwtKey(config);
  const authenticate = createIdentify({ key, accessCookieName: config.accessCookieName });
  const recognise = async (request: IncomingMessage): Promise<Caller | null> => {
    const token = cookieOf(request.headers, config.accessCookieName);
    const claims = token === undefined ? null : await readAccessToken(token, key, { ignoreExpiry: true });
    return claims && { userId: claims.userId, roles: claims.roles };
  };

  return {
    useCases: {
      articles: { saveDraft: (caller, edit) => saveDraft(blog.deps, caller, edit) },
      memos: {
        updateMemo: (caller, edit) => updateMemo(memo.deps, caller, edit),
        replaceReferences: (caller, edit) => replaceReferences(memo.deps, caller, edit),
      },
    },
    bus,
    authenticate,
    recognise,
    async close() {
      await bus.close();
      await releaseRedis();
      await memo.close();
      await blog.close();
    },
  };
}
