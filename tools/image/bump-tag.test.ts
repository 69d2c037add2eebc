import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { cluster } from '../manifests/cluster.ts';
import { repoRoot } from '../manifests/expected-files.ts';
import { ensureKubectl, kustomize } from '../manifests/testing/kubectl.ts';
import { bumpImageTag } from './bump-tag.ts';

// A copy of the repository's deployment tree, so the bump is rendered exactly as Argo CD would render it.
const work = mkdtempSync(join(tmpdir(), 'pilog-bump-'));
for (const dir of ['knative', 'eventing', 'gitops']) cpSync(join(repoRoot, dir), join(work, dir), { recursive: true });
const overlay = join(work, 'gitops/overlays/pi');
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the CI image tag bump', () => {
  it('rolls every function of the pi overlay to the new tag and keeps the file otherwise as it was', () => {
    const before = readFileSync(join(overlay, 'kustomization.yaml'), 'utf8');
    const previous = bumpImageTag(join(overlay, 'kustomization.yaml'), 'sha-0123abc');
    const after = readFileSync(join(overlay, 'kustomization.yaml'), 'utf8');
    expect(after).toBe(before.replace(`newTag: ${previous}`, 'newTag: sha-0123abc'));
    ensureKubectl();
    const services = parseAllDocuments(kustomize(overlay))
      .map((d) => d.toJS())
      .filter((o) => o?.kind === 'Service' && o.apiVersion === 'serving.knative.dev/v1');
    expect(services.length).toBeGreaterThan(0);
    for (const service of services) expect(service.spec.template.spec.containers[0].image).toBe(`${cluster.image}:sha-0123abc`);
  });

  it('refuses a malformed tag and leaves the file alone', () => {
    const before = readFileSync(join(overlay, 'kustomization.yaml'), 'utf8');
    expect(() => bumpImageTag(join(overlay, 'kustomization.yaml'), 'bad tag')).toThrow(/not a valid image tag/);
    expect(readFileSync(join(overlay, 'kustomization.yaml'), 'utf8')).toBe(before);
  });
});
