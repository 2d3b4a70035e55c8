// Log lines for one service (or all, merged): the tail from logs.get, then live
// logs.lines events. Lines live in a ring (bounded), with a mark where a container was
// recreated; a version bump re-renders once per event batch.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LogLine } from '../../../shared/stack';
import { useStoreInstance } from '../state/context';
import { LIMITS } from '../../../shared/rules';
import { Ring } from '../util/ring';
import { isMark, type LogItem, withRecreateMarks } from './log-items';

export const MAX_LOG_LINES = LIMITS.logLinesKept;
// The whole kept history opens scrollable (LIMITS.logLinesKept), read in chunks.
const CHUNK = LIMITS.logTailChunk;
/** Lines added to a ring being rebuilt per task (a few ms each). */
const REBUILD_SLICE = 5_000;
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export function useLogs(service: string | null) {
  const { api } = useStoreInstance();
  const ring = useRef(new Ring<LogItem>(MAX_LOG_LINES));
  const containers = useRef(new Map<string, string>());
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    ring.current = new Ring<LogItem>(MAX_LOG_LINES);
    containers.current = new Map();
    setVersion((v) => v + 1);
    setError(null);
    let alive = true;
    const off = api.on('logs.lines', (lines) => {
      // ring.current, not a copy: the history's rebuild swaps in a new ring.
      const r = ring.current;
      const mine = service === null ? lines : lines.filter((l) => l.service === service);
      const last = r.last()?.seq ?? -1;
      const fresh = mine.filter((l) => l.seq > last);
      if (fresh.length === 0) return;
      r.pushAll(withRecreateMarks(fresh, containers.current));
      setVersion((v) => v + 1);
    });
    // The history comes newest chunk first (shown at once), then older chunks, each its
    // own answer and task: one 100,000-line answer parsed in one go blocked the page.
    void (async () => {
      const res = await api.invoke('logs.get', { service, tail: CHUNK });
      if (!alive) return;
      if (!res.ok) return setError(res.error.message);
      await rebuild([res.value], () => alive);
      const older: LogLine[][] = [];
      let total = res.value.length;
      let cursor = res.value[0]?.seq;
      let last = res.value.length;
      while (alive && cursor !== undefined && last === CHUNK && total < MAX_LOG_LINES) {
        const more = await api.invoke('logs.get', { service, tail: Math.min(CHUNK, MAX_LOG_LINES - total), before: cursor });
        if (!more.ok || more.value.length === 0) break;
        older.unshift(more.value);
        total += more.value.length;
        last = more.value.length;
        cursor = more.value[0]?.seq;
      }
      if (alive && older.length > 0) await rebuild(older, () => alive);
    })();
    return () => {
      alive = false;
      off();
    };
  }, [api, service]);

  /**
   * A new ring of `history` (oldest chunk first) followed by what the shown ring holds
   * newer than it (the tail read before, live lines), swapped in at the end. Built a
   * slice per task: 100,000 lines in one go were a 50-75 ms task while the tab opened.
   */
  const rebuild = async (history: LogLine[][], alive: () => boolean): Promise<void> => {
    const next = new Ring<LogItem>(MAX_LOG_LINES);
    const marks = new Map<string, string>();
    for (const chunk of history) {
      for (let i = 0; i < chunk.length; i += REBUILD_SLICE) {
        next.pushAll(withRecreateMarks(chunk.slice(i, i + REBUILD_SLICE), marks));
        await nextTask();
        if (!alive()) return;
      }
    }
    // What the shown ring has beyond the history (in the same task as the swap, so no line is missed).
    const upTo = next.last()?.seq ?? -1;
    const shown = ring.current;
    const newer: LogLine[] = [];
    for (let i = 0; i < shown.length; i++) {
      const l = shown.get(i)!;
      if (!isMark(l) && l.seq > upTo) newer.push(l);
    }
    next.pushAll(withRecreateMarks(newer, marks));
    ring.current = next;
    containers.current = marks;
    setVersion((v) => v + 1);
  };

  const clear = useCallback(async () => {
    const res = await api.invoke('logs.clear', { service });
    if (!res.ok) {
      setError(res.error.message);
      return;
    }
    ring.current.clear();
    setVersion((v) => v + 1);
  }, [api, service]);

  return { ring: ring.current, version, error, clear };
}
