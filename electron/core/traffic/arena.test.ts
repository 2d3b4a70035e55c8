import { agentMessage } from '../../../shared/testing/messages';
import { describe, expect, it } from 'vitest';
import type { AgentMessage } from '../../../shared/traffic';
import { PayloadArena } from './arena';
import { TrafficMonitor } from './monitor';
import { Ring } from './ring';

describe('PayloadArena', () => {
  it('packs payloads into slabs and frees a slab once its last payload is released', () => {
    const a = new PayloadArena();
    const ids: [number, number][] = [];
    for (let i = 0; i < 5; i++) {
      const id = a.put(Buffer.alloc(400 * 1024, i));
      ids.push([id, a.lastOffset]);
    }
    expect(a.view(ids[3]![0], ids[3]![1], 400 * 1024)?.[0]).toBe(3);
    expect(a.reserved).toBe(3 * 1024 * 1024);
    for (const [id] of ids.slice(0, 4)) a.release(id);
    expect(a.reserved).toBe(1024 * 1024);
    const big = a.put(Buffer.alloc(3 * 1024 * 1024, 7));
    expect(a.view(big, a.lastOffset, 3 * 1024 * 1024)?.[5]).toBe(7);
  });

  it('reuses the memory of a freed slab for the next one', () => {
    const a = new PayloadArena();
    const first = a.put(Buffer.alloc(700 * 1024, 1));
    const memory = a.view(first, a.lastOffset, 1)?.buffer;
    const second = a.put(Buffer.alloc(700 * 1024, 2)); // does not fit: a second slab
    a.release(first);
    const third = a.put(Buffer.alloc(700 * 1024, 3)); // a third slab, in the first one's memory
    expect(a.view(third, a.lastOffset, 1)?.buffer).toBe(memory);
    expect(a.view(third, a.lastOffset, 1)?.[0]).toBe(3);
    expect(a.view(second, 0, 1)?.[0]).toBe(2);
    expect(a.view(first, 0, 1)).toBeNull();
  });
});

describe('a monitor over reused buffer memory', () => {
  const post = (i: number, pad = 600) =>
    Buffer.from(
      JSON.stringify({ topics: ['global', 'agent:a'], event: { type: 'agent_post', data: { id: `p${i}`, content: 'x'.repeat(pad) } } }),
    );

  it('does not merge a copy into a message already evicted (its bytes are gone)', () => {
    const m = new TrafficMonitor({ cap: 2 });
    m.ingest('agent_events:global', post(0));
    m.ingest('agent_events:global', post(1));
    m.ingest('agent_events:global', post(2)); // evicts post 0
    m.ingest('agent_events:agent:a', post(0));
    expect(m.counters()).toMatchObject({ received: 4, duplicatesMerged: 0, kept: 2 });
    expect(m.snapshot().items.map((it) => (it as AgentMessage).postId)).toEqual(['p2', 'p0']);
  });

  it('answers a detail with the bytes of its own message after the buffer cycled through its slab', async () => {
    const m = new TrafficMonitor({ cap: 3000 });
    for (let i = 0; i < 6000; i++) m.ingest('agent_events:global', post(i));
    const seq = m.snapshot().items.at(-1)?.seq as number;
    expect((await m.detail(seq))?.payload).toMatchObject({ event: { data: { id: 'p5999' } } });
    expect((await m.detail(seq - 2999))?.payload).toMatchObject({ event: { data: { id: 'p3000' } } });
    await m.dispose();
  });
});

describe('cold messages (only the newest stay decoded)', () => {
  const item = (n: number): AgentMessage =>
    agentMessage({ kind: 'text', seq: -1, receivedAt: n, channels: ['c'], preview: String(n), size: String(n).length });

  it('rebuilds older items from their payload, time and channels', () => {
    const calls: number[] = [];
    const r = new Ring(
      10,
      1 << 20,
      (seq, at, channels, payload) => {
        calls.push(seq);
        return { ...item(at), seq, channels, preview: `again ${payload.toString()}` };
      },
      2,
    );
    for (let i = 0; i < 5; i++) r.push(item(i), Buffer.from(String(i)));
    expect(r.get(4)?.kind === 'text' && r.get(4)).toMatchObject({ preview: '4' });
    expect(calls).toEqual([]);
    expect(r.get(1)).toMatchObject({ seq: 1, receivedAt: 1, channels: ['c'], preview: 'again 1' });
    r.setCap(3);
    expect(r.since(0).map((m) => m.seq)).toEqual([2, 3, 4]);
    expect(r.payload(2)?.toString()).toBe('2');
  });

  it('answers queries and details the same for cold and hot messages', async () => {
    const m = new TrafficMonitor();
    for (let i = 0; i < 3000; i++) {
      // The first half is delivered (flushed with no subscriber), so it may be cooled.
      if (i === 1500) m.flush();
      const p = Buffer.from(
        JSON.stringify({
          topics: ['global', `agent:a${i % 3}`],
          event: { type: 'agent_post', data: { id: `p${i}`, sender_id: `a${i % 3}`, content: `n${i}` } },
        }),
      );
      m.ingest('agent_events:global', p);
      m.ingest(`agent_events:agent:a${i % 3}`, p);
    }
    const r = await m.query({ agent: 'a1', limit: 3000 });
    expect(r.matched).toBe(1000);
    const first = r.items[0] as AgentMessage;
    expect(first).toMatchObject({ seq: 1, postId: 'p1', channels: ['agent_events:global', 'agent_events:agent:a1'], preview: 'a1: n1' });
    expect((await m.detail(1))?.payload).toMatchObject({ event: { data: { id: 'p1' } } });
    expect((await m.query({ text: 'n2999' })).items).toHaveLength(1);
    expect(m.counters()).toMatchObject({ kept: 3000, duplicatesMerged: 3000 });
    // Cold messages are rebuilt on each read; undelivered (and the newest) stay as objects.
    const again = (await m.query({ limit: 3000 })).items;
    const once = (await m.query({ limit: 3000 })).items;
    expect(again[1]).not.toBe(once[1]);
    expect(again[1]).toEqual(once[1]);
    expect(again[2000]).toBe(once[2000]);
  });
});
