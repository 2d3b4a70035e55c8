import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecorderState } from '../../../shared/history';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { service, snapshot } from '../../../shared/testing/snapshots';
import { recordFileOf, StackRecorder } from './stack-recorder';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('StackRecorder', () => {
  it('keeps one database per project, switched with the stack, and records its health transitions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stack-rec-'));
    dirs.push(dir);
    const states: RecorderState[] = [];
    const r = new StackRecorder({ dir, settings: DEFAULT_SETTINGS, onState: (s) => states.push(s) });
    r.snapshot(snapshot([service('valkey', 'healthy')], { project: 'one' }));
    r.logs([{ seq: 1, service: 'valkey', stream: 'stdout', ts: '2026-12-01T14:00:00.000Z', text: 'Ready' }]);
    await r.drain();
    expect((await r.read('logs', {})).lines).toEqual([
      expect.objectContaining({ at: Date.parse('2026-12-01T14:00:00.000Z'), text: 'Ready' }),
    ]);
    expect(r.state().path).toBe(recordFileOf(dir, 'one'));
    r.snapshot(snapshot([service('valkey', 'exited')], { project: 'two' }));
    await r.drain();
    expect((await r.read('logs', {})).matched).toBe(0);
    const tl = await r.read('timeline', { from: Date.now() - 60_000, to: Date.now() + 1000, buckets: 10 });
    expect(tl.events.map((e) => [e.service, e.status])).toEqual([['valkey', 'exited']]);
    await r.close();
  });

  it('turned off in Settings: says so, and reads are refused with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stack-rec-'));
    dirs.push(dir);
    const states: RecorderState[] = [];
    const r = new StackRecorder({ dir, settings: DEFAULT_SETTINGS, onState: (s) => states.push(s) });
    r.snapshot(snapshot([], { project: 'p' }));
    await r.setSettings({ ...DEFAULT_SETTINGS, recordEnabled: false });
    expect(r.state()).toMatchObject({ status: 'off', reason: 'Recording is off in Settings' });
    await expect(r.read('messages', {})).rejects.toMatchObject({
      code: 'RECORDER_UNAVAILABLE',
      message: expect.stringContaining('off in Settings'),
    });
    await r.setSettings(DEFAULT_SETTINGS);
    await r.drain();
    expect((await r.read('messages', {})).matched).toBe(0);
    await r.close();
  });

  it('without a data folder, nothing is recorded and reads say why', async () => {
    const r = new StackRecorder({ dir: null, settings: DEFAULT_SETTINGS, onState: () => undefined });
    r.snapshot(snapshot([], { project: 'p' }));
    await expect(r.read('messages', {})).rejects.toMatchObject({ message: expect.stringContaining('no data folder') });
  });
});
