import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../shared/result';
import { fetchExport } from './fetch-export';

describe('fetchExport', () => {
  it('asks for older chunks until there are none and returns the parts oldest first', async () => {
    const calls: unknown[] = [];
    const chunks = [
      { jsonl: 'c\nd\n', count: 2, next: 2 },
      { jsonl: 'a\nb\n', count: 2, next: null },
    ];
    const api = {
      invoke: async (_name: string, input: unknown) => {
        calls.push(input);
        return ok(chunks[calls.length - 1]!);
      },
    };
    const r = await fetchExport(api as never, { agent: 'Alice', limit: 10 });
    expect(r).toEqual({ ok: true, value: ['a\nb\n', 'c\nd\n'] });
    expect(calls).toEqual([
      { agent: 'Alice', limit: 10 },
      { agent: 'Alice', limit: 8, before: 2 },
    ]);
  });

  it('stops at the first failed chunk with its error', async () => {
    const api = { invoke: async () => fail('TOO_MANY_REQUESTS', 'too many at once') };
    expect(await fetchExport(api as never, {})).toEqual({ ok: false, error: { code: 'TOO_MANY_REQUESTS', message: 'too many at once' } });
  });
});
