import { LIMITS } from '../../../shared/rules';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { LogLine, ServiceState } from '../../../shared/stack';
import type { EngineConnection } from './connection';
import { LogStore } from './logs';
import { service } from '../../../shared/testing/snapshots';

function frame(stream: 1 | 2, text: string): Buffer {
  const body = Buffer.from(text);
  const h = Buffer.alloc(8);
  h[0] = stream;
  h.writeUInt32BE(body.length, 4);
  return Buffer.concat([h, body]);
}

/** A fake engine whose containers' log streams the test writes to. */
function fakeEngine() {
  const streams = new Map<string, PassThrough>();
  const calls: { id: string; opts: Record<string, unknown> }[] = [];
  const docker = {
    getContainer: (id: string) => ({
      inspect: async () => ({ Config: { Tty: false } }),
      logs: async (opts: Record<string, unknown>) => {
        calls.push({ id, opts });
        const s = new PassThrough();
        streams.set(id, s);
        return s;
      },
    }),
  };
  const connection = { docker: () => docker } as unknown as EngineConnection;
  return { connection, streams, calls };
}

const running = (name: string, id: string, startedAt = 't1'): ServiceState =>
  service(name, 'running', { image: 'i', containerName: name, containerId: id, hasHealthcheck: false, startedAt });

const tick = () => new Promise((r) => setTimeout(r, 30));

describe('LogStore', () => {
  it('follows running services, merges by time, bounds the buffer and batches lines', async () => {
    const fake = fakeEngine();
    const store = new LogStore(fake.connection, { capacity: 3, batchMs: 10 });
    const batches: LogLine[][] = [];
    store.onLines((l) => batches.push(l));
    store.update([running('a', 'ida'), running('b', 'idb')]);
    await tick();
    expect(fake.calls.map((c) => [c.id, c.opts.follow, c.opts.timestamps, c.opts.tail])).toEqual([
      ['ida', true, true, LIMITS.logLinesKept],
      ['idb', true, true, LIMITS.logLinesKept],
    ]);
    fake.streams.get('ida')!.write(frame(1, '2026-01-01T00:00:01Z a1\n2026-01-01T00:00:03Z a2\n'));
    fake.streams.get('idb')!.write(frame(2, '2026-01-01T00:00:02Z b1\n'));
    await tick();
    expect(store.get(null).map((l) => `${l.service}:${l.stream}:${l.text}`)).toEqual(['a:stdout:a1', 'b:stderr:b1', 'a:stdout:a2']);
    expect(batches.flat().length).toBe(3);
    fake.streams.get('ida')!.write(frame(1, '2026-01-01T00:00:04Z a3\n2026-01-01T00:00:05Z a4\n'));
    await tick();
    expect(store.get('a').map((l) => l.text)).toEqual(['a2', 'a3', 'a4']);
    expect(store.get('a', 1).map((l) => l.text)).toEqual(['a4']);
    // Chunks going back: the lines before a given one, in the view's order (merged: by time).
    const a4 = store.get('a', 1)[0]!.seq;
    expect(store.get('a', 2, a4).map((l) => l.text)).toEqual(['a2', 'a3']);
    const b1 = store.get('b')[0]!.seq;
    expect(store.get(null, 5, b1).map((l) => l.text)).toEqual([]);
    expect(store.get(null, 1, store.get(null).at(-1)!.seq).map((l) => l.text)).toEqual(['a3']);
    expect(store.get('a', 2, 999_999)).toEqual([]);
    store.clear('a');
    expect(store.get('a')).toEqual([]);
    expect(store.get(null).map((l) => l.text)).toEqual(['b1']);
    store.close();
  });

  it('resumes a restarted container with since and drops what it already has', async () => {
    const fake = fakeEngine();
    const store = new LogStore(fake.connection, { batchMs: 5 });
    store.update([running('a', 'ida', 't1')]);
    await tick();
    fake.streams.get('ida')!.end(frame(1, '2026-01-01T00:00:01.5Z one\n'));
    await tick();
    store.update([{ ...running('a', 'ida', 't1'), status: 'exited', startedAt: null }]);
    store.update([running('a', 'ida', 't2')]);
    await tick();
    expect(fake.calls[1]?.opts.since).toBe(`${Date.parse('2026-01-01T00:00:01Z') / 1000}.500000000`);
    // The engine's since is inclusive: the same line again is dropped.
    fake.streams.get('ida')!.write(frame(1, '2026-01-01T00:00:01.5Z one\n2026-01-01T00:00:02Z two\n'));
    await tick();
    expect(store.get('a').map((l) => l.text)).toEqual(['one', 'two']);
    store.close();
  });
});
