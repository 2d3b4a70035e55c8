import { describe, expect, it } from 'vitest';
import { HISTORY_SECONDS, RateTracker } from './rates';

describe('RateTracker', () => {
  it('gives 1 s and 10 s rates per channel, agent, type and in total', () => {
    const t0 = 1_000_000;
    const r = new RateTracker(t0);
    for (let s = 0; s < 10; s++) {
      for (let k = 0; k < 5; k++) {
        const now = t0 + s * 1000 + k * 10;
        r.delivery('agent_events:global', now);
        r.delivery('agent_events:agent:a1', now);
        r.message('a1', 'agent_post', now);
      }
    }
    r.message('b2', 'other', t0 + 9500);
    const snap = r.snapshot(t0 + 10_000);
    expect(snap.total).toEqual({ r1: 6, r10: 5.1 });
    expect(snap.byChannel['agent_events:global']).toEqual({ r1: 5, r10: 5 });
    expect(snap.byAgent.a1).toEqual({ r1: 5, r10: 5 });
    expect(snap.byType.other).toEqual({ r1: 1, r10: 0.1 });
    expect(snap.history).toHaveLength(HISTORY_SECONDS);
    expect(snap.history.slice(-10)).toEqual([5, 5, 5, 5, 5, 5, 5, 5, 5, 6]);
  });

  it('forgets idle keys and old seconds', () => {
    const r = new RateTracker(0);
    r.delivery('c', 0);
    r.message('a', 't', 0);
    const later = r.snapshot(60_000);
    expect(later.byChannel).toEqual({});
    expect(later.total).toEqual({ r1: 0, r10: 0 });
    expect(later.history.at(-60)).toBe(1);
    expect(r.snapshot(400_000).history.every((n) => n === 0)).toBe(true);
  });
});
