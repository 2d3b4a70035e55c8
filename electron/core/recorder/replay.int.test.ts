// Replay against a real Valkey: each recorded message goes to every channel it came on,
// at the original pacing, ten times faster, or at once; a cancel stops it between messages.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplayProgress, ReplaySpeed } from '../../../shared/history';
import { atomWire } from '../../../shared/testing/python-json';
import { startValkey, type TestValkey } from '../testing/valkey';
import { waitFor } from '../testing/wait';
import { BatchBuilder } from './batch';
import { RecordDb } from './record-db';
import { Replays, type ReplaySource } from './replay';

let valkey: TestValkey;
let dir: string;
let db: RecordDb;
let sub: Redis;
const arrivals: { channel: string; id: string; at: number }[] = [];
const STEP_MS = 600;
const T0 = Date.UTC(2026, 11, 1, 14);

beforeAll(async () => {
  valkey = await startValkey();
  dir = mkdtempSync(join(tmpdir(), 'replay-'));
  db = new RecordDb(join(dir, 'r.db'));
  const b = new BatchBuilder();
  for (let i = 0; i < 5; i++) {
    const w = atomWire(['global', `agent:a${i}`], { type: 'agent_post', data: { id: `p${i}`, sender_id: `a${i}`, content: `n${i}` } });
    b.message(i, T0 + i * STEP_MS, w.channels[0]!, Buffer.from(w.payload));
    b.merge(i, w.channels[1]!);
  }
  db.append(b.take());
  sub = new Redis(valkey.url);
  await sub.psubscribe('agent_events:*');
  sub.on('pmessage', (_p, channel, payload) => arrivals.push({ channel, id: JSON.parse(payload).event.data.id, at: Date.now() }));
}, 120_000);

afterAll(async () => {
  sub?.disconnect();
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  await valkey?.stop();
});

const source: ReplaySource = { range: async (q) => db.rawRange(q.filter, q.afterId, q.limit) };

async function replay(speed: ReplaySpeed, ids?: number[], cancelAfter?: number) {
  arrivals.length = 0;
  const progress: ReplayProgress[] = [];
  const replays = new Replays((p) => progress.push(p));
  const total = db.plan(ids ? { ids } : {}).count;
  const { id } = replays.start(source, valkey.url, { speed, ...(ids ? { ids } : {}) }, total);
  if (cancelAfter !== undefined) {
    await waitFor('first arrivals', () => arrivals.length >= cancelAfter, 10_000, 20);
    expect(replays.cancel(id)).toBe(true);
  }
  const end = await waitFor('replay ended', () => progress.find((p) => p.status !== 'running'), 30_000, 20);
  await new Promise((r) => setTimeout(r, 200));
  return { end, firsts: arrivals.filter((a) => a.channel === 'agent_events:global') };
}

const gaps = (xs: { at: number }[]) => xs.slice(1).map((x, i) => x.at - xs[i]!.at);

describe('Replays', () => {
  it('as fast as possible: every message on every channel it came on, in order', async () => {
    const { end, firsts } = await replay('max');
    expect(end).toMatchObject({ status: 'done', sent: 5, total: 5 });
    expect(firsts.map((a) => a.id)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    expect(arrivals.filter((a) => a.channel.startsWith('agent_events:agent:')).map((a) => a.channel)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `agent_events:agent:a${i}`),
    );
    expect(Math.max(...gaps(firsts))).toBeLessThan(STEP_MS / 2);
  });

  it('at the original pacing, and ten times faster', async () => {
    const original = await replay('original', [1, 2, 3]);
    expect(original.end).toMatchObject({ status: 'done', sent: 3 });
    for (const g of gaps(original.firsts)) expect(g).toBeGreaterThanOrEqual(STEP_MS - 50);
    const fast = await replay('x10');
    for (const g of gaps(fast.firsts)) {
      expect(g).toBeGreaterThanOrEqual(STEP_MS / 10 - 20);
      expect(g).toBeLessThan(STEP_MS / 2);
    }
  });

  it('a cancel stops it between messages and says so', async () => {
    const { end, firsts } = await replay('original', undefined, 2);
    expect(end.status).toBe('cancelled');
    expect(end.sent).toBeLessThan(5);
    expect(firsts.length).toBe(end.sent);
  });

  it('refuses a second replay while one runs, and reports an unreachable Valkey as a failure', async () => {
    const progress: ReplayProgress[] = [];
    const replays = new Replays((p) => progress.push(p));
    const { id } = replays.start(source, valkey.url, { speed: 'original' }, 5);
    expect(() => replays.start(source, valkey.url, { speed: 'max' }, 5)).toThrow(/already running/);
    replays.cancel(id);
    await waitFor('cancelled', () => progress.some((p) => p.status === 'cancelled'), 10_000, 20);
    const other = new Replays((p) => progress.push(p));
    other.start(source, 'redis://127.0.0.1:1', { speed: 'max' }, 5);
    const failed = await waitFor('failed', () => progress.find((p) => p.status === 'failed'), 10_000, 20);
    expect(failed.message).toMatch(/redis:\/\/127\.0\.0\.1:1 failed after 0 messages/);
  });
});
