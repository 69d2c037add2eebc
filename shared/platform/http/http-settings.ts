import { integer, list } from '../config/setting.ts';

const productionOrigins = ['https://www.jiniaslog.co.kr', 'https://jiniaslog.co.kr', 'http://localhost:3000'];
const developmentOrigins = ['http://localhost:3000', 'http://127.0.0.1:3000'];

/** The embedded profile is a developer's machine: its default allow-list is the frontend's dev server only. */
export const httpSettingsFor = (profile: 'embedded' | 'services') => ({
  corsOrigins: list('PILOG_CORS_ORIGINS', {
    default: profile === 'embedded' ? developmentOrigins : productionOrigins,
    description: 'exact origins allowed to call the API with credentials',
  }),
  trustedProxyHops: integer('PILOG_TRUSTED_PROXY_HOPS', 0, 5, {
    default: 0,
    description: 'proxies in front that append to X-Forwarded-For (Traefik + Kourier: 2); 0 = use the socket peer',
  }),
});
