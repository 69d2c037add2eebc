import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMap, isSeq, parseDocument } from 'yaml';
import { cluster } from '../manifests/cluster.ts';

/** Docker's tag grammar. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * Sets the image tag in a kustomization's `images:` entry for pilog's image: the one-line commit CI makes after
 * pushing a new image, which Argo CD then rolls out. Comments and layout of the file are kept.
 * Returns the previous tag.
 */
export function bumpImageTag(kustomizationFile: string, tag: string, image: string = cluster.image): string | undefined {
  if (!TAG.test(tag)) throw new Error(`"${tag}" is not a valid image tag`);
  const document = parseDocument(readFileSync(kustomizationFile, 'utf8'));
  const images = document.get('images');
  if (!isSeq(images)) throw new Error(`${kustomizationFile} has no images: list`);
  const entry = images.items.find((item) => isMap(item) && item.get('name') === image);
  if (!isMap(entry)) throw new Error(`${kustomizationFile} has no images entry named ${image}`);
  const previous = entry.get('newTag');
  entry.set('newTag', tag);
  writeFileSync(kustomizationFile, document.toString({ lineWidth: 0 }));
  return previous === undefined ? undefined : String(previous);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [tag, file = fileURLToPath(new URL('../../gitops/overlays/pi/kustomization.yaml', import.meta.url))] = process.argv.slice(2);
  if (tag === undefined) {
    process.stderr.write('usage: node tools/image/bump-tag.ts <tag> [kustomization.yaml]\n');
    process.exit(64);
  }
  const previous = bumpImageTag(file, tag);
  process.stderr.write(`${cluster.image}: ${previous ?? '(none)'} → ${tag} in ${file}\n`);
}
