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

export function useLogs(service: string | null) {
  const { api } = useStoreInstance();
  const ring = useRef(new Ring<LogItem>(MAX_LOG_LINES));
  const containers = useRef(new Map<string, string>());
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const r = ring.current;
    r.clear();
    containers.current.clear();
    setVersion((v) => v + 1);
    setError(null);
    let alive = true;
    const off = api.on('logs.lines', (lines) => {
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
      // Live lines may have arrived first: keep those newer than the tail.
      const rebuild = (history: LogLine[]) => {
        const tailLast = history[history.length - 1]?.seq ?? -1;
        const live = r.toArray().filter((l): l is LogLine => !isMark(l) && l.seq > tailLast);
        r.clear();
        containers.current.clear();
        r.pushAll(withRecreateMarks([...history, ...live], containers.current));
        setVersion((v) => v + 1);
      };
      rebuild(res.value);
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
      if (alive && older.length > 0) rebuild([...older.flat(), ...r.toArray().filter((l): l is LogLine => !isMark(l))]);
    })();
    return () => {
      alive = false;
      off();
    };
  }, [api, service]);

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
