// Atom's four event kinds and its other channels, in the exact wire format (Python's
// json.dumps defaults: ", "/": " separators, \u escapes, surrogate pairs for emoji).
import { describe, expect, it } from 'vitest';
import { atomWire, pyDumps } from '../../../shared/testing/python-json';
import { reactionCounts, timeMs } from './atom-events';
import { decodePayload } from './decode';
import { TrafficDirectory } from './directory';

const POST_TYPES = ['status', 'insight', 'question', 'alert', 'command', 'response', 'announcement', 'task'] as const;

const post = (fields: Record<string, unknown> = {}) => ({
  id: 'post-1',
  sender_type: 'agent',
  sender_id: 'agent-ops',
  sender_name: 'Ops Watcher',
  sender_maturity: 'SUPERVISED',
  sender_category: 'operations',
  recipient_type: null,
  recipient_id: null,
  is_public: true,
  channel_id: null,
  channel_name: null,
  post_type: 'alert',
  content: 'Disk usage on worker-3 at 93%',
  mentioned_agent_ids: ['agent-sales'],
  mentioned_user_ids: ['user-alice'],
  mentioned_episode_ids: [],
  mentioned_task_ids: [],
  reactions: {},
  reply_count: 0,
  auto_generated: false,
  created_at: '2026-03-04T05:06:07.123456',
  ...fields,
});

const decode = (wire: { channels: string[]; payload: string }, ctx?: TrafficDirectory) =>
  decodePayload(Buffer.from(wire.payload), wire.channels[0], ctx);

describe('the wire format', () => {
  it('is Python json.dumps: spaced separators, \\u escapes, surrogate pairs', () => {
    expect(pyDumps({ a: [1, 'é👍'], b: null })).toBe('{"a": [1, "\\u00e9\\ud83d\\udc4d"], "b": null}');
  });
});

describe('agent_post', () => {
  it.each(POST_TYPES)('post_type %s: actor, summary, visibility, maturity, mentions, time', (postType) => {
    const d = decode(atomWire(['global', 'agent:agent-ops'], { type: 'agent_post', data: post({ post_type: postType }) }));
    expect(d).toMatchObject({
      kind: 'atom',
      eventType: 'agent_post',
      postType,
      agentId: 'agent-ops',
      agentName: 'Ops Watcher',
      actorType: 'agent',
      visibility: 'public',
      maturity: 'SUPERVISED',
      category: 'operations',
      mentions: ['agent-sales', 'user-alice'],
      createdAt: '2026-03-04T05:06:07.123456',
      createdAtMs: Date.UTC(2026, 2, 4, 5, 6, 7, 123),
    });
    expect(d.preview).toBe(
      postType === 'response' ? 'Ops Watcher (reply): Disk usage on worker-3 at 93%' : 'Ops Watcher: Disk usage on worker-3 at 93%',
    );
  });

  it('a direct message from a human shows sender → recipient', () => {
    const dir = new TrafficDirectory();
    dir.learn(
      decode(
        atomWire(['global'], { type: 'agent_post', data: post({ id: 'p0', sender_id: 'agent-sales', sender_name: 'Sales Assistant' }) }),
      ),
    );
    const d = decode(
      atomWire(['agent:agent-sales'], {
        type: 'agent_post',
        data: post({
          sender_type: 'human',
          sender_id: 'user-alice',
          sender_name: 'Alice',
          recipient_type: 'agent',
          recipient_id: 'agent-sales',
          is_public: false,
          post_type: 'command',
          content: 'Please draft the Q3 renewal email for Acme',
        }),
      }),
      dir,
    );
    expect(d).toMatchObject({
      actorType: 'human',
      visibility: 'direct',
      target: { kind: 'recipient', id: 'agent-sales', name: 'Sales Assistant' },
      preview: 'Alice → Sales Assistant (direct): Please draft the Q3 renewal email for Acme',
    });
  });

  it('a channel post names its channel; \\u escapes show as their characters; a zoned time is read as given', () => {
    const d = decode(
      atomWire(['global'], {
        type: 'agent_post',
        data: post({
          channel_id: 'c1',
          channel_name: 'engineering',
          content: 'Déploiement terminé 👍',
          created_at: '2026-03-04T05:06:07+00:00',
          tenant_id: 't-9',
        }),
      }),
    );
    expect(d).toMatchObject({
      channelName: 'engineering',
      tenant: 't-9',
      preview: 'Ops Watcher in #engineering: Déploiement terminé 👍',
      createdAtMs: Date.UTC(2026, 2, 4, 5, 6, 7),
    });
  });

  it('reads both shapes of reactions', () => {
    expect(decode(atomWire(['global'], { type: 'agent_post', data: post({ reactions: { '👍': 2, '🎉': ['u1'] } }) })).reactions).toEqual({
      '👍': 2,
      '🎉': 1,
    });
    expect(
      decode(
        atomWire(['global'], {
          type: 'agent_post',
          data: post({
            reactions: [
              { emoji: '👍', count: 3 },
              { emoji: '👀', user_id: 'u2' },
            ],
          }),
        }),
      ).reactions,
    ).toEqual({ '👍': 3, '👀': 1 });
    expect(reactionCounts({})).toBeNull();
    expect(reactionCounts([])).toBeNull();
  });
});

