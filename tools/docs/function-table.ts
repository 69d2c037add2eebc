import { manifests } from '../../functions/registry.ts';
import type { FunctionManifest } from '../../shared/platform/runtime/manifest.ts';
import { cell, withGeneratedParts } from './generated-parts.ts';

/** Everything a function answers: its routes, the event types it consumes, or its schedule. */
function serves(manifest: FunctionManifest): string {
  const { trigger } = manifest;
  switch (trigger.kind) {
    case 'http':
      return `HTTP: ${Object.values(trigger.routes)
        .map((route) => `\`${route.method} ${route.path}\``)
        .join(', ')}`;
    case 'events':
      return `events on \`${trigger.topic}\`: ${trigger.types.map((type) => `\`${type.slice(trigger.topic.length + 1)}\``).join(', ')}`;
    case 'cron':
      return `cron \`${trigger.schedule}\` (UTC)`;
  }
}

/** The README's table of functions, from the manifests the image and the manifests are built from. */
export function functionTable(): string {
  const rows = manifests.map((manifest) => `| \`${manifest.name}\` | ${serves(manifest)} | ${cell(manifest.description)} |`);
  return ['| function | serves | what |', '|---|---|---|', ...rows].join('\n');
}

export const withFunctionTable = (readme: string): string => withGeneratedParts('README.md', readme, new Map([['functions', functionTable()]]));
