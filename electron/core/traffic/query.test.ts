import { describe, expect, it } from 'vitest';
import type { AgentMessage } from '../../../shared/traffic';
import { LIMITS } from '../../../shared/rules';
import { TrafficMonitor } from './monitor';
import { exportJsonl, QueryError } from './query';

function post(id: string, sender: [string, string], postType: string, content: string, topics: string[]): Buffer {
  const [senderId, senderName] = sender;
  return Buffer.from(
    JSON.stringify({
      topics,
      event: {
        type: 'agent_post',
        data: {
          id,
          sender_id: senderId,
          sender_name: senderName,
          sender_category: 'ops',
          post_type: postType,
          content,
          secret: `raw-${id}`,
        },
      },
    }),
  );
}

function publish(m: TrafficMonitor, p: Buffer, topics: string[]): void {
  for (const t of topics) m.ingest(`agent_events:${t}`, p);
}

function filled(): TrafficMonitor {
  const m = new TrafficMonitor();
  publish(m, post('1', ['a1', 'Alice'], 'alert', 'Disk FULL on node-3', ['global', 'agent:a1', 'alerts']), [
    'global',
    'agent:a1',
    'alerts',
  ]);
  publish(m, post('2', ['b2', 'Bob'], 'question', 'who owns node-3?', ['global', 'agent:b2', 'category:ops']), [
    'global',
    'agent:b2',
    'category:ops',
  ]);
  publish(m, post('3', ['a1', 'Alice'], 'update', 'resolved', ['global', 'agent:a1']), ['global', 'agent:a1']);
  m.ingest('agent_events:global', Buffer.from('not json at all'));
  m.ingest('agent_events:global', Buffer.from([0xff, 0x00, 0x01]));
  return m;
}

const ids = (items: unknown[]): (string | null)[] => (items as AgentMessage[]).map((i) => i.postId ?? i.kind);

describe('query', () => {
  it('merges copies and counts what it saw', async () => {
    const m = filled();
    expect(m.counters()).toMatchObject({ received: 10, kept: 5, duplicatesMerged: 5, undecodable: 2 });
    expect(((await m.query({})).items[0] as AgentMessage).channels).toEqual([
      'agent_events:global',
      'agent_events:agent:a1',
      'agent_events:alerts',
    ]);
  });

  it('filters by agent id or name, type, post type and topic or channel', async () => {
    const m = filled();
    expect(ids((await m.query({ agent: 'a1' })).items)).toEqual(['1', '3']);
    expect(ids((await m.query({ agent: 'bob' })).items)).toEqual(['2']);
    expect(ids((await m.query({ postType: 'question' })).items)).toEqual(['2']);
    expect((await m.query({ eventType: 'agent_post' })).matched).toBe(3);
    expect(ids((await m.query({ topic: 'alerts' })).items)).toEqual(['1']);
    expect(ids((await m.query({ topic: 'agent_events:category:ops' })).items)).toEqual(['2']);
    expect((await m.query({ topic: 'global' })).matched).toBe(5);
    expect((await m.query({ topic: 'ops' })).matched).toBe(0);
  });

  it('searches text case-insensitively over preview, agent, channels and raw payload', async () => {
    const m = filled();
    expect(ids((await m.query({ text: 'node-3' })).items)).toEqual(['1', '2']);
    expect(ids((await m.query({ text: 'disk full' })).items)).toEqual(['1']);
    expect(ids((await m.query({ text: 'raw-3' })).items)).toEqual(['3']);
    expect(ids((await m.query({ text: 'NOT JSON' })).items)).toEqual(['text']);
    // The preview is the summary line, "Sender: content".
    expect(ids((await m.query({ text: '^(Bob: who|Alice: res)', regex: true })).items)).toEqual(['2', '3']);
    await expect(m.query({ text: '(unclosed', regex: true })).rejects.toThrow(QueryError);
    await expect(m.query({ text: '(unclosed', regex: true })).rejects.toThrow(/invalid regular expression \/\(unclosed\//);
  });

  it('counts every match but returns only the newest `limit`, oldest first', async () => {
    const m = filled();
    const r = await m.query({ topic: 'global', limit: 2 });
    expect(r).toMatchObject({ matched: 5, total: 5 });
    expect(r.items.map((i) => i.seq)).toEqual([3, 4]);
  });

  it('exports JSON Lines with each parsed payload', async () => {
    const m = filled();
    const { jsonl, count } = await m.exportJsonl({ agent: 'a1' });
    expect(count).toBe(2);
    const lines = jsonl
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { postId: string; payload: { event: { data: { id: string } } } });
    expect(lines.map((l) => l.payload.event.data.id)).toEqual(['1', '3']);
    const all = (await m.exportJsonl({})).jsonl
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(all.at(-2)).toMatchObject({ kind: 'text', payload: null, raw: 'not json at all' });
    expect(all.at(-1)).toMatchObject({ kind: 'binary', payload: null, rawBase64: Buffer.from([0xff, 0, 1]).toString('base64') });
  });

  it('exports in chunks of bounded size that join, in order, to the whole export', async () => {
    const m = new TrafficMonitor();
    for (let i = 0; i < 300; i++) publish(m, post(String(i), ['a1', 'Alice'], 'update', 'x'.repeat(500), ['global']), ['global']);
    const whole = await m.exportJsonl({});
    expect(whole.next).toBeNull();
    const source = (m as unknown as { ring: Parameters<typeof exportJsonl>[0] }).ring;
    const chunks: string[] = [];
    let before: number | undefined;
    for (let n = 0; n < 100; n++) {
      const c = await exportJsonl(source, before === undefined ? {} : { before }, 20_000);
      expect(c.jsonl.length).toBeLessThan(20_000 + 2_000);
      chunks.unshift(c.jsonl);
      if (c.next === null) break;
      before = c.next;
    }
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.join('')).toBe(whole.jsonl);
    // A limit counts across the chunks: the newest N only.
    const newest = await exportJsonl(source, { limit: 3 }, 20_000);
    expect(newest.count).toBe(3);
    expect(newest.next).toBeNull();
  });

  it('gives details on demand: parsed payload and raw text', async () => {
    const m = filled();
    const d = await m.detail(0);
    expect(d?.payload).toMatchObject({ topics: ['global', 'agent:a1', 'alerts'] });
    expect(d?.raw).toContain('"Disk FULL on node-3"');
    expect(d?.truncated).toBe(false);
    expect((await m.detail(4))?.raw).toBe('\\xff\\x00\\x01');
    expect(await m.detail(99)).toBeNull();
  });
});

