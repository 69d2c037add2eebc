import { platformSettings } from '../../platform/config/platform-settings.ts';
import { url } from '../../platform/config/setting.ts';
import { identifySettings } from '../../platform/http/identify.ts';
import { rateRules } from '../../platform/rate-limit/rate-rules.ts';

/** What the comment function reads (contract §0.8). */
export const commentSettings = {
  ...identifySettings,
  mysqlUrl: platformSettings.mysqlUrl,
  redisUrl: platformSettings.redisUrl,
  redisCommandTimeoutMs: platformSettings.redisCommandTimeoutMs,
  kafkaBrokers: platformSettings.kafkaBrokers,
  blogReadUrl: url('PILOG_BLOG_READ_URL', {
    default: 'http://blog-read-articles.pilog.svc.cluster.local',
    description: "where the blog's public read route answers whether an article the comment read model does not know yet is published (the dev host: itself)",
  }),
  creationRate: rateRules('PILOG_COMMENT_RATE', '5/1m,30/1h', 'comment creation, counted per client address and per article'),
  passwordRate: rateRules('PILOG_COMMENT_PASSWORD_RATE', '10/10m', 'anonymous-comment password attempts per client address'),
};

/** What the read-model functions read: only the database. */
export const commentReadModelSettings = {
  profile: platformSettings.profile,
  dataDir: platformSettings.dataDir,
  mysqlUrl: platformSettings.mysqlUrl,
};
