import { integer, oneOf, text } from './setting.ts';
import { REDIS_COMMAND_TIMEOUT_MS } from '../redis/redis-client.ts';
import { ConfigError } from './load-config.ts';

/** Where the dev host (`npm start`) serves pilog unless PORT or PILOG_PUBLIC_API_URL say otherwise. */
export const DEV_PUBLIC_API_URL = 'http://127.0.0.1:8080';

/** Settings every function reads: which profile wires the adapters, and where the services are. */
export const platformSettings = {
  profile: oneOf('PILOG_PROFILE', ['embedded', 'services'], {
    default: 'embedded',
    description: 'embedded: SQLite, in-process bus and cache; services: MySQL, Redis, Kafka, OpenSearch',
  }),
  dataDir: text('PILOG_DATA_DIR', { default: './data', description: 'embedded profile: SQLite file and media directory' }),
  mysqlUrl: text('PILOG_MYSQL_URL', { default: '', secret: true, description: 'services profile: mysql://user:pass@host:3306/db' }),
  redisUrl: text('PILOG_REDIS_URL', { default: '', secret: true, description: 'services profile: redis://host:6379' }),
  redisCommandTimeoutMs: integer('PILOG_REDIS_COMMAND_TIMEOUT_MS', 10, 60_000, {
    default: REDIS_COMMAND_TIMEOUT_MS,
    description: 'services profile: ms a Redis command may wait for its answer; past it a cache read goes to the database, and a rate limit or session check answers 503',
  }),
  kafkaBrokers: text('PILOG_KAFKA_BROKERS', { default: '', description: 'services profile: host:port[,host:port]' }),
  openSearchUrl: text('PILOG_OPENSEARCH_URL', { default: '', secret: true, description: 'services profile: http://host:9200' }),
  logLevel: oneOf('PILOG_LOG_LEVEL', ['debug', 'info', 'warn', 'error'], { default: 'info' }),
};

/** A setting that is optional in one profile and needed in the other: fail at start, naming the key. */
export function requireSetting(value: string, key: string, why: string): string {
  if (value === '') throw new ConfigError(`Invalid configuration: ${key} is required ${why}`);
  return value;
}
