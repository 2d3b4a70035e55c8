// The recorded rows above the live message table: older pages from the record as the
// user scrolls up to them, and the seam kept closed when the live buffer lets its
// oldest rows go. Reset when the filters, the stack's record or the live buffer change.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistoryFilter, HistoryQuery } from '../../../shared/history';
import { LIMITS } from '../../../shared/rules';
import type { AgentMessage } from '../../../shared/traffic';
import { useDashboard, useStoreInstance } from '../state/context';
import type { LiveBoundary } from './record-scrollback';
import { BOUNDARY_PENDING, olderThanLive, seamRows } from './record-scrollback';

/** How often at most the seam is closed again while the live buffer moves on. */
const SEAM_EVERY_MS = 1_000;
/** Pages read to close the seam; beyond, the recorded rows are let go and read again on the way up. */
const SEAM_PAGES = 10;

export interface Scrollback {
  /** Recorded rows older than the live ones, oldest first. */
  rows: AgentMessage[];
  status: 'idle' | 'loading' | 'ended' | 'error';
  error: string | null;
  /** Rows last added above the others, so the list keeps what the user looks at in place. */
  prepended: { rows: number; id: number };
  loadOlder: () => void;
}

interface State {
  rows: AgentMessage[];
  status: Scrollback['status'];
  error: string | null;
  prepended: { rows: number; id: number };
  /** The boundary an empty end was found at: the record may hold more once the buffer moves on. */
  endedAt: number | null;
}

const EMPTY: State = { rows: [], status: 'idle', error: null, prepended: { rows: 0, id: 0 }, endedAt: null };

export function useRecordScrollback(
  filter: HistoryFilter | null,
  liveStart: LiveBoundary | typeof BOUNDARY_PENDING | null,
  /** Asks for the oldest live slot while it is empty: the record is read once it is known. */
  readOldestLive: () => void,
): Scrollback {
  const pending = liveStart === BOUNDARY_PENDING;
  const boundary = pending ? null : liveStart;
  const { api } = useStoreInstance();
  const path = useDashboard((s) => s.recorder?.path ?? null);
  const resets = useDashboard((s) => s.trafficResets);
  const [state, setState] = useState<State>(EMPTY);
  const key = `${JSON.stringify(filter)}|${path}|${resets}`;
  const live = useRef({ key, state, boundary, cursor: null as number | null, busy: false });
  live.current.boundary = boundary;
  live.current.state = state;

  if (live.current.key !== key) {
    // Another filter, stack or buffer: what was read belongs to the old one.
    live.current = { key, state: EMPTY, boundary, cursor: null, busy: false };
    if (state !== EMPTY) setState(EMPTY);
  }

  const loadOlder = useCallback(() => {
    const l = live.current;
    if (!filter || l.busy || l.state.status === 'ended') return;
    // Called again when the boundary is known (the callback changes with `pending`).
    if (pending) return readOldestLive();
    l.busy = true;
    const first = l.state.rows.length === 0;
    const q: HistoryQuery = { ...filter, limit: LIMITS.historyPage };
    if (!first && l.cursor !== null) q.before = l.cursor;
    const at = l.boundary;
    if (first && at) q.to = at.at;
    setState((s) => ({ ...s, status: 'loading', error: null }));
    void api.invoke('history.messages', q).then((r) => {
      if (live.current !== l) return;
      l.busy = false;
      if (!r.ok) return setState((s) => ({ ...s, status: 'error', error: r.error.message }));
      const got = first ? olderThanLive(r.value.items, at) : [...r.value.items].reverse();
      l.cursor = r.value.next;
      setState((s) => ({
        rows: [...got, ...s.rows],
        status: r.value.next === null ? 'ended' : 'idle',
        error: null,
        prepended: { rows: got.length, id: s.prepended.id + 1 },
        endedAt: r.value.next === null && s.rows.length + got.length === 0 ? (at?.at ?? null) : null,
      }));
    });
  }, [api, filter, pending, readOldestLive]);

  // An empty end found at one boundary: once the live buffer moved on, look again.
  useEffect(() => {
    if (state.status === 'ended' && state.rows.length === 0 && boundary && boundary.at !== state.endedAt) {
      setState((s) => ({ ...s, status: 'idle', endedAt: null }));
    }
  }, [boundary?.at, state.status, state.rows.length, state.endedAt]);

  // The live buffer let rows go: read the records between the shown ones and the live.
  const seamTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const newest = state.rows[state.rows.length - 1];
  useEffect(() => {
    if (!filter || !newest || !boundary || seamTimer.current) return;
    seamTimer.current = setTimeout(() => {
      seamTimer.current = null;
      void closeSeam();
    }, SEAM_EVERY_MS);
    async function closeSeam(): Promise<void> {
      const l = live.current;
      const b = l.boundary;
      const shown = l.state.rows[l.state.rows.length - 1];
      if (!b || !shown || !filter) return;
      const pages: AgentMessage[] = [];
      let before: number | undefined;
      for (let i = 0; i < SEAM_PAGES; i++) {
        const q: HistoryQuery = { ...filter, from: shown.receivedAt, to: b.at, limit: LIMITS.historyPage };
        if (before !== undefined) q.before = before;
        const r = await api.invoke('history.messages', q);
        if (live.current !== l || !r.ok) return;
        pages.push(...r.value.items);
        const seam = seamRows(pages, shown, b);
        if (seam.joined || r.value.next === null) {
          if (seam.rows.length) setState((s) => ({ ...s, rows: [...s.rows, ...seam.rows] }));
          return;
        }
        before = r.value.next;
      }
      // Too far apart to join: start again from the live rows.
      live.current = { ...l, state: EMPTY, cursor: null, busy: false };
      setState(EMPTY);
    }
  }, [api, filter, newest, boundary?.at]);
  useEffect(
    () => () => {
      if (seamTimer.current) clearTimeout(seamTimer.current);
    },
    [],
  );

  return { rows: state.rows, status: state.status, error: state.error, prepended: state.prepended, loadOlder };
}
