import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint, watchFiles } from './file-watch';

describe('file watching', () => {
  it('the fingerprint changes when a file is created, written or removed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atom-fp-'));
    const f = join(dir, '.env');
    const absent = fingerprint([f]);
    expect(absent).toBe(`${f}:absent`);
    writeFileSync(f, 'A=1\n');
    const one = fingerprint([f]);
    expect(one).not.toBe(absent);
    writeFileSync(f, 'A=22\n');
    expect(fingerprint([f])).not.toBe(one);
  });

  it('notices a save done by rename (as editors do), once per burst', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atom-watch-'));
    const f = join(dir, 'compose.yaml');
    writeFileSync(f, 'a');
    let calls = 0;
    const stop = watchFiles([f], () => calls++, 50);
    writeFileSync(join(dir, 'compose.yaml.tmp'), 'b');
    renameSync(join(dir, 'compose.yaml.tmp'), f);
    writeFileSync(f, 'c');
    await new Promise((r) => setTimeout(r, 300));
    writeFileSync(join(dir, 'unrelated.txt'), 'x');
    await new Promise((r) => setTimeout(r, 200));
    stop();
    expect(calls).toBe(1);
  });
});
