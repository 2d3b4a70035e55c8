import { describe, expect, it } from 'vitest';
import { monitorBadge, topAgents } from './TrafficCard';

describe('traffic card helpers', () => {
  it('labels every monitor state in words', () => {
    expect(monitorBadge({ status: 'subscribed', url: 'redis://x', patterns: ['a:*'] })).toEqual({ label: 'Subscribed', tone: 'ok' });
    expect(monitorBadge({ status: 'reconnecting', url: 'x', since: 0, attempt: 2, reason: 'ECONNREFUSED' }).label).toBe(
      'Valkey unreachable',
    );
    expect(monitorBadge({ status: 'no-pubsub', reason: 'no valkey service' }).tone).toBe('warn');
    expect(monitorBadge({ status: 'idle' }).label).toBe('Idle');
  });

  it('a stack stopped on purpose reads "Stack stopped", not an amber "Valkey unreachable"', () => {
    const reconnecting = { status: 'reconnecting' as const, url: 'x', since: 0, attempt: 2, reason: 'ECONNREFUSED' };
    expect(monitorBadge(reconnecting, 'stopped')).toEqual({ label: 'Stack stopped', tone: 'neutral' });
    // While the stack is meant to run, an unreachable Valkey is a warning.
    expect(monitorBadge(reconnecting, 'running')).toEqual({ label: 'Valkey unreachable', tone: 'warn' });
    expect(monitorBadge(reconnecting, 'partial').tone).toBe('warn');
  });

  it('lists the busiest agents first, skipping silent ones', () => {
    const pair = (r10: number) => ({ r1: r10, r10 });
    const rates = { total: pair(3), byChannel: {}, byType: {}, history: [], byAgent: { a: pair(0.5), b: pair(2), c: pair(0) } };
    expect(topAgents(rates)).toEqual([
      ['b', 2],
      ['a', 0.5],
    ]);
    expect(topAgents(null)).toEqual([]);
  });
});
