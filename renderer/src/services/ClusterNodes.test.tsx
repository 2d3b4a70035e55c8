// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ValkeyProbe } from '../../../shared/traffic';
import { agentMessage } from '../../../shared/testing/messages';
import { MessageRow } from '../traffic/MessageRow';
import { subscribedLine } from './TrafficCard';
import { ValkeyStats } from './ValkeyStats';

afterEach(cleanup);

const node = (over: Partial<NonNullable<ValkeyProbe['cluster']>['nodes'][number]>) => ({
  id: 'a',
  addr: '127.0.0.1:7000',
  role: 'master' as const,
  masterId: null,
  slots: [] as [number, number][],
  failing: false,
  usedMemoryBytes: 2_097_152,
  connectedClients: 4,
  ...over,
});

const probe: ValkeyProbe = {
  at: 0,
  url: 'redis://127.0.0.1:7000',
  pingMs: 0.4,
  version: '8.1.1',
  usedMemoryBytes: 1,
  connectedClients: 4,
  channels: [
    { name: 'agent_events:global', subscribers: 2 },
    { name: 'agent_events:shard-a', subscribers: 1, sharded: true },
  ],
  patterns: 1,
  clientAddrs: [],
  cluster: {
    state: 'ok',
    nodes: [
      node({ id: 'm1', slots: [[0, 8191]] }),
      node({ id: 'r1', addr: '127.0.0.1:7003', role: 'replica', masterId: 'm1', usedMemoryBytes: null, connectedClients: null }),
      node({ id: 'm2', addr: '127.0.0.1:7001', slots: [[8192, 16383]] }),
      node({ id: 'm3', addr: '127.0.0.1:7002', failing: true }),
    ],
  },
};

describe('a Valkey cluster in the dashboard', () => {
  it('lists every node with its role, slots, memory and clients, failing ones marked', () => {
    render(<ValkeyStats probe={probe} />);
    expect(screen.getByTestId('cluster-state').textContent).toBe('ok');
    const rows = screen.getAllByTestId('cluster-node').map((r) =>
      within(r)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    );
    expect(rows).toEqual([
      ['127.0.0.1:7000', 'master', '8,192 (0-8191)', '2.0 MiB', '4'],
      ['127.0.0.1:7003', 'replica of 127.0.0.1:7000', '—', '—', '—'],
      ['127.0.0.1:7001', 'master', '8,192 (8192-16383)', '2.0 MiB', '4'],
      ['127.0.0.1:7002', 'failing master', '0 (none)', '2.0 MiB', '4'],
    ]);
    expect(screen.getByText('agent_events:shard-a').closest('li')!.textContent).toContain('sharded');
  });

  it('says how the monitor follows a cluster or a Sentinel master', () => {
    const base = { status: 'subscribed' as const, url: 'redis://x', patterns: ['agent_events:*'] };
    expect(subscribedLine(base)).toBe('agent_events:*');
    expect(subscribedLine({ ...base, mode: 'cluster', shardChannels: ['a', 'b'] })).toBe('agent_events:* on a cluster, 2 sharded channels');
    expect(subscribedLine({ ...base, mode: 'sentinel', node: '10.0.0.2:6379' })).toBe('agent_events:* via Sentinel, master 10.0.0.2:6379');
  });

  it('tags a message that came on a sharded channel', () => {
    render(
      <MessageRow
        item={agentMessage({ seq: 1, channels: ['agent_events:shard-a'], topics: ['shard-a'] })}
        selected={false}
        onSelect={() => {}}
        sharded
      />,
    );
    expect(screen.getByTestId('message-sharded').textContent).toBe('sharded');
  });
});
