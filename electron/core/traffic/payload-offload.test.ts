import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { firstPages, indexJson, pageAt } from './json-pages';
import { PayloadOffload } from './payload-offload';
import type { PayloadJob } from './payload-jobs';
import { TrafficMonitor } from './monitor';

const wide = Buffer.from(JSON.stringify({ list: Array.from({ length: 20_000 }, (_, i) => ({ n: i, s: `item ${i}` })) }));

describe('the payload worker', () => {
  const opened: PayloadOffload[] = [];
  const offload = (start?: () => Worker): PayloadOffload => {
    const o = new PayloadOffload(start);
    opened.push(o);
    return o;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((o) => o.close()));
    vi.restoreAllMocks();
  });

  it('answers a regex test and a JSON index as the inline code does, from a view into a larger buffer', async () => {
    const w = offload();
    // A view: only its own bytes may be read, not the rest of the slab.
    const slab = Buffer.concat([Buffer.from('zzzz'), wide, Buffer.from('aaaa')]);
    const view = slab.subarray(4, 4 + wide.length);
    expect(await w.run({ op: 'regex', pattern: '"s":"item 19999"', bytes: view, latin1: false })).toBe(true);
    expect(await w.run({ op: 'regex', pattern: 'zzzz|aaaa', bytes: view, latin1: false })).toBe(false);
    expect(await w.run({ op: 'regex', pattern: '^\\xff\\x00', bytes: Buffer.from([0xff, 0, 1]), latin1: true })).toBe(true);
    const index = await w.run({ op: 'index', bytes: view });
    const inline = indexJson(wide.toString('utf8'))!;
    expect(index).not.toBeNull();
    expect(firstPages(index!)).toEqual(firstPages(inline));
    expect(pageAt(index!, [0, 0], 19_990)).toEqual(pageAt(inline, [0, 0], 19_990));
  });

  it("passes a job's own error on, and keeps working after it", async () => {
    const w = offload();
    await expect(w.run({ op: 'index', bytes: Buffer.from('{"a": "unterminated') })).rejects.toThrow(/unterminated string/);
    expect(await w.run({ op: 'regex', pattern: 'b+', bytes: Buffer.from('abba'), latin1: false })).toBe(true);
  });

  it('does the job inline when the worker dies, says so once, and starts a new worker for the next', async () => {
    const said = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let starts = 0;
    const dying = () => {
      starts++;
      return new Worker('process.exit(3)', { eval: true });
    };
    const w = offload(dying);
    const job: PayloadJob = { op: 'regex', pattern: 'item 7', bytes: wide, latin1: false };
    expect(await w.run(job)).toBe(true);
    expect(await w.run(job)).toBe(true);
    expect(starts).toBe(2);
    const warnings = said.mock.calls.filter(([s]) => String(s).includes('payload worker unavailable'));
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]?.[0])).toMatch(/exited with code 3/);
  });

  it("sends a regex over a large payload to the monitor's payload work, and a small one not", async () => {
    const jobs: string[] = [];
    const m = new TrafficMonitor({
      payloadWork: {
        run: async (job) => {
          jobs.push(`${job.op}:${job.bytes.length}`);
          return (await import('./payload-jobs')).runPayloadJob(job);
        },
        close: async () => undefined,
      },
    });
    m.ingest('agent_events:global', wide);
    m.ingest('agent_events:global', Buffer.from(JSON.stringify({ note: 'item 19999 is small' })));
    const r = await m.query({ text: 'item 19999\\b', regex: true });
    expect(r.matched).toBe(2);
    expect(jobs).toEqual([`regex:${wide.length}`]);
    await m.dispose();
  });
});
