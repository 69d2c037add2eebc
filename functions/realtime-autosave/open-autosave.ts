import type { IncomingMessage } from 'node:http';
import { openBlogWrites } from '../../shared/blog/adapters/open-blog-writes.ts';
import { saveDraft } from '../../shared/blog/application/save-draft.ts';
import type { Caller } from '../../shared/kernel/access.ts';
import { openMemo } from '../../shared/memo/adapters/open-memo.ts';
import { replaceReferences } from '../../shared/memo/application/replace-references.ts';
import { updateMemo } from '../../shared/memo/application/update-memo.ts';
import type { ConfigOf } from '../../shared/platform/config/load-config.ts';
import { cookieOf } from '../../shared/platform/http/cookies.ts';
import { createIdentify, jwtKey, readAccessToken } from '../../shared/platform/http/identify.ts';
import type { Platform } from '../../shared/platform/runtime/open-platform.ts';
import { openRealtime } from '../../shared/realtime/adapters/open-realtime.ts';
import type { AutosaveDeps } from '../../shared/realtime/application/apply-autosave.ts';
import type { ReplyBus } from '../../shared/realtime/ports/reply-bus.port.ts';
import type { manifest } from './function.ts';

export interface Autosave {
  readonly useCases: AutosaveDeps;
  readonly bus: ReplyBus;
  readonly authenticate: (request: IncomingMessage) => Promise<Caller | null>;
  readonly recognise: (request: IncomingMessage) => Promise<Caller | null>;
}

/**
 * The blog's and the memo context's own adapters (`openBlogWrites`, `openMemo`: what their HTTP functions use),
 * plugged into the ports the realtime context owns, so an autosave validates, raises events and invalidates caches
 * exactly like `PUT …/draft` and the memo routes. This function may see all three contexts; they share one platform.
 */
export async function openAutosave(platform: Platform, config: ConfigOf<typeof manifest.settings>): Promise<Autosave> {
  const [blog, memo, { bus }] = await Promise.all([openBlogWrites(platform), openMemo(platform), openRealtime(platform)]);
  const key = jwtKey(config);
  const recognise = async (request: IncomingMessage): Promise<Caller | null> => {
    const token = cookieOf(request.headers, config.accessCookieName);
    const claims = token === undefined ? null : await readAccessToken(token, key, { ignoreExpiry: true });
    return claims && { userId: claims.userId, roles: claims.roles };
  };
  return {
    useCases: {
      articles: { saveDraft: (caller, edit) => saveDraft(blog, caller, edit) },
      memos: {
        updateMemo: (caller, edit) => updateMemo(memo, caller, edit),
        replaceReferences: (caller, edit) => replaceReferences(memo, caller, edit),
      },
    },
    bus,
    authenticate: createIdentify({ key, accessCookieName: config.accessCookieName }),
    recognise,
  };
}
