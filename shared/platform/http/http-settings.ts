import { list } from '../config/setting.ts';

export const httpSettings = {
  corsOrigins: list('PILOG_CORS_ORIGINS', {
    default: ['https://www.jiniaslog.co.kr', 'https://jiniaslog.co.kr', 'http://localhost:3000', 'http://127.0.0.1:3000'],
    description: 'exact origins allowed to call the API with credentials',
  }),
};
