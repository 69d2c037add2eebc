import { notFound, type AppError } from '../../shared/kernel/app-error.ts';
import { err, type Result } from '../../shared/kernel/result.ts';
import { isNotModified, validatorHeaders } from '../../shared/platform/http/conditional-get.ts';
import { answer, type HttpRequest, type HttpResponse } from '../../shared/platform/http/http-exchange.ts';
import type { RouteHandlers } from '../../shared/platform/http/http-function.ts';
import type { Logger } from '../../shared/platform/logging/logger.ts';
import { readFeed } from '../../shared/seo/application/read-feed.ts';
import { regenerateFeeds, type RegenerateFeedsDeps } from '../../shared/seo/application/regenerate-feeds.ts';
import { feedNames, type StoredFeed } from '../../shared/seo/domain/feeds.ts';
import type { seoRoutes } from './function.ts';

/** Caches may keep a copy but must revalidate it each time: the feeds change within a minute of a publish. */
const CACHE_CONTROL = 'public, no-cache';

const PAGE_NUMBER = /^[1-9][0-9]{0,8}$/;

function feedResponse(request: HttpRequest, feed: StoredFeed): HttpResponse {
  const headers = { ...validatorHeaders(feed), 'Cache-Control': CACHE_CONTROL };
  if (isNotModified(request.headers, feed)) return { status: 304, headers };
  return { status: 200, body: feed.body, contentType: feed.contentType, headers };
}

/** HTTP ↔ SEO use cases: each read first brings the feeds up to date if a regeneration is due, then serves them. */
export function seoHandlers(deps: { readonly feeds: RegenerateFeedsDeps; readonly logger: Logger }): RouteHandlers<typeof seoRoutes> {
  const serve = async (request: HttpRequest, name: string): Promise<Result<HttpResponse, AppError>> => {
    try {
      const outcome = await regenerateFeeds(deps.feeds, 'due');
      if (outcome.kind === 'generated') deps.logger.info('feeds generated on demand', { ...outcome.summary });
    } catch (error) {
      // The stored feeds are still worth serving; the next request or tick tries again.
      deps.logger.error('on-demand feed generation failed', { error });
    }
    return answer(await readFeed(deps.feeds, name), (feed) => feedResponse(request, feed));
  };

  return {
    sitemap: (request) => serve(request, feedNames.sitemap),
    async sitemapFile(request) {
      const page = request.params.n ?? '';
      return PAGE_NUMBER.test(page) ? serve(request, feedNames.sitemapFile(Number(page))) : err(notFound(`sitemap file ${page}`));
    },
    rss: (request) => serve(request, feedNames.rss),
    atom: (request) => serve(request, feedNames.atom),
  };
}