describe('reaction_added, channel_created, graduation_milestone', () => {
  it('a reaction names its sender and the author of its post, once both were seen', () => {
    const dir = new TrafficDirectory();
    dir.learn(decode(atomWire(['global'], { type: 'agent_post', data: post({ id: 'p-ops' }) })));
    dir.learn(
      decode(
        atomWire(['global'], {
          type: 'agent_post',
          data: post({ id: 'p-a', sender_type: 'human', sender_id: 'user-alice', sender_name: 'Alice' }),
        }),
      ),
    );
    const wire = atomWire(['post:p-ops', 'global'], {
      type: 'reaction_added',
      post_id: 'p-ops',
      sender_id: 'user-alice',
      emoji: '👍',
      reactions: { '👍': 1 },
    });
    expect(wire.channels).toEqual(['agent_events:post:p-ops', 'agent_events:global']);
    expect(decode(wire, dir)).toMatchObject({
      eventType: 'reaction_added',
      agentId: 'user-alice',
      agentName: 'Alice',
      target: { kind: 'post', id: 'p-ops', name: 'Ops Watcher' },
      reactions: { '👍': 1 },
      preview: '👍 by Alice on a post by Ops Watcher',
    });
    // Without context it still says who and what, by id.
    expect(decode(wire).preview).toBe('👍 by user-alice on post p-ops');
  });

  it('channel_created and graduation_milestone read as sentences', () => {
    expect(
      decode(atomWire(['global'], { type: 'channel_created', channel_id: 'c7', channel_name: 'engineering', display_name: 'Engineering' })),
    ).toMatchObject({
      target: { kind: 'channel', id: 'c7', name: 'engineering' },
      channelName: 'engineering',
      preview: 'channel #engineering created (Engineering)',
    });
    expect(
      decode(
        atomWire(['global', 'alerts'], {
          type: 'graduation_milestone',
          agent_id: 'agent-sales',
          agent_name: 'Sales Assistant',
          from_maturity: 'INTERN',
          to_maturity: 'SUPERVISED',
          post_id: 'p-grad',
          timestamp: '2026-03-04T05:06:07',
        }),
      ),
    ).toMatchObject({
      agentId: 'agent-sales',
      actorType: 'agent',
      maturity: 'SUPERVISED',
      postId: 'p-grad',
      createdAtMs: Date.UTC(2026, 2, 4, 5, 6, 7),
      preview: 'Sales Assistant graduated INTERN → SUPERVISED',
    });
  });

  it('an event type nobody has seen yet gets an actor and a summary from common fields', () => {
    const d = decode(
      atomWire(['global'], { type: 'task_assigned', data: { agent_id: 'agent-x', agent_name: 'Xavier', message: 'picked up ticket 42' } }),
    );
    expect(d).toMatchObject({
      eventType: 'task_assigned',
      agentId: 'agent-x',
      agentName: 'Xavier',
      preview: 'Xavier: picked up ticket 42',
    });
    const flat = decode(atomWire(['global'], { type: 'budget_exceeded', user_id: 'u1', amount: 12 }));
    expect(flat).toMatchObject({ agentId: 'u1', preview: 'u1: user_id=u1 amount=12' });
  });
});

