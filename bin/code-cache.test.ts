// The CLI's code cache: reused only for the same build, command and Node; replaced when
// V8 refuses it; never in the way when it cannot be read or written.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cacheFileName, codeCacheDir } from './code-cache.mjs';

const MODULE = fileURLToPath(new URL('./code-cache.mjs', import.meta.url));

/**
 * Each load in a process of its own, as the CLI does: within one process V8 already
 * holds the compiled script and would never consult the cache.
 */
function loadBundle(file: string, command: string | null, env: NodeJS.ProcessEnv, save = true) {
  const script = `
    const { loadBundle } = await import(${JSON.stringify(MODULE)});
    const b = loadBundle(${JSON.stringify(file)}, ${JSON.stringify(command)});
    const os = await b.exports.loadOs();
    const saves = ${save} ? [b.save(), b.save()] : [];
    console.log(JSON.stringify({ status: b.status, answer: b.exports.answer, base: b.exports.base, os, saves }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...env }, encoding: 'utf8' });
  return JSON.parse(out) as { status: string; answer: number; base: string; os: string; saves: string[] };
}

/** A small CommonJS bundle with its id, and a cache folder of its own. */
function fixture(id = 'build1') {
  const dir = mkdtempSync(join(tmpdir(), 'atom-code-cache-'));
  const file = join(dir, 'bundle.cjs');
  writeFileSync(
    file,
    [
      'const path = require("node:path");',
      'function work(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }',
      'exports.answer = work(10);',
      'exports.base = path.basename(__filename);',
      'exports.loadOs = async () => typeof require("node:os").cpus;',
    ].join('\n'),
  );
  writeFileSync(`${file}.id`, `${id}\n`);
  const env = { ATOM_DESKTOP_CACHE_DIR: join(dir, 'cache') };
  return { dir, file, env, cache: codeCacheDir(env) };
}

describe('loadBundle', () => {
  it('compiles without a cache, writes one, and the next run is handed it', () => {
    const f = fixture();
    // The bundle ran (its answer, its own require() and __filename), with this cache status and saves.
    const ran = (status: string, saves: string[]) => ({ status, answer: 45, base: 'bundle.cjs', os: 'function', saves });
    expect(loadBundle(f.file, 'ps', f.env)).toEqual(ran('absent', ['written', 'skipped']));
    expect(readdirSync(f.cache)).toEqual([cacheFileName('build1', 'ps')]);
    expect(loadBundle(f.file, 'ps', f.env)).toEqual(ran('accepted', ['skipped', 'skipped']));
  });

  it('keeps one cache per command', () => {
    const f = fixture();
    loadBundle(f.file, 'ps', f.env);
    expect(loadBundle(f.file, 'config', f.env, false).status).toBe('absent');
    expect(loadBundle(f.file, 'ps', f.env).status).toBe('accepted');
  });

  it('never uses the cache of another build, and drops it when writing its own', () => {
    const f = fixture('build1');
    loadBundle(f.file, 'ps', f.env);
    writeFileSync(`${f.file}.id`, 'build2');
    const next = loadBundle(f.file, 'ps', f.env);
    expect([next.status, next.saves[0]]).toEqual(['absent', 'written']);
    expect(readdirSync(f.cache)).toEqual([cacheFileName('build2', 'ps')]);
  });

  it('replaces a cache V8 refuses', () => {
    const f = fixture();
    loadBundle(f.file, 'ps', f.env);
    const path = join(f.cache, cacheFileName('build1', 'ps'));
    writeFileSync(path, Buffer.alloc(readFileSync(path).length, 7));
    const damaged = loadBundle(f.file, 'ps', f.env);
    expect([damaged.status, damaged.answer, damaged.saves[0]]).toEqual(['rejected', 45, 'written']);
    expect(loadBundle(f.file, 'ps', f.env).status).toBe('accepted');
  });

  it('is off without an id, without a command, or when turned off', () => {
    const f = fixture();
    for (const [command, env] of [
      [null, f.env],
      ['ps', { ...f.env, ATOM_DESKTOP_CODE_CACHE: 'off' }],
    ] as const) {
      const b = loadBundle(f.file, command, env);
      expect([b.status, b.answer, b.saves[0]]).toEqual(['off', 45, 'skipped']);
    }
    writeFileSync(`${f.file}.id`, '');
    expect(loadBundle(f.file, 'ps', f.env).status).toBe('off');
  });

  it('runs all the same when the cache cannot be written', () => {
    const f = fixture();
    writeFileSync(join(f.dir, 'cache'), 'a file where the folder should be');
    const b = loadBundle(f.file, 'ps', f.env);
    expect([b.status, b.answer, b.saves[0]]).toEqual(['absent', 45, 'failed']);
  });

  it('names a file for the odd command safely', () => {
    expect(cacheFileName('id', '../../etc')).toBe(`id-other-${process.version}-${process.arch}.v8`);
  });
});
