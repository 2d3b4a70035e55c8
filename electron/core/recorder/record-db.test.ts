import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atomWire } from '../../../shared/testing/python-json';
import { BatchBuilder } from './batch';
import { RecordDb } from './record-db';

const T0 = Date.UTC(2026, 11, 1, 14, 0, 0);
const post = (id: string, sender: string, content: string, extra: Record<string, unknown> = {}) =>
  atomWire(['global', `agent:${sender}`], {
    type: 'agent_post',
    data: {
      id,
      is_public: true,
      post_type: 'status',
      content,
      created_at: '2026-12-01T14:00:00',
      sender_type: 'agent',
      sender_id: sender,
      sender_name: sender.toUpperCase(),
      ...extra,
    },
  });

let dir: string;
let db: RecordDb;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'record-db-'));
  db = new RecordDb(join(dir, 'stack.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function write(
  entries: { at: number; wire: { channels: string[]; payload: string } }[],
  logs: { at: number; service: string; text: string }[] = [],
) {
  const b = new BatchBuilder();
  entries.forEach((e, i) => {
    b.message(i, e.at, e.wire.channels[0]!, Buffer.from(e.wire.payload));
    for (const c of e.wire.channels.slice(1)) b.merge(i, c);
  });
  for (const l of logs) b.log({ ...l, stream: 'stdout', container: 'abc123' });
  db.append(b.take());
}

describe('RecordDb', () => {
  it('keeps messages with every channel they arrived on, decoded again on read, newest first', () => {
    write([
      { at: T0, wire: post('p1', 'ops', 'Disk usage at 93% on db-1') },
      { at: T0 + 1000, wire: post('p2', 'scout', 'Found three leads') },
    ]);
    const page = db.queryMessages({});
    expect(page.matched).toBe(2);
    expect(page.items.map((m) => [m.postId, m.agentName, m.receivedAt])).toEqual([
      ['p2', 'SCOUT', T0 + 1000],
      ['p1', 'OPS', T0],
    ]);
    expect(page.items[1]!.channels).toEqual(['agent_events:global', 'agent_events:agent:ops']);
    expect(page.next).toBeNull();
  });

  it('filters by agent, type and range, and pages with before', () => {
    write(Array.from({ length: 30 }, (_, i) => ({ at: T0 + i * 1000, wire: post(`p${i}`, i % 3 === 0 ? 'ops' : 'scout', `n ${i}`) })));
    const ops = db.queryMessages({ agent: 'ops', limit: 4 });
    expect(ops.matched).toBe(10);
    expect(ops.items.map((m) => m.postId)).toEqual(['p27', 'p24', 'p21', 'p18']);
    const older = db.queryMessages({ agent: 'ops', limit: 4, before: ops.next! });
    expect(older.items.map((m) => m.postId)).toEqual(['p15', 'p12', 'p9', 'p6']);
    expect(
      db.queryMessages({ agent: 'OPS', eventType: 'agent_post', from: T0 + 5000, to: T0 + 12_000 }).items.map((m) => m.postId),
    ).toEqual(['p12', 'p9', 'p6']);
    expect(db.queryMessages({ channel: 'agent_events:agent:scout' }).matched).toBe(20);
  });

  it('searches the full text once indexed, and says how much is not indexed yet', () => {
    write([
      { at: T0, wire: post('p1', 'ops', 'Disk usage at 93% on db-1') },
      { at: T0 + 1, wire: post('p2', 'ops', 'Memory is fine') },
    ]);
    expect(db.queryMessages({ text: 'disk' })).toMatchObject({ matched: 0, unindexed: 2 });
    expect(db.indexStep()).toBe(2);
    expect(db.queryMessages({ text: 'disk' })).toMatchObject({ matched: 1, unindexed: 0 });
    expect(db.queryMessages({ text: 'dis*' }).items[0]!.postId).toBe('p1');
    expect(db.queryMessages({ text: 'disk memory' }).matched).toBe(0);
  });

  it('keeps log lines, searchable per service', () => {
    write(
      [],
      [
        { at: T0, service: 'atom-backend', text: 'Traceback (most recent call last):' },
        { at: T0 + 5, service: 'atom-backend', text: 'ConnectionError: valkey:6379 refused' },
        { at: T0 + 9, service: 'valkey', text: 'Ready to accept connections' },
      ],
    );
    db.indexStep();
    expect(db.queryLogs({ service: 'atom-backend' }).lines.map((l) => l.text)).toEqual([
      'ConnectionError: valkey:6379 refused',
      'Traceback (most recent call last):',
    ]);
    expect(db.queryLogs({ text: 'refused' })).toMatchObject({ matched: 1, lines: [{ service: 'atom-backend', at: T0 + 5 }] });
  });

  it('draws a timeline: per-second buckets from the rows, per-minute ones from the density counts', () => {
    write(
      [0, 500, 1500, 61_000].map((d, i) => ({ at: T0 + d, wire: post(`p${i}`, 'ops', 'x') })),
      [{ at: T0 + 100, service: 'valkey', text: 'ready' }],
    );
    const b = new BatchBuilder();
    b.event({ at: T0 + 1200, source: 'health', service: 'atom-backend', status: 'unhealthy', message: 'curl: (7) Failed to connect' });
    db.append(b.take());
    const fine = db.timeline({ from: T0, to: T0 + 3000, buckets: 3 });
    expect(fine).toMatchObject({ bucketMs: 1000, messages: [2, 1, 0], logs: { valkey: [1, 0, 0] } });
    expect(fine.events).toEqual([expect.objectContaining({ source: 'health', service: 'atom-backend', status: 'unhealthy' })]);
    const day = db.timeline({ from: T0, to: T0 + 86_400_000, buckets: 1440 });
    expect(day.bucketMs).toBe(60_000);
    expect(day.messages.slice(0, 3)).toEqual([3, 1, 0]);
  });

  it('removes by age and by size, and counts what it removed', () => {
    write(Array.from({ length: 200 }, (_, i) => ({ at: T0 + i * 60_000, wire: post(`p${i}`, 'ops', 'y'.repeat(2000)) })));
    db.indexStep();
    const now = T0 + 200 * 60_000;
    const byAge = db.retain({ maxAgeMs: 100 * 60_000, maxBytes: 1e12 }, now);
    expect(byAge.messages).toBe(100);
    expect(db.queryMessages({}).matched).toBe(100);
    const before = db.bytes();
    const bySize = db.retain({ maxAgeMs: 1e12, maxBytes: Math.floor(before / 2) }, now);
    expect(bySize.messages).toBeGreaterThan(0);
    expect(db.bytes()).toBeLessThanOrEqual(Math.floor(before / 2));
    const s = db.state('recording', null);
    expect(s.removed.messages).toBe(100 + bySize.messages);
    expect(s.messages).toBe(100 - bySize.messages);
    expect(db.queryMessages({ text: 'y*' }).matched).toBe(s.messages);
    expect(db.integrity()).toBe('ok');
  });

  it('plans a replay by channel, and reads ranges in order for it', () => {
    write([
      { at: T0, wire: post('p1', 'ops', 'a') },
      { at: T0 + 2000, wire: post('p2', 'scout', 'b') },
    ]);
    expect(db.plan({})).toEqual({
      count: 2,
      from: T0,
      to: T0 + 2000,
      spanMs: 2000,
      channels: [
        { name: 'agent_events:global', count: 2 },
        { name: 'agent_events:agent:ops', count: 1 },
        { name: 'agent_events:agent:scout', count: 1 },
      ],
    });
    const first = db.rawRange({}, 0, 1);
    expect(first.map((r) => r.channels)).toEqual([['agent_events:global', 'agent_events:agent:ops']]);
    expect(db.rawRange({}, first[0]!.id, 10).map((r) => JSON.parse(r.payload.toString()).event.data.id)).toEqual(['p2']);
  });

  it('keeps every payload byte for byte: text as text, anything else as a blob', () => {
    const b = new BatchBuilder();
    const bin = Buffer.from([0xff, 0x00, 0xfe, 0x41]);
    const text = Buffer.from('{"note":"café ☕ \\u00e9"}');
    b.message(0, T0, 'raw', bin);
    b.message(1, T0 + 1, 'agent_events:global', text);
    db.append(b.take());
    expect(Buffer.from(db.raw(1)!.payload).equals(bin)).toBe(true);
    expect(Buffer.from(db.raw(2)!.payload).equals(text)).toBe(true);
    expect(db.queryMessages({}).items.map((m) => m.kind)).toEqual(['json', 'binary']);
  });

  it('exports the selection as JSON Lines in chunks that say where the next starts', () => {
    write(Array.from({ length: 10 }, (_, i) => ({ at: T0 + i, wire: post(`p${i}`, i % 2 ? 'ops' : 'scout', `m${i}`) })));
    const first = db.exportChunk({ agent: 'ops' }, 0, 1200);
    expect(first.count).toBeGreaterThan(0);
    expect(first.count).toBeLessThan(5);
    const all = [first];
    while (all.at(-1)!.next !== null) all.push(db.exportChunk({ agent: 'ops' }, all.at(-1)!.next!, 1200));
    const lines = all.flatMap((c) => c.jsonl.split('\n')).map((l) => JSON.parse(l));
    expect(lines.map((l) => JSON.parse(l.payload).event.data.id)).toEqual(['p1', 'p3', 'p5', 'p7', 'p9']);
    expect(lines[0]).toMatchObject({ at: T0 + 1, channels: ['agent_events:global', 'agent_events:agent:ops'] });
  });

  it('records a payload over 256 KB whole without parsing it on arrival, and decodes it when read', () => {
    write([{ at: T0, wire: post('big', 'ops', 'z'.repeat(300 * 1024)) }]);
    expect(db.queryMessages({ agent: 'ops' }).matched).toBe(0);
    const [m] = db.queryMessages({}).items;
    expect(m).toMatchObject({ postId: 'big', agentName: 'OPS', size: expect.any(Number) });
    expect(m!.preview).toContain('OPS');
    expect(db.raw(m!.seq)!.payload.length).toBeGreaterThan(300 * 1024);
  });

  it('survives being opened again: counts come back from the file', () => {
    write([{ at: T0, wire: post('p1', 'ops', 'a') }]);
    db.close();
    db = new RecordDb(join(dir, 'stack.db'));
    expect(db.state('recording', null)).toMatchObject({ messages: 1, oldestAt: T0 });
  });
});
