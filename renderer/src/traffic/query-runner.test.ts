import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../shared/result';
import { ok } from '../../../shared/result';
import type { MessageQuery, QueryResult } from '../../../shared/traffic';
import type { QueryOutcome } from './query-runner';
import { QueryRunner } from './query-runner';

const answer = (matched: number): Result<QueryResult> => ok({ items: [], matched, total: 100 });

describe('QueryRunner', () => {
  let calls: MessageQuery[];
  let outcomes: (QueryOutcome | null)[];
  let runner: QueryRunner;

  beforeEach(() => {
    vi.useFakeTimers();
    calls = [];
    outcomes = [];
    runner = new QueryRunner(
      async (q) => {
        calls.push(q);
        return answer(calls.length);
      },
      (o) => outcomes.push(o),
      { debounceMs: 150, refreshMs: 500, now: () => Date.now() },
    );
  });
  afterEach(() => {
    runner.dispose();
    vi.useRealTimers();
  });

  it('debounces typing: only the last query runs, 150 ms after the last change', async () => {
    runner.setQuery({ agent: 'a' });
    await vi.advanceTimersByTimeAsync(100);
    runner.setQuery({ agent: 'al' });
    await vi.advanceTimersByTimeAsync(100);
    runner.setQuery({ agent: 'ali' });
    await vi.advanceTimersByTimeAsync(149);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([{ agent: 'ali' }]);
    expect(outcomes.at(-1)?.result?.matched).toBe(1);
  });

  it('refreshes on new data at most every 500 ms', async () => {
    runner.setQuery({ text: 'x' });
    await vi.advanceTimersByTimeAsync(150);
    expect(calls).toHaveLength(1);
    for (let i = 0; i < 30; i++) {
      runner.notifyNewData();
      await vi.advanceTimersByTimeAsync(33);
    }
    // ~1 s of batches at 30 Hz after the first run: two refreshes, not thirty.
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls.length).toBeLessThanOrEqual(3);
  });

  it('does nothing on new data without a query, and reports null when cleared', async () => {
    runner.notifyNewData();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(0);
    runner.setQuery({ agent: 'a' });
    runner.setQuery(null);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(0);
    expect(outcomes).toEqual([null]);
  });

  it('drops a stale answer that arrives after the query changed', async () => {
    let release: (r: Result<QueryResult>) => void = () => undefined;
    const slow = new QueryRunner(
      (q) => {
        calls.push(q);
        return new Promise((res) => (release = res));
      },
      (o) => outcomes.push(o),
    );
    slow.setQuery({ agent: 'old' });
    await vi.advanceTimersByTimeAsync(150);
    slow.setQuery({ agent: 'new' });
    release(answer(7));
    await vi.advanceTimersByTimeAsync(0);
    expect(outcomes).toEqual([]);
    slow.dispose();
  });

  it('passes the core error message through', async () => {
    const failing = new QueryRunner(
      async () => ({ ok: false, error: { code: 'BAD_REQUEST', message: 'text: invalid regex' } }),
      (o) => outcomes.push(o),
    );
    failing.setQuery({ text: '(', regex: true });
    await vi.advanceTimersByTimeAsync(150);
    expect(outcomes[0]?.error).toBe('text: invalid regex');
    failing.dispose();
  });
});
