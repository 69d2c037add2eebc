import { UnavailableError } from '../../kernel/app-error.ts';
import type { BlogArticles } from '../ports/blog-articles.port.ts';

const TIMEOUT_MS = 3000;

/** `GET {blogReadUrl}/api/v1/articles/{id}?expectedStatus=PUBLISHED`: 200 is published, 404 is not (contract §1). */
export function createHttpBlogArticles(blogReadUrl: string): BlogArticles {
  const base = blogReadUrl.replace(/\/+$/, '');
  return {
    async isPublished(articleId) {
      let status: number;
      try {
        const response = await fetch(`${base}/api/v1/articles/${articleId}?expectedStatus=PUBLISHED`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
        await response.body?.cancel();
        status = response.status;
      } catch {
        throw new UnavailableError('the blog cannot tell whether the article is published');
      }
      if (status === 200 || status === 404) return status === 200;
      throw new UnavailableError(`the blog answered ${status} about the article`);
    },
  };
}
