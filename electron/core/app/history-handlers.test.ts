// The import commands through the recorder's real worker thread: pieces in, the file
// checked and written by the worker, the temporary file gone afterwards; and refused
// before any byte is kept when there is nothing to import into.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { service, snapshot } from '../../../shared/testing/snapshots';
import { ImportUploads } from '../recorder/import-uploads';
import { Replays } from '../recorder/replay';
import { StackRecorder } from '../recorder/stack-recorder';
import { historyHandlers } from './history-handlers';

const dirs: string[] = [];
const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function handlersWith(dir: string | null) {
  const recorder = new StackRecorder({ dir, settings: DEFAULT_SETTINGS, onState: () => {} });
  const uploads = new ImportUploads({ maxBytes: 1024 * 1024, open: 2, perClient: 2, idleMs: 60_000 }, dir ?? tmpdir());
  closers.push(
    () => recorder.close(),
    () => uploads.close(),
  );
  recorder.snapshot(snapshot([service('valkey', 'healthy')], { project: 'one' }));
  const h = historyHandlers({ recorder, replays: new Replays(() => {}), uploads, valkeyUrl: () => 'redis://127.0.0.1:1' });
  return { h, uploads };
}

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const me = { client: 'ws:1' };
const line = (at: number, content: string) =>
  JSON.stringify({
    at,
    channels: ['agent_events:global'],
    payload: JSON.stringify({ topics: ['global'], event: { type: 'agent_post', data: { content, sender_id: 'a', sender_name: 'A' } } }),
  });

describe('history import commands', () => {
  it('adds an uploaded export to the record through the worker, and keeps no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hist-import-'));
    dirs.push(dir);
    const { h, uploads } = handlersWith(dir);
    const text = `${line(1_000_000, 'first words')}\n${line(2_000_000, 'second words')}\n`;
    const { upload } = await h['history.importChunk']({ name: 'mine.jsonl', data: b64(text.slice(0, 40)) }, me);
    await h['history.importChunk']({ upload, name: 'mine.jsonl', data: b64(text.slice(40)) }, me);
    expect(await h['history.importFinish']({ upload }, me)).toEqual({ name: 'mine.jsonl', messages: 2, from: 1_000_000, to: 2_000_000 });
    expect(uploads.size).toBe(0);
    const page = await h['history.messages']({ text: 'second' }, me);
    expect(page.items.map((m) => m.preview)).toEqual(['A: second words']);
    // Checked before it is written: a bad line adds nothing, and names the line.
    const bad = await h['history.importChunk']({ name: 'bad.jsonl', data: b64(`${line(3_000_000, 'third')}\nnot json\n`) }, me);
    await expect(h['history.importFinish']({ upload: bad.upload }, me)).rejects.toMatchObject({
      code: 'IMPORT_INVALID',
      message: expect.stringMatching(/^bad\.jsonl:2: not JSON/),
    });
    expect((await h['history.messages']({}, me)).matched).toBe(2);
    const [folder] = readdirSync(dir).filter((f) => f.startsWith('atom-desktop-import-'));
    expect(readdirSync(join(dir, folder!))).toEqual([]);
  });

  it('refuses the first piece when the app keeps no record', async () => {
    const { h, uploads } = handlersWith(null);
    expect(() => h['history.importChunk']({ name: 'mine.jsonl', data: b64('x') }, me)).toThrow(
      expect.objectContaining({ code: 'RECORDER_UNAVAILABLE', message: expect.stringContaining('Nothing can be imported') }),
    );
    expect(uploads.size).toBe(0);
  });
});
