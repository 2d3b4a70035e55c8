// Crash safety: the core killed with SIGKILL while it records 10,000 messages/s loses at
// most the last second (the group commit, LIMITS.recordCommitMs, plus the write), and
// the record opens cleanly afterwards with no corruption.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { RecordDb } from './record-db';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the recorder killed with SIGKILL mid-flood', () => {
  it('loses at most the last second, and the database passes integrity_check', async () => {
    const file = join(dir, 'crash.db');
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin/run-ts.mjs'), join(ROOT, 'electron/core/recorder/testing/flood-recorder.ts'), file, '10000'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let last = { handed: 0, at: 0 };
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const lines = out.split('\n');
      out = lines.pop() ?? '';
      const l = lines.at(-1);
      if (l) {
        const [handed, at] = l.split(' ').map(Number);
        last = { handed: handed!, at: at! };
      }
    });
    // Four seconds of recording once the flood runs.
    const t0 = Date.now();
    while (last.handed < 40_000 && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 50));
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    const killedAt = Date.now();
    await exited;
    expect(last.handed).toBeGreaterThanOrEqual(40_000);

    const db = new RecordDb(file);
    try {
      expect(db.integrity()).toBe('ok');
      const page = db.queryMessages({ limit: 1 });
      const newest = page.items[0]!;
      // Nothing lost before the last second: the newest recorded message is under a second older than the kill.
      expect(killedAt - newest.receivedAt).toBeLessThanOrEqual(1000);
      // And everything up to it is there, in order, without holes.
      expect(page.matched).toBe(Number(newest.postId!.slice(1)) + 1);
      console.log(`[crash] handed ${last.handed}, recorded ${page.matched}, newest ${killedAt - newest.receivedAt} ms before the kill`);
    } finally {
      db.close();
    }
  }, 90_000);
});
