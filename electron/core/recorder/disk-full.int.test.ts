// A full disk stops recording with a message that says so and names the file; the live
// pipeline goes on, and what was recorded can still be read. The disk is a tmpfs of a
// few MB that the test mounts (and always unmounts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecorderState } from '../../../shared/history';
import { TrafficMonitor } from '../traffic/monitor';
import { waitFor } from '../testing/wait';
import { Recorder } from './recorder';

const mnt = mkdtempSync(join(tmpdir(), 'full-disk-'));
beforeAll(() => {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mnt]);
});
afterAll(() => {
  try {
    execFileSync('umount', [mnt]);
  } finally {
    rmSync(mnt, { recursive: true, force: true });
  }
});

describe('the recorder on a full disk', () => {
  it('stops with a clear reason; the monitor keeps working and the record stays readable', async () => {
    const file = join(mnt, 'stack.db');
    const states: RecorderState[] = [];
    const recorder = new Recorder({ file, retention: { maxBytes: 1e12, maxAgeMs: 1e12 }, onState: (s) => states.push(s), commitMs: 20 });
    const monitor = new TrafficMonitor();
    monitor.setTap(recorder);
    const filler = 'x'.repeat(8_000);
    let n = 0;
    const stopped = await waitFor(
      'recording stopped',
      () => {
        for (let i = 0; i < 50; i++, n++) {
          monitor.ingest(
            'agent_events:global',
            Buffer.from(
              JSON.stringify({ topics: ['global'], event: { type: 'agent_post', data: { id: `p${n}`, content: `${n} ${filler}` } } }),
            ),
          );
        }
        return states.find((s) => s.status === 'stopped');
      },
      60_000,
      10,
    );
    expect(stopped.reason).toContain(file);
    expect(stopped.reason).toMatch(/full: recording stopped \(the live view goes on\)/);
    expect(n).toBeGreaterThan(100);
    // The live side: new messages are still decoded and listed.
    monitor.ingest(
      'agent_events:global',
      Buffer.from(JSON.stringify({ topics: ['global'], event: { type: 'agent_post', data: { id: 'after', content: 'still live' } } })),
    );
    expect((await monitor.query({ text: 'still live' })).matched).toBe(1);
    // What was written before is readable, and what could not be recorded is counted.
    const page = await recorder.read('messages', { limit: 1 });
    expect(page.matched).toBeGreaterThan(0);
    expect(page.matched).toBeLessThan(n);
    monitor.ingest('agent_events:global', Buffer.from('{"topics":["global"],"event":{"type":"agent_post","data":{"id":"x"}}}'));
    expect(recorder.state().lost).toBeGreaterThan(0);
    await recorder.close();
    await monitor.dispose();
  }, 90_000);
});
