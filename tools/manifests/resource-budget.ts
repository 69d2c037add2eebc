import type { FunctionManifest } from '../../shared/platform/runtime/manifest.ts';
import { queueProxy } from './cluster.ts';
import { mebibytes } from './knative-service.ts';
import { components, everyNode, nodeMemoryMiB, nodes, systemReserved, type Component, type NodeName } from './platform.ts';

/** A node may be planned to at most this share of its memory by limits, all functions at max scale included. */
export const maxPlannedShare = 0.8;

export interface FunctionBudget {
  readonly name: string;
  readonly trigger: string;
  readonly minScale: number;
  readonly maxScale: number;
  /** Pod = function container + queue-proxy. */
  readonly podRequestMiB: number;
  readonly podLimitMiB: number;
  readonly idleRequestMiB: number;
  readonly worstLimitMiB: number;
}

export function functionBudgets(manifests: readonly FunctionManifest[]): FunctionBudget[] {
  return manifests.map((manifest) => {
    const podRequestMiB = mebibytes(manifest.resources.memoryRequest) + queueProxy.memoryRequestMiB;
    const podLimitMiB = mebibytes(manifest.resources.memoryLimit) + queueProxy.memoryLimitMiB;
    return {
      name: manifest.name,
      trigger: manifest.trigger.kind,
      minScale: manifest.scaling.minScale,
      maxScale: manifest.scaling.maxScale,
      podRequestMiB,
      podLimitMiB,
      idleRequestMiB: podRequestMiB * manifest.scaling.minScale,
      worstLimitMiB: podLimitMiB * manifest.scaling.maxScale,
    };
  });
}

export interface NodeBudget {
  readonly node: NodeName;
  readonly rows: readonly Component[];
  /** Functions go wherever the scheduler puts them: each node plans for a quarter of all of them at max scale. */
  readonly functionShareMiB: number;
  readonly requestMiB: number;
  readonly limitMiB: number;
  readonly headroomMiB: number;
}

export function nodeBudgets(manifests: readonly FunctionManifest[]): NodeBudget[] {
  const worst = functionBudgets(manifests).reduce((sum, f) => sum + f.worstLimitMiB, 0);
  const functionShareMiB = Math.ceil(worst / nodes.length);
  return nodes.map((node) => {
    const rows = [
      systemReserved[node],
      ...Object.values(components).filter((component) => component.node === node),
      ...Object.values(everyNode).map((daemon) => ({ ...daemon, node })),
    ];
    const requestMiB = rows.reduce((sum, row) => sum + row.memoryRequestMiB, 0);
    const limitMiB = rows.reduce((sum, row) => sum + row.memoryLimitMiB, 0) + functionShareMiB;
    return { node, rows, functionShareMiB, requestMiB, limitMiB, headroomMiB: nodeMemoryMiB - limitMiB };
  });
}

const percent = (part: number, whole: number): string => `${Math.round((part / whole) * 100)}%`;

/** The budget section of docs/deploy.md (between its budget markers), generated so it cannot drift. */
export function budgetMarkdown(manifests: readonly FunctionManifest[]): string {
  const fns = functionBudgets(manifests);
  const perNode = nodeBudgets(manifests);
  const worst = fns.reduce((sum, f) => sum + f.worstLimitMiB, 0);
  const idle = fns.reduce((sum, f) => sum + f.idleRequestMiB, 0);
  const lines = [
    `Node memory: ${nodeMemoryMiB} MiB each, ${nodes.length} nodes. Memory in MiB; "limit" is what a node must be able to hold when`,
    'everything runs at its limit. A function pod is its container plus Knative\'s queue-proxy',
    `(${queueProxy.memoryRequestMiB} MiB request, ${queueProxy.memoryLimitMiB} MiB limit).`,
    '',
    '**pilog functions** (from the manifests):',
    '',
    '| function | trigger | min–max scale | pod request | pod limit | idle (min scale × request) | worst (max scale × limit) |',
    '|---|---|---|---:|---:|---:|---:|',
    ...fns.map((f) => `| ${f.name} | ${f.trigger} | ${f.minScale}–${f.maxScale} | ${f.podRequestMiB} | ${f.podLimitMiB} | ${f.idleRequestMiB} | ${f.worstLimitMiB} |`),
    `| **all functions** | | | | | **${idle}** | **${worst}** |`,
    '',
    `**Per node** (each node also plans for a quarter of all functions at max scale, ${perNode[0]?.functionShareMiB ?? 0} MiB; the scheduler spreads them):`,
    '',
    '| node | component | request | limit |',
    '|---|---|---:|---:|',
  ];
  for (const node of perNode) {
    for (const row of node.rows) lines.push(`| ${node.node} | ${row.name} | ${row.memoryRequestMiB} | ${row.memoryLimitMiB} |`);
    lines.push(`| ${node.node} | pilog functions (share at max scale) | — | ${node.functionShareMiB} |`);
    lines.push(
      `| **${node.node}** | **total, of ${nodeMemoryMiB}** | **${node.requestMiB}** | **${node.limitMiB} (${percent(node.limitMiB, nodeMemoryMiB)}; headroom ${node.headroomMiB})** |`,
    );
  }
  const clusterLimit = perNode.reduce((sum, node) => sum + node.limitMiB, 0);
  lines.push('', `Cluster: ${clusterLimit} of ${nodeMemoryMiB * nodes.length} MiB planned by limits (${percent(clusterLimit, nodeMemoryMiB * nodes.length)}); every node stays at or under ${percent(maxPlannedShare, 1)}.`);
  return `${lines.join('\n')}\n`;
}
