import { describe, expect, it } from 'vitest';
import type { DependsOn } from './model';
import { startOrder } from './order';

const d: DependsOn = { condition: 'service_started', required: true, restart: false };
const deps = (m: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Object.fromEntries(v.map((x) => [x, d]))]));

describe('startOrder', () => {
  it.each([
    [{ 'atom-backend': ['valkey'], valkey: [] }, ['valkey', 'atom-backend']],
    [{ a: ['b', 'c'], b: ['c'], c: [] }, ['c', 'b', 'a']],
    [{ z: [], y: [], x: [] }, ['x', 'y', 'z']],
  ])('%j', (m, want) => {
    const r = startOrder(deps(m));
    expect(r.problems).toEqual([]);
    expect(r.order).toEqual(want);
  });

  it('reports a cycle by name', () => {
    expect(startOrder(deps({ a: ['b'], b: ['a'] })).problems).toEqual([{ service: 'a', message: 'cycle a -> b -> a' }]);
  });

  it('reports an unknown service', () => {
    expect(startOrder(deps({ a: ['ghost'] })).problems).toEqual([
      { service: 'a', dependency: 'ghost', message: 'depends on undefined service "ghost"' },
    ]);
  });
});
