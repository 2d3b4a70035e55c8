import { describe, expect, it } from 'vitest';
import { slotCount } from '../../../shared/traffic';
import { parseClusterNodes } from './cluster-probe';

// CLUSTER NODES as a cluster answers after a master failed and its replica took over.
const REPLY = [
  '54171a65 127.0.0.1:27102@37102 myself,master - 0 0 2 connected 5461-10922',
  '8d228358 127.0.0.1:27101@37101 master,fail - 1796171388133 1796171387627 1 disconnected',
  'd0d383fd 127.0.0.1:27104@37104 slave 54171a65 0 1796171606068 2 connected',
  '91072c55 127.0.0.1:27106@37106 master - 0 1796171606000 7 connected 0-5460',
  '53894754 127.0.0.1:27103@37103 master - 0 1796171606069 3 connected 10923-16382 16383 [16000->-abc]',
  '',
].join('\n');

describe('parseClusterNodes', () => {
  it('lists masters by their first slot, each followed by its replicas, with failing nodes marked', () => {
    const nodes = parseClusterNodes(REPLY);
    expect(nodes.map((n) => [n.addr, n.role, n.failing])).toEqual([
      ['127.0.0.1:27106', 'master', false],
      ['127.0.0.1:27102', 'master', false],
      ['127.0.0.1:27104', 'replica', false],
      ['127.0.0.1:27103', 'master', false],
      ['127.0.0.1:27101', 'master', true],
    ]);
    expect(nodes[2]!.masterId).toBe('54171a65');
    expect(nodes[3]!.slots).toEqual([
      [10923, 16382],
      [16383, 16383],
    ]);
    expect(nodes.filter((n) => !n.failing).reduce((s, n) => s + slotCount(n), 0)).toBe(16_384);
  });
});
