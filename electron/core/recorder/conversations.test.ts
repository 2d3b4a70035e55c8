import { describe, expect, it } from 'vitest';
import { atomWire } from '../../../shared/testing/python-json';
import type { AgentMessage } from '../../../shared/traffic';
import { decodePayload } from '../traffic/decode';
import { TrafficDirectory } from '../traffic/directory';
import { conversationsOf } from './conversations';

const T0 = Date.UTC(2026, 11, 1, 14);
const dir = new TrafficDirectory();
let seq = 0;
function msg(topics: string[], event: Record<string, unknown>, at: number): AgentMessage {
  const w = atomWire(topics, event);
  const m = decodePayload(Buffer.from(w.payload), w.channels[0]!, dir);
  m.seq = ++seq;
  m.receivedAt = at;
  m.channels = w.channels;
  dir.learn(m);
  return m;
}
const post = (id: string, sender: [string, string, string], data: Record<string, unknown>, at: number) =>
  msg(
    ['global'],
    {
      type: 'agent_post',
      data: {
        id,
        sender_id: sender[0],
        sender_name: sender[1],
        sender_type: sender[2],
        is_public: true,
        post_type: 'status',
        content: `text of ${id}`,
        ...data,
      },
    },
    at,
  );

const ops: [string, string, string] = ['agent-ops', 'Ops Watcher', 'agent'];
const research: [string, string, string] = ['agent-research', 'Research Analyst', 'agent'];
const alice: [string, string, string] = ['user-alice', 'Alice', 'human'];

describe('conversationsOf', () => {
  const messages = [
    post('p1', ops, { channel_name: 'ops-war-room', post_type: 'alert', mentioned_agent_ids: ['agent-research'] }, T0),
    post('p2', research, { channel_name: 'ops-war-room', post_type: 'response' }, T0 + 60_000),
    post('p3', ops, { is_public: false, recipient_id: 'agent-research', recipient_name: 'Research Analyst' }, T0 + 120_000),
    post('p4', research, { is_public: false, recipient_id: 'agent-ops', recipient_name: 'Ops Watcher' }, T0 + 180_000),
    msg(
      ['post:p1', 'global'],
      {
        type: 'reaction_added',
        post_id: 'p1',
        sender_id: 'user-alice',
        sender_name: 'Alice',
        sender_type: 'human',
        emoji: '👍',
        reactions: { '👍': 1 },
      },
      T0 + 200_000,
    ),
    post('p5', alice, { channel_name: 'ops-war-room', post_type: 'question' }, T0 + 240_000),
  ];
  const c = conversationsOf(messages, T0, T0 + 600_000, false);

  it('groups a channel with its replies and reactions, and a direct pair, newest thread first', () => {
    expect(c.threads.map((t) => [t.title, t.messages, t.replies, t.reactions])).toEqual([
      ['#ops-war-room', 3, 1, 1],
      ['Ops Watcher ↔ Research Analyst', 2, 0, 0],
    ]);
    expect(c.threads[0]!.participants).toEqual(['agent-ops', 'agent-research', 'user-alice']);
    expect(c.threads[1]!.ids).toEqual([messages[3]!.seq, messages[2]!.seq]);
  });

  it('counts who talks to whom: direct messages, mentions, reactions', () => {
    expect(c.edges).toEqual(
      expect.arrayContaining([
        { from: 'agent-ops', to: 'agent-research', kind: 'direct', count: 1 },
        { from: 'agent-research', to: 'agent-ops', kind: 'direct', count: 1 },
        { from: 'agent-ops', to: 'agent-research', kind: 'mention', count: 1 },
        { from: 'user-alice', to: 'agent-ops', kind: 'reaction', count: 1 },
      ]),
    );
    expect(c.participants.map((p) => [p.id, p.actorType, p.posts])).toEqual([
      ['agent-ops', 'agent', 2],
      ['agent-research', 'agent', 2],
      ['user-alice', 'human', 1],
    ]);
  });

  it("counts each agent's posts by type and over time (people are not agents here)", () => {
    expect(c.activity.map((a) => [a.id, a.byType])).toEqual([
      ['agent-ops', { alert: 1, status: 1 }],
      ['agent-research', { response: 1, status: 1 }],
    ]);
    const ops = c.activity[0]!;
    expect(ops.perMinute).toBeCloseTo(2 / 10);
    expect(ops.series.reduce((a, b) => a + b, 0)).toBe(2);
    expect(ops.last.map((p) => p.id)).toEqual([messages[2]!.seq, messages[0]!.seq]);
  });
});
