import { describe, expect, it } from 'vitest';
import { processIdGenerator } from './process-id-generator.ts';

describe('processIdGenerator', () => {
  it('gives every caller in the process the same generator per worker id, so ids never repeat across functions', () => {
    expect(processIdGenerator(3)).toBe(processIdGenerator(3));
    expect(processIdGenerator(3)).not.toBe(processIdGenerator(4));
    const a = processIdGenerator(5);
    const b = processIdGenerator(5);
    const ids = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? a : b).next());
    expect(new Set(ids).size).toBe(200);
  });
});
