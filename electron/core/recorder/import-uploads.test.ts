import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importChunkSchema } from '../../../shared/history';
import { LIMITS } from '../../../shared/rules';
import { ImportUploads } from './import-uploads';

const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');
let uploads: ImportUploads;
afterEach(() => {
  uploads.close();
  vi.useRealTimers();
});

describe('ImportUploads', () => {
  it('joins the pieces in order into one file, hands it over once, then removes it', async () => {
    uploads = new ImportUploads();
    const first = uploads.chunk({ name: 'mine.jsonl', data: b64('{"a":') }, 'a');
    expect(first.bytes).toBe(5);
    expect(uploads.chunk({ upload: first.upload, name: 'mine.jsonl', data: b64('1}\n') }, 'a')).toEqual({ upload: first.upload, bytes: 8 });
    let seen = '';
    let kept = '';
    const out = await uploads.finish(first.upload, 'a', async (file, name) => {
      seen = `${name}: ${readFileSync(file, 'utf8')}`;
      kept = file;
      return 42;
    });
    expect([out, seen]).toEqual([42, 'mine.jsonl: {"a":1}\n']);
    expect(existsSync(kept)).toBe(false);
    await expect(uploads.finish(first.upload, 'a', async () => 0)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(() => uploads.chunk({ upload: first.upload, name: 'mine.jsonl', data: '' }, 'a')).toThrow(/No import upload/);
  });

  it('removes the file when the import fails, too', async () => {
    uploads = new ImportUploads();
    const { upload } = uploads.chunk({ name: 'x.jsonl', data: b64('x') }, 'a');
    let kept = '';
    await expect(
      uploads.finish(upload, 'a', async (file) => {
        kept = file;
        throw new Error('bad file');
      }),
    ).rejects.toThrow('bad file');
    expect(existsSync(kept)).toBe(false);
  });

  it('refuses a file past its size limit, naming it, and drops what it had', () => {
    uploads = new ImportUploads({ maxBytes: 10, open: 4, perClient: 4, idleMs: 60_000 });
    const { upload } = uploads.chunk({ name: 'big.jsonl', data: b64('123456') }, 'a');
    expect(() => uploads.chunk({ upload, name: 'big.jsonl', data: b64('789012') }, 'a')).toThrow(
      expect.objectContaining({ code: 'IMPORT_INVALID', message: expect.stringMatching(/^big\.jsonl is larger than/) }),
    );
    expect(uploads.size).toBe(0);
  });

  it('holds a bounded number of uploads, and drops one that sits idle', () => {
    vi.useFakeTimers();
    uploads = new ImportUploads({ maxBytes: 100, open: 2, perClient: 2, idleMs: 1_000 });
    const a = uploads.chunk({ name: 'a', data: '' }, 'a');
    uploads.chunk({ name: 'b', data: '' }, 'a');
    expect(() => uploads.chunk({ name: 'c', data: '' }, 'a')).toThrow(expect.objectContaining({ code: 'TOO_MANY_REQUESTS' }));
    vi.advanceTimersByTime(600);
    uploads.chunk({ upload: a.upload, name: 'a', data: b64('x') }, 'a');
    vi.advanceTimersByTime(600);
    // b sat idle for 1.2 s and is gone; a was touched 0.6 s ago and stays.
    expect(uploads.size).toBe(1);
    expect(uploads.cancel(a.upload)).toBe(true);
    expect(uploads.cancel(a.upload)).toBe(false);
    expect(uploads.size).toBe(0);
  });

  it('gives each client its share: one that holds its quota leaves the rest to others', () => {
    uploads = new ImportUploads({ maxBytes: 100, open: 3, perClient: 2, idleMs: 60_000 });
    uploads.chunk({ name: 'a1', data: '' }, 'a');
    uploads.chunk({ name: 'a2', data: '' }, 'a');
    expect(() => uploads.chunk({ name: 'a3', data: '' }, 'a')).toThrow(
      expect.objectContaining({ code: 'TOO_MANY_REQUESTS', message: expect.stringContaining('this client already has 2') }),
    );
    const b = uploads.chunk({ name: 'b1', data: '' }, 'b');
    // The total is reached: the third client is told so, not that it holds too many.
    expect(() => uploads.chunk({ name: 'c1', data: '' }, 'c')).toThrow(
      expect.objectContaining({ code: 'TOO_MANY_REQUESTS', message: expect.stringContaining('3 imports uploading over every client') }),
    );
    // Another client's upload is not there for it: not to add to, finish or cancel.
    expect(() => uploads.chunk({ upload: b.upload, name: 'b1', data: b64('x') }, 'a')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(uploads.cancel(b.upload, 'a')).toBe(false);
    expect(uploads.chunk({ upload: b.upload, name: 'b1', data: b64('x') }, 'b').bytes).toBe(1);
  });

  it('drops every upload of a client that went away, and its files, and only those', () => {
    const parent = mkdtempSync(join(tmpdir(), 'uploads-release-'));
    uploads = new ImportUploads({ maxBytes: 100, open: 4, perClient: 4, idleMs: 60_000 }, parent);
    const start = (owner: string) => uploads.chunk({ name: owner, data: b64('x') }, owner);
    const a1 = start('a');
    const a2 = start('a');
    const b1 = start('b');
    const [folder] = readdirSync(parent);
    const files = () => readdirSync(join(parent, folder!)).sort();
    expect(files()).toEqual([a1.upload, a2.upload, b1.upload].sort());
    uploads.release('a');
    expect(files()).toEqual([b1.upload]);
    expect(() => uploads.chunk({ upload: a1.upload, name: 'a', data: '' }, 'a')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(uploads.chunk({ upload: b1.upload, name: 'b', data: b64('y') }, 'b').bytes).toBe(2);
    uploads.close();
    rmSync(parent, { recursive: true, force: true });
  });

  it('the contract takes a piece of the chunk size and no more, and only base64', () => {
    const full = b64(Buffer.alloc(LIMITS.importChunkBytes));
    expect(importChunkSchema.safeParse({ name: 'a', data: full }).success).toBe(true);
    expect(importChunkSchema.safeParse({ name: 'a', data: `${full}AAAA` }).success).toBe(false);
    expect(importChunkSchema.safeParse({ name: 'a', data: 'not base64!' }).success).toBe(false);
    // The command around the largest piece still fits one headless-server message.
    expect(
      JSON.stringify({ t: 'cmd', id: 1, name: 'history.importChunk', input: { name: 'x'.repeat(255), data: full } }).length,
    ).toBeLessThan(LIMITS.clientMessageBytes);
  });
});
