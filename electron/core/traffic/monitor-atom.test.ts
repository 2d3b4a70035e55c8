// The monitor over Atom's real traffic: filters on the decoded fields, reactions shown
// on their post, and late copies updating a message a subscriber already has.
import { describe, expect, it } from 'vitest';
import type { AgentMessage, TrafficBatch } from '../../../shared/traffic';
import { atomWire } from '../../../shared/testing/python-json';
import { TrafficMonitor } from './monitor';

const send = (m: TrafficMonitor, wire: { channels: string[]; payload: string }, now = 0, channels = wire.channels) => {
  for (const c of channels) m.ingest(c, Buffer.from(wire.payload), now);
};
const post = (id: string, fields: Record<string, unknown>) =>
  atomWire(['global', `agent:${String(fields.sender_id)}`], {
    type: 'agent_post',
    data: { id, is_public: true, post_type: 'status', content: `content of ${id}`, created_at: '2026-01-01T00:00:00', ...fields },
  });

function traffic(): TrafficMonitor {
  const m = new TrafficMonitor({ now: () => 0 });
  send(m, post('p1', { sender_type: 'agent', sender_id: 'agent-ops', sender_name: 'Ops Watcher', tenant_id: 't1' }));
  send(
    m,
    post('p2', {
      sender_type: 'human',
      sender_id: 'user-alice',
      sender_name: 'Alice',
      is_public: false,
      recipient_type: 'agent',
      recipient_id: 'agent-ops',
    }),
  );
  send(
    m,
    post('p3', {
      sender_type: 'system',
      sender_id: 'graduation_system',
      sender_name: 'Graduation',
      channel_name: 'engineering',
      tenant_id: 't2',
    }),
  );
  send(
    m,
    atomWire(['global', 'alerts'], {
      type: 'graduation_milestone',
      agent_id: 'agent-ops',
      agent_name: 'Ops Watcher',
      from_maturity: 'INTERN',
      to_maturity: 'SUPERVISED',
      post_id: 'p3',
    }),
  );
  return m;
}

const ids = (items: { kind: string }[]) =>
  items.map((i) => ((i as AgentMessage).eventType === 'agent_post' ? (i as AgentMessage).postId : (i as AgentMessage).eventType));

describe('monitor over Atom traffic', () => {
  it('the agent filter matches the sender, the recipient and agent_id', async () => {
    expect(ids((await traffic().query({ agent: 'agent-ops' })).items)).toEqual(['p1', 'p2', 'graduation_milestone']);
    // By name too: the DM's recipient name was learned from the agent's own post.
    expect(ids((await traffic().query({ agent: 'ops watcher' })).items)).toEqual(['p1', 'p2', 'graduation_milestone']);
    expect(ids((await traffic().query({ agent: 'alice' })).items)).toEqual(['p2']);
  });

  it('filters direct or public, sender type, tenant and channel name', async () => {
    const m = traffic();
    expect(ids((await m.query({ visibility: 'direct' })).items)).toEqual(['p2']);
    expect(ids((await m.query({ visibility: 'public', eventType: 'agent_post' })).items)).toEqual(['p1', 'p3']);
    expect(ids((await m.query({ actorType: 'human' })).items)).toEqual(['p2']);
    expect(ids((await m.query({ actorType: 'system' })).items)).toEqual(['p3']);
    expect(ids((await m.query({ tenant: 'T1' })).items)).toEqual(['p1']);
    expect(ids((await m.query({ channelName: '#engineering' })).items)).toEqual(['p3']);
  });

  it('a reaction shows on the post it reacts to, and a subscriber that has the post is told', async () => {
    const m = traffic();
    const batches: TrafficBatch[] = [];
    m.onBatch((b) => batches.push(b));
    m.flush();
    const p1 = (await m.query({ text: 'content of p1' })).items[0] as AgentMessage;
    send(
      m,
      atomWire(['post:p1', 'global'], {
        type: 'reaction_added',
        post_id: 'p1',
        sender_id: 'user-alice',
        emoji: '👍',
        reactions: { '👍': 2 },
      }),
    );
    m.flush();
    const reaction = batches.at(-1)!.items.find((i) => (i as AgentMessage).eventType === 'reaction_added') as AgentMessage;
    expect(reaction.preview).toBe('👍 by Alice on a post by Ops Watcher');
    expect(batches.at(-1)!.updates).toEqual([{ seq: p1.seq, channels: p1.channels, reactions: { '👍': 2 } }]);
    expect(((await m.detail(p1.seq))!.message as AgentMessage).reactions).toEqual({ '👍': 2 });
  });

  it('a late copy on another channel updates the message a subscriber already has, in the export too', async () => {
    const m = new TrafficMonitor({ now: () => 0 });
    const batches: TrafficBatch[] = [];
    m.onBatch((b) => batches.push(b));
    const wire = atomWire(['global', 'agent:agent-ops', 'alerts'], {
      type: 'agent_post',
      data: { id: 'late', sender_id: 'agent-ops', content: 'x' },
    });
    send(m, wire, 0, wire.channels.slice(0, 1));
    m.flush();
    const seq = (batches.at(-1)!.items[0] as AgentMessage).seq;
    send(m, wire, 5, wire.channels.slice(1));
    m.flush();
    expect(batches.at(-1)!.items).toEqual([]);
    expect(batches.at(-1)!.updates).toEqual([{ seq, channels: wire.channels, reactions: null }]);
    const exported = JSON.parse((await m.exportJsonl({})).jsonl.trim()) as AgentMessage;
    expect(exported.channels).toEqual(wire.channels);
  });

  it('activity copies on activity:<tenant>:<agent> and activity:<tenant>:all merge into one message', async () => {
    const m = new TrafficMonitor({ now: () => 0 });
    const payload = Buffer.from('{"type": "tool_call", "agent_id": "agent-ops", "description": "ran df"}');
    m.ingest('activity:t1:agent-ops', payload, 0);
    m.ingest('activity:t1:all', payload, 1);
    const r = await m.query({});
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({
      eventType: 'activity.tool_call',
      tenant: 't1',
      channels: ['activity:t1:agent-ops', 'activity:t1:all'],
    });
  });
});

describe('no message can hurt the core', () => {
  it('a payload nested 10,000 deep is kept, opened as raw text with a note, and exported', async () => {
    const m = new TrafficMonitor({ now: () => 0 });
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    m.ingest('agent_events:global', Buffer.from(deep), 0);
    m.ingest('agent_events:global', Buffer.from('{"topics": ["global"], "event": {"type": "agent_post", "data": {"content": "fine"}}}'), 1);
    const seq = (await m.query({})).items[0]!.seq;
    const detail = (await m.detail(seq))!;
    expect(detail.payload).toBeNull();
    expect(detail.raw).toBe(deep);
    expect(detail.note).toMatch(/nested deeper than \d+ levels: shown as raw text/);
    // What goes to a client serializes, and export still works for every message.
    expect(() => JSON.stringify(detail)).not.toThrow();
    const { count, jsonl } = await m.exportJsonl({});
    expect(count).toBe(2);
    expect(jsonl.trim().split('\n')).toHaveLength(2);
  });
});
