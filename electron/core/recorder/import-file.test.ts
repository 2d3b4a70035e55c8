import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atomWire } from '../../../shared/testing/python-json';
import { BatchBuilder } from './batch';
import { exportLine } from './export-line';
import { importFile, isSqliteFile } from './import-file';
import { RecordDb } from './record-db';

const T0 = Date.UTC(2026, 11, 1, 14, 0, 0);
const post = (id: string, sender: string, content: string) =>
  atomWire(['global', `agent:${sender}`], {
    type: 'agent_post',
    data: { id, is_public: true, post_type: 'status', content, sender_type: 'agent', sender_id: sender, sender_name: sender.toUpperCase() },
  });

let dir: string;
let db: RecordDb;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'import-file-'));
  db = new RecordDb(join(dir, 'stack.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A record of its own holding n posts, one a second from T0. */
function recordOf(file: string, n: number): void {
  const source = new RecordDb(file);
  const b = new BatchBuilder();
  for (let i = 0; i < n; i++) {
    const w = post(`p${i}`, i % 2 ? 'scout' : 'ops', `message ${i}`);
    b.message(i, T0 + i * 1000, w.channels[0]!, Buffer.from(w.payload));
    for (const c of w.channels.slice(1)) b.merge(i, c);
  }
  source.append(b.take());
  source.close();
}

describe('importFile', () => {
  it('adds the messages of a JSON Lines export with their times and channels, searchable at once', () => {
    const other = join(dir, 'other.db');
    recordOf(other, 3);
    const source = new RecordDb(other);
    const jsonl = join(dir, 'export.jsonl');
    writeFileSync(jsonl, `${source.rawRange({}, 0, 10).map(exportLine).join('\n')}\n`);
    source.close();

    expect(isSqliteFile(jsonl)).toBe(false);
    expect(importFile(db, jsonl, 'export.jsonl')).toEqual({ messages: 3, from: T0, to: T0 + 2000 });
    const page = db.queryMessages({});
    expect(page.matched).toBe(3);
    expect(page.items.map((m) => [m.receivedAt, m.channels])).toEqual(
      [2, 1, 0].map((i) => [T0 + i * 1000, ['agent_events:global', `agent_events:agent:${i % 2 ? 'scout' : 'ops'}`]]),
    );
    expect(db.queryMessages({ text: 'message' }).matched).toBe(3);
    expect(db.unindexed()).toEqual({ messages: 0, logs: 0 });
  });

  it("adds another record's messages when the file is a SQLite record, whatever its name", () => {
    const other = join(dir, 'colleague.export');
    recordOf(other, 12_000);
    expect(isSqliteFile(other)).toBe(true);
    expect(importFile(db, other, 'colleague.export')).toEqual({ messages: 12_000, from: T0, to: T0 + 11_999_000 });
    expect(db.queryMessages({ agent: 'SCOUT' }).matched).toBe(6_000);
  });

  it('names the line at fault, and writes nothing from a file with a bad line', () => {
    const good = JSON.stringify({ at: T0, channels: ['agent_events:global'], payload: '{"type":"agent_post"}' });
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${good}\n\n${good}\n{"at": "soon"}\n${good}\n`);
    expect(() => importFile(db, bad, 'mine.jsonl')).toThrow(
      expect.objectContaining({ code: 'IMPORT_INVALID', message: 'mine.jsonl:4: "at" must be a time in ms' }),
    );
    expect(db.queryMessages({}).matched).toBe(0);
  });

  it('refuses a file with no messages, and a file that is neither JSON Lines nor a record', () => {
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '\n\n');
    expect(() => importFile(db, empty, 'empty.jsonl')).toThrow('empty.jsonl holds no messages to import');
    const png = join(dir, 'picture.png');
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(() => importFile(db, png, 'picture.png')).toThrow(/^picture\.png:1: not JSON/);
  });

  it('never takes an imported message for a live one: a later live merge goes to the live message', () => {
    const live = post('live', 'ops', 'live post');
    const b = new BatchBuilder();
    b.message(1, T0, live.channels[0]!, Buffer.from(live.payload));
    db.append(b.take());
    const jsonl = join(dir, 'one.jsonl');
    const line = (at: number) => JSON.stringify({ at, channels: ['agent_events:imported'], payload: '{"type":"agent_post"}' });
    writeFileSync(jsonl, `${line(T0 + 1)}\n${line(T0 + 2)}\n`);
    importFile(db, jsonl, 'one.jsonl');
    // The live message (seq 1) arrives on its second channel after the import.
    const more = new BatchBuilder();
    more.merge(1, live.channels[1]!);
    db.append(more.take());
    const byTime = db.queryMessages({}).items.sort((x, y) => x.receivedAt - y.receivedAt);
    expect(byTime.map((m) => m.channels)).toEqual([live.channels, ['agent_events:imported'], ['agent_events:imported']]);
  });
});
