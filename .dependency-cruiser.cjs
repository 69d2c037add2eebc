/**
 * The layering rules of pilog (README.md, "Layout": the rules under the tree). `npm test` fails when one is broken.
 */
const contexts = '(auth|blog|memo|comment|media|search|seo|realtime)';
const ioLibraries = '^(node:)?(fs|net|http|https|child_process|dgram|tls)$|node_modules/(mysql2|kysely|ioredis|@platformatic/kafka|@opensearch-project|@octokit|octokit|openid-client|oidc-provider|express|@google-cloud)';

module.exports = {
  forbidden: [
    {
      name: 'kernel-is-pure',
      comment: 'The kernel holds values and rules only: no I/O, no platform, no context.',
      severity: 'error',
      from: { path: '^shared/kernel/' },
      to: { pathNot: ['^shared/kernel/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domain-and-application-have-no-io',
      comment: 'Use cases and aggregates talk to the world only through ports.',
      severity: 'error',
      from: { path: `^shared/${contexts}/(domain|application)/` },
      to: { path: ioLibraries },
    },
    {
      name: 'domain-and-application-do-not-reach-adapters',
      severity: 'error',
      from: { path: `^shared/${contexts}/(domain|application)/` },
      to: { path: ['/adapters/', '^shared/platform/'] , pathNot: ['^shared/platform/.*\\.port\\.ts$'] },
    },
    {
      name: 'contexts-stay-apart',
      comment: 'A context crosses to another only through the event catalogue or a port it owns.',
      severity: 'error',
      from: { path: `^shared/${contexts}/` },
      to: { path: `^shared/${contexts}/`, pathNot: ['^shared/$1/'] },
    },
    {
      name: 'platform-knows-no-context',
      comment: 'The platform serves every context and knows none: a context declares its tables and migrations beside its adapters.',
      severity: 'error',
      from: { path: '^shared/platform/', pathNot: ['\\.test\\.ts$'] },
      to: { path: `^shared/${contexts}/` },
    },
    {
      name: 'shared-does-not-import-functions',
      severity: 'error',
      from: { path: '^shared/', pathNot: ['\\.test\\.ts$'] },
      to: { path: '^functions/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    exclude: { path: ['^node_modules', '^\\.cache', '^data/'] },
  },
};
