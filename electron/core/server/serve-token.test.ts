import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateToken } from './serve-token';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the kept server token', () => {
  it('is created once, readable by the user only, and the same on every later start', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'atom-token-')), 'nested', 'serve-token');
    const first = loadOrCreateToken(path);
    expect(first.created).toBe(true);
    expect(first.token).toMatch(/^[\w-]{32}$/);
    expect(mode(path)).toBe(0o600);
    expect(loadOrCreateToken(path)).toEqual({ token: first.token, created: false });
  });

  it('tightens a loosened file and replaces a damaged one', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'atom-token-')), 'serve-token');
    const { token } = loadOrCreateToken(path);
    chmodSync(path, 0o644);
    expect(loadOrCreateToken(path).token).toBe(token);
    expect(mode(path)).toBe(0o600);
    writeFileSync(path, 'not a token\n');
    const replaced = loadOrCreateToken(path);
    expect(replaced.created).toBe(true);
    expect(replaced.token).not.toBe(token);
    expect(readFileSync(path, 'utf8')).toBe(`${replaced.token}\n`);
  });
});