describe('huge payloads', () => {
  it('keeps a 5 MB post within the byte budget, with a short preview and a truncated raw view', async () => {
    const m = new TrafficMonitor({ byteBudget: 64 * 1024 * 1024 });
    const big = post('big', ['a1', 'Alice'], 'update', 'z'.repeat(5 * 1024 * 1024), ['global', 'agent:a1']);
    const t0 = performance.now();
    m.ingest('agent_events:global', big);
    m.ingest('agent_events:agent:a1', big);
    expect(performance.now() - t0).toBeLessThan(3000);
    const [msg] = (await m.query({})).items as AgentMessage[];
    expect(msg).toMatchObject({ kind: 'atom', size: big.length, channels: ['agent_events:global', 'agent_events:agent:a1'] });
    expect(msg?.preview.length).toBeLessThanOrEqual(201);
    expect(m.counters()).toMatchObject({ kept: 1, bytesKept: big.length, duplicatesMerged: 1 });
    // Too large to send whole: the first pages of a lazy tree, and the raw text only when asked.
    const d = await m.detail(0);
    expect(d).toMatchObject({ payload: null, raw: '', truncated: false });
    expect(d?.tree?.entries.map((e) => e.key)).toEqual(['topics', 'event']);
    expect(d?.tree?.entries[1]?.page?.entries.map((e) => e.key)).toEqual(['type', 'data']);
    const data = await m.detailNode(0, [1, 1], 0);
    expect(data?.entries.find((e) => e.key === 'id')).toEqual({ key: 'id', kind: 'string', value: 'big' });
    expect(data?.entries.find((e) => e.key === 'content')).toMatchObject({
      kind: 'string',
      cut: 5 * 1024 * 1024 - LIMITS.jsonTreeStringChars,
    });
    const withRaw = await m.detail(0, true);
    expect(withRaw?.truncated).toBe(true);
    expect(withRaw?.raw.length).toBe(1024 * 1024);
    expect(await m.detailNode(0, [0, 0], 0)).toBeNull();
    expect(await m.detailNode(5, [], 0)).toBeNull();
    // A budget smaller than the payload keeps only its head: still listed, detail says truncated.
    const small = new TrafficMonitor({ byteBudget: 1024 * 1024 });
    small.ingest('agent_events:global', big);
    expect(small.counters().bytesKept).toBe(128 * 1024);
    expect(await small.detail(0)).toMatchObject({ truncated: true, payload: null });
  });
});

describe('regex queries cannot freeze the core', () => {
  it('^(a+)+$ over a long aaaa…a! answers at once (linear-time engine), and RE2-only limits are clear errors', async () => {
    const m = new TrafficMonitor();
    m.ingest('agent_events:global', Buffer.from(`${'a'.repeat(50_000)}!`));
    m.ingest('agent_events:global', Buffer.from('aaaa'));
    const t0 = performance.now();
    const r = await m.query({ text: '^(a+)+$', regex: true });
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(r.matched).toBe(1);
    await expect(m.query({ text: '(a)\\1', regex: true })).rejects.toThrow(QueryError);
  });
});
