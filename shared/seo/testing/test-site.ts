import type { FeedSite } from '../domain/feed-site.ts';

/** A site whose two base URLs differ, so a test can tell article links from feed links. */
export const testSite: FeedSite = {
  siteUrl: 'https://blog.example',
  publicApiUrl: 'https://api.blog.example',
  title: "Jinia's Log",
  description: '지니아의 종합 웹앱 플랫폼 사이트 입니다',
  author: 'jinia',
  items: 3,
};
