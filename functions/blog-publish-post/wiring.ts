import type { ConfigOf } from '../../shared/platform/config/load-config.ts';
import type { Logger } from '../../shared/platform/logging/logger.ts';
import type { blogWriteSettings } from '../../shared/blog/adapters/blog-settings.ts';
import { openBlogWrites, type BlogWrites } from '../../shared/blog/adapters/open-blog-writes.ts';

/**
 * Kept for `functions/realtime-autosave`, which still imports it: a function must not import another function's
 * module (the image bundles each one alone), so it should call `openBlogWrites` from shared/blog directly.
 */
export const wireBlogWrites = (config: ConfigOf<typeof blogWriteSettings>, context: { name: string; logger: Logger }): Promise<BlogWrites> =>
  openBlogWrites(config, { clientId: context.name, logger: context.logger });
