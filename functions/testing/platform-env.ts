import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { articleCreated } from '../../shared/events/blog-article.events.ts';
import { openEmptyTestDatabase, openTestDatabase, type TestDatabase } from '../../shared/platform/database/testing/test-databases.ts';
import { createTopic, testKafkaBrokers } from '../../shared/platform/messaging/testing/test-kafka.ts';
import { CALLBACK_URL } from './api-caller.ts';

export type Profile = 'embedded' | 'services';

export const ADMIN_EMAIL = 'admin@example.com';
/** The services profile's signing secret in tests; the embedded profile keeps its key in the data dir, as `npm start` does. */
export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256!';

/** The shared services of the test run (tools/services), as the services profile reads them. */
export const servicesEnv = (): Record<string, string> => ({
  PILOG_REDIS_URL: process.env.PILOG_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  PILOG_KAFKA_BROKERS: process.env.PILOG_TEST_KAFKA_BROKERS ?? '127.0.0.1:9092',
  PILOG_OPENSEARCH_URL: process.env.PILOG_TEST_OPENSEARCH_URL ?? 'http://127.0.0.1:9200',
  PILOG_JWT_SECRET: TEST_JWT_SECRET,
  PILOG_MEDIA_STORE: 'local',
});

/**
 * What pilog runs with in tests besides its database: the profile on a data dir, sign-in through the development
 * identity provider with ADMIN_EMAIL as the admin, rate limits no test reaches unless it sets its own, the services.
 */
export function profileEnv(profile: Profile, dataDir: string): Record<string, string> {
  return {
    PILOG_PROFILE: profile,
    PILOG_DATA_DIR: dataDir,
    PILOG_DEV_IDP: 'true',
    PILOG_ADMIN_EMAILS: ADMIN_EMAIL,
    PILOG_OIDC_REDIRECT_URL: CALLBACK_URL,
    PILOG_AUTH_SIGNIN_RATE: '10000/1m',
    PILOG_AUTH_REFRESH_RATE: '10000/1m',
    PILOG_COMMENT_RATE: '1000/1m',
    ...(profile === 'services' ? servicesEnv() : {}),
  };
}

export interface ProfileData {
  readonly dataDir: string;
  /** The migrated database a test opened for functions it starts itself; pilog's own start migrates otherwise. */
  readonly database: TestDatabase | undefined;
  /** profileEnv on the data dir, with the empty database's variables in the services profile. */
  readonly env: Readonly<Record<string, string>>;
  /** Drops the database it opened and removes the data dir. */
  remove(): Promise<void>;
}

/**
 * Where pilog keeps its data for one test: a fresh data dir and the blog's first topic; a database of its own, migrated
 * when `migrated` (for functions started without the dev host), else empty in the services profile and left to pilog;
 * or the `database` a test filled first, which stays the test's to close.
 */
export async function prepareProfileData(profile: Profile, options: { migrated: boolean; database?: TestDatabase | undefined }): Promise<ProfileData> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pilog-test-'));
  const dialect = profile === 'embedded' ? 'sqlite' : 'mysql';
  const opened = options.database ? undefined : options.migrated ? await openTestDatabase(dialect) : profile === 'services' ? await openEmptyTestDatabase(dialect) : undefined;
  const database = options.database ?? opened;
  if (profile === 'services') await createTopic(testKafkaBrokers(), articleCreated.topic);
  return {
    dataDir,
    database,
    env: { ...profileEnv(profile, dataDir), ...database?.env },
    async remove() {
      await opened?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
