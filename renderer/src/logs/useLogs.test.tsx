// @vitest-environment happy-dom
// The Logs view's history: the tail first, then older chunks, put in front of it in a
// ring rebuilt a slice per task, with the lines that stream in meanwhile kept.
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/result';
import { LIMITS } from '../../../shared/rules';
import type { LogLine } from '../../../shared/stack';
import { StoreContext } from '../state/context';
import { DashboardStore } from '../state/store';
import { FakeApi } from '../testing/fake-api';
import { isMark } from './log-items';
import { useLogs } from './useLogs';

afterEach(cleanup);

const line = (seq: number, container = 'c1'): LogLine => ({
  seq,
  service: 'svc',
  stream: 'stdout',
  ts: null,
  text: `line ${seq}`,
  container,
});

describe('useLogs', () => {
  it('opens on the tail, puts the older chunks in front a slice per task, and keeps the lines that stream in meanwhile', async () => {
    const history = Array.from({ length: LIMITS.logLinesKept }, (_, i) => line(i, i < 50_000 ? 'old' : 'new'));
    const api = new FakeApi();
    // The older chunks wait until the test lets them come: the tail is shown first.
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    api.handlers['logs.get'] = async (input) => {
      const q = input as { tail: number; before?: number };
      if (q.before !== undefined) await released;
      const end = q.before ?? history.length;
      return ok(history.slice(Math.max(0, end - q.tail), end));
    };
    const store = new DashboardStore(api);
    const wrapper = ({ children }: { children: ReactNode }) => <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
    const { result } = renderHook(() => useLogs(null), { wrapper });

    await waitFor(() => expect(result.current.ring.length).toBe(LIMITS.logTailChunk));
    act(() => api.emit([{ name: 'logs.lines', payload: [line(100_000, 'new'), line(100_001, 'new')] }]));
    expect(result.current.ring.length).toBe(LIMITS.logTailChunk + 2);
    release();
    await waitFor(() => expect(result.current.ring.length).toBe(LIMITS.logLinesKept), { timeout: 10_000 });

    const items = Array.from({ length: result.current.ring.length }, (_, i) => result.current.ring.get(i)!);
    const lines = items.filter((it): it is LogLine => !isMark(it));
    // The ring keeps 100,000 items: the newest lines, one recreate mark, in order.
    expect(lines.at(-1)!.seq).toBe(100_001);
    expect(lines.every((l, i) => i === 0 || l.seq === lines[i - 1]!.seq + 1)).toBe(true);
    expect(items.filter(isMark)).toEqual([expect.objectContaining({ service: 'svc', container: 'new', seq: 49_999.5 })]);
  });
});
