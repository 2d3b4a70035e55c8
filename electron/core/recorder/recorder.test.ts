// The recorder with its real worker thread and a real database file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecorderState } from '../../../shared/history';
import { atomWire } from '../../../shared/testing/python-json';
import { RecordDb } from './record-db';
import { Recorder } from './recorder';

const dirs: string[] = [];
const tempFile = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'recorder-'));
  dirs.push(d);
  return join(d, 'stack.db');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const retention = { maxBytes: 1e12, maxAgeMs: 1e12 };
const wire = (i: number) =>
  atomWire(['global', 'agent:ops'], {
    type: 'agent_post',
    data: { id: `p${i}`, sender_id: 'ops', sender_name: 'Ops', content: `reading number ${i}` },
  });

describe('Recorder', () => {
  it('writes on its worker what it is handed, answers reads, and keeps it across a reopen', async () => {
    const file = tempFile();
    const states: RecorderState[] = [];
    const r = new Recorder({ file, retention, onState: (s) => states.push(s) });
    const now = Date.now();
    for (let i = 0; i < 1000; i++) {
      const w = wire(i);
      r.message(i, now + i, w.channels[0]!, Buffer.from(w.payload));
      r.merge(i, w.channels[1]!);
    }
    r.log({ at: now, service: 'valkey', stream: 'stdout', container: null, text: 'Ready to accept connections tcp' });
    r.event({ at: now, source: 'health', service: 'valkey', status: 'healthy', message: null });
    await r.drain();
    const page = await r.read('messages', { limit: 2 });
    expect(page.matched).toBe(1000);
    expect(page.items.map((m) => [m.postId, m.channels])).toEqual([
      ['p999', ['agent_events:global', 'agent_events:agent:ops']],
      ['p998', ['agent_events:global', 'agent_events:agent:ops']],
    ]);
    await r.close();
    expect(states.at(-1)).toMatchObject({ status: 'recording', path: file });

    const again = new Recorder({ file, retention });
    const found = await waitForIndex(again);
    expect(found.matched).toBe(1);
    expect(found.items[0]!.postId).toBe('p42');
    expect((await again.read('logs', { text: 'accept' })).lines[0]).toMatchObject({ service: 'valkey' });
    expect((await again.read('timeline', { from: now - 1000, to: now + 2000, buckets: 3 })).events).toEqual([
      expect.objectContaining({ source: 'health', service: 'valkey', status: 'healthy' }),
    ]);
    await again.close();
  });

  it('closing with a backlog writes what it can in time, records the rest as a gap, and closes the file cleanly', async () => {
    const file = tempFile();
    const r = new Recorder({ file, retention, closeWriteMs: 0 });
    const now = Date.now();
    const total = 60_000;
    // Six batches of 10,000 handed over at once: the worker is still writing the first when close arrives.
    for (let i = 0; i < total; i++) {
      const w = wire(i);
      r.message(i, now + i, w.channels[0]!, Buffer.from(w.payload));
    }
    await r.close();
    const lost = r.state().lost;
    expect(lost).toBeGreaterThan(0);

    const again = new Recorder({ file, retention });
    const page = await again.read('messages', { limit: 1 });
    expect(page.matched).toBe(total - lost);
    const timeline = await again.read('timeline', { from: now - 1000, to: now + total + 1000, buckets: 3 });
    expect(timeline.events).toEqual([
      expect.objectContaining({ source: 'gap', message: expect.stringContaining(`before ${lost} messages and 0 log lines`) }),
    ]);
    await again.close();
    const db = new RecordDb(file);
    expect(db.integrity()).toBe('ok');
    db.close();
  });

  it('answers a bad search with the contract error, and a read after close is refused', async () => {
    const r = new Recorder({ file: tempFile(), retention });
    await expect(r.read('messages', { text: '  ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await r.close();
    await expect(r.read('messages', {})).rejects.toMatchObject({ code: 'RECORDER_UNAVAILABLE' });
  });
});

async function waitForIndex(r: Recorder) {
  for (let i = 0; i < 100; i++) {
    const p = await r.read('messages', { text: '"42"' });
    if (p.unindexed === 0) return p;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('the record was not indexed within 5 s');
}
