import { describe, expect, it } from 'vitest';
import { agentMessage } from '../../../shared/testing/messages';
import { decodedFacts } from './message-facts';

describe('decodedFacts', () => {
  it('lists the decoded fields of a direct message, known ones only', () => {
    const facts = decodedFacts(
      agentMessage({
        eventType: 'agent_post',
        postType: 'command',
        agentId: 'user-alice',
        agentName: 'Alice',
        actorType: 'human',
        target: { kind: 'recipient', id: 'agent-sales', name: 'Sales Assistant' },
        visibility: 'direct',
        createdAtMs: Date.UTC(2026, 2, 4, 5, 6, 7),
        channels: ['agent_events:agent:agent-sales'],
        size: 42,
      }),
    );
    expect(facts).toEqual([
      ['From', 'Alice (user-alice) · human'],
      ['Event', 'agent_post / command'],
      ['To', 'Sales Assistant (agent-sales)'],
      ['Visibility', 'direct'],
      ['Created', '2026-03-04 05:06:07.000 UTC'],
      ['Channels', 'agent_events:agent:agent-sales'],
      ['Size', '42 B'],
    ]);
  });

  it('names the post a reaction is on', () => {
    const facts = decodedFacts(
      agentMessage({ eventType: 'reaction_added', agentId: 'u1', target: { kind: 'post', id: 'p1', name: 'Ops Watcher' } }),
    );
    expect(facts).toContainEqual(['On post', 'Ops Watcher (p1)']);
  });
});
