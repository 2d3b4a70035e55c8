import { describe, expect, it } from 'vitest';
import { globToRegExp } from './glob';
import { copyChannels, MergedStream, type CompleteMessage } from './merged-stream';
import type { AgentMessage } from '../../../shared/traffic';
import { agentMessage } from '../../../shared/testing/messages';
import { atomEnvelope, channelsOf } from './publish';

describe('globToRegExp', () => {
  it('matches like PSUBSCRIBE', () => {
    expect(globToRegExp('agent_events:*').test('agent_events:agent:a1')).toBe(true);
    expect(globToRegExp('agent_events:*').test('other:global')).toBe(false);
    expect(globToRegExp('h?llo').test('hello')).toBe(true);
    expect(globToRegExp('h[ae]llo').test('hallo')).toBe(true);
    expect(globToRegExp('h[^e]llo').test('hello')).toBe(false);
    expect(globToRegExp('a\\*b').test('a*b')).toBe(true);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
  });
});

describe('atomEnvelope', () => {
  it('fills id and created_at only when missing', () => {
    const e = atomEnvelope({ topics: ['global'], type: 'agent_post', data: { content: 'x' } }, new Date('2026-01-02T03:04:05Z'));
    expect(e.event.data.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(e.event.data.created_at).toBe('2026-01-02T03:04:05.000Z');
    expect(atomEnvelope({ topics: ['global'], type: 't', data: { id: 'mine', created_at: 'then' } }).event.data).toEqual({
      id: 'mine',
      created_at: 'then',
    });
    expect(channelsOf(['global', 'agent:a', 'global'])).toEqual(['agent_events:global', 'agent_events:agent:a']);
  });
});

describe('MergedStream', () => {
  it('hands on a post once all its subscribed copies arrived, or when its window closes', () => {
    const out: CompleteMessage[] = [];
    const s = new MergedStream(['agent_events:*'], (c) => out.push(c), 2000);
    const p = Buffer.from(
      JSON.stringify(atomEnvelope({ topics: ['global', 'agent:a1', 'alerts'], type: 'agent_post', data: { content: 'hi' } })),
    );
    s.ingest('agent_events:global', p, 0);
    s.ingest('agent_events:agent:a1', p, 1);
    expect(out).toHaveLength(0);
    s.ingest('agent_events:alerts', p, 2);
    expect(out).toHaveLength(1);
    expect(out[0]?.message.channels).toEqual(['agent_events:global', 'agent_events:agent:a1', 'agent_events:alerts']);

    // Only global is subscribed: complete at once.
    const only = new MergedStream(['agent_events:global'], (c) => out.push(c));
    only.ingest('agent_events:global', p, 0);
    expect(out).toHaveLength(2);

    // A missing copy: printed when the window closes.
    const q = Buffer.from(JSON.stringify(atomEnvelope({ topics: ['global', 'agent:b'], type: 'agent_post', data: {} })));
    s.ingest('agent_events:global', q, 10);
    s.tick(1000);
    expect(out).toHaveLength(2);
    s.tick(2010);
    expect(out).toHaveLength(3);
    s.ingest('agent_events:global', Buffer.from('plain'), 3000);
    expect(out).toHaveLength(4);
  });
});

describe('copyChannels', () => {
  it('knows where Atom sends copies: each topic, or an activity event on its agent channel and :all', () => {
    const m = (f: Partial<AgentMessage>) => agentMessage(f);
    expect(copyChannels(m({ topics: ['global', 'agent:a'] }), 'agent_events:global')).toEqual([
      'agent_events:global',
      'agent_events:agent:a',
    ]);
    expect(copyChannels(m({}), 'activity:t1:agent-ops')).toEqual(['activity:t1:agent-ops', 'activity:t1:all']);
    expect(copyChannels(m({ agentId: 'agent-ops' }), 'activity:t1:all')).toEqual(['activity:t1:agent-ops', 'activity:t1:all']);
    expect(copyChannels(m({}), 'debug:events')).toEqual(['debug:events']);
  });
});
