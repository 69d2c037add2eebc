import { ConfigError } from '../../platform/config/load-config.ts';
import { platformSettings } from '../../platform/config/platform-settings.ts';
import { text } from '../../platform/config/setting.ts';

/** The keys every user of the search index reads: the profile's store, and in services OpenSearch and the alias. */
export const searchSettings = {
  profile: platformSettings.profile,
  dataDir: platformSettings.dataDir,
  openSearchUrl: platformSettings.openSearchUrl,
  searchIndex: text('PILOG_SEARCH_INDEX', {
    default: 'pilog-articles',
    description: 'services profile: the OpenSearch alias searched and written; rebuilds put versioned indices behind it',
  }),
};

const INDEX_NAME = /^[a-z0-9][a-z0-9_-]{0,100}$/;

export function checkIndexName(name: string): string {
  if (!INDEX_NAME.test(name)) throw new ConfigError('Invalid configuration: PILOG_SEARCH_INDEX must be lower-case letters, digits, - or _ (an OpenSearch alias name)');
  return name;
}