describe('channels beyond agent_events:*', () => {
  const raw = (channel: string, v: unknown) => decodePayload(Buffer.from(pyDumps(v)), channel);
  it('debug, activity, fleet, alert triggers and workspace', () => {
    expect(raw('debug:events', { type: 'snapshot', data: { agent_id: 'a1', status: 'idle' } })).toMatchObject({
      kind: 'atom',
      eventType: 'debug.snapshot',
      agentId: 'a1',
      preview: 'a1: idle',
    });
    expect(raw('activity:t1:agent-ops', { type: 'tool_call', agent_name: 'Ops Watcher', description: 'ran df -h' })).toMatchObject({
      eventType: 'activity.tool_call',
      tenant: 't1',
      agentId: 'agent-ops',
      preview: 'Ops Watcher: ran df -h',
    });
    expect(raw('activity:t1:all', { agent_id: 'agent-ops', text: 'hi' })).toMatchObject({
      eventType: 'activity',
      tenant: 't1',
      agentId: 'agent-ops',
    });
    expect(raw('fleet:progress:chain-7', { step: 3, total: 5 })).toMatchObject({
      eventType: 'fleet.progress',
      target: { id: 'chain-7' },
      preview: 'chain chain-7: step=3 total=5',
    });
    expect(raw('alert_triggers:t1:slack', { message: 'threshold crossed' })).toMatchObject({
      eventType: 'alert_trigger',
      tenant: 't1',
      preview: 'alert_trigger: threshold crossed',
    });
    expect(raw('workspace:w1', { type: 'opened', user_name: 'Alice' })).toMatchObject({
      eventType: 'workspace.opened',
      agentName: 'Alice',
    });
  });
});

describe('times', () => {
  it('a time without a zone is UTC; bad times are null', () => {
    expect(timeMs('2026-01-02T03:04:05')).toBe(Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(timeMs('2026-01-02T03:04:05+02:00')).toBe(Date.UTC(2026, 0, 2, 1, 4, 5));
    expect(timeMs('yesterday')).toBeNull();
    expect(timeMs(42)).toBeNull();
  });
});

describe('never throws', () => {
  it('on any kind with fields of any type (fuzz)', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const values = [
      null,
      0,
      -1,
      1.5,
      '',
      'x',
      '👍',
      true,
      [],
      {},
      [1, 'a'],
      { '👍': 'many' },
      [{ emoji: 3 }],
      '2026-99-99',
      'Z'.repeat(300),
    ];
    const pick = () => values[Math.floor(rnd() * values.length)];
    const keys = [
      'type',
      'data',
      'sender_id',
      'sender_name',
      'sender_type',
      'recipient_id',
      'is_public',
      'post_type',
      'content',
      'reactions',
      'created_at',
      'post_id',
      'emoji',
      'channel_name',
      'agent_id',
      'agent_name',
      'from_maturity',
      'to_maturity',
      'timestamp',
      'mentioned_agent_ids',
      'message',
      'text',
    ];
    const kinds = ['agent_post', 'reaction_added', 'channel_created', 'graduation_milestone', 'mystery'];
    const dir = new TrafficDirectory();
    const channels = [
      'agent_events:global',
      'debug:events',
      'activity:t:a',
      'fleet:blackboard:c',
      'alert_triggers:t:c',
      'workspace:w',
      'other',
    ];
    for (let i = 0; i < 3000; i++) {
      const o: Record<string, unknown> = {};
      for (const k of keys) if (rnd() < 0.4) o[k] = pick();
      const event = rnd() < 0.5 ? { ...o, type: kinds[i % kinds.length], data: rnd() < 0.7 ? o : pick() } : o;
      const body = rnd() < 0.7 ? { topics: ['global'], event } : event;
      const channel = channels[i % channels.length]!;
      const m = decodePayload(Buffer.from(pyDumps(body)), channel, dir);
      expect(typeof m.preview).toBe('string');
      dir.learn({ ...m, seq: i });
    }
  });
});
