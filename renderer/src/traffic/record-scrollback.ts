// Scrolling the live message table back past its buffer, into the flight recorder's
// record: which live filters the record applies the same way, where the live rows
// start, and how a page of the record joins them without a row twice or a row lost.
import type { HistoryFilter } from '../../../shared/history';
import type { AgentMessage, StreamItem } from '../../../shared/traffic';
import type { FilterForm } from './filters';

/**
 * The live filters as a record filter; null when one is set that the record does not
 * apply the same way (the live agent filter also matches recipients, text is a
 * substring or a regex there and words in the record): History searches those.
 */
export function recordFilterOf(f: FilterForm): HistoryFilter | null {
  const other = f.agent.trim() || f.topic.trim() || f.visibility || f.actorType || f.tenant.trim() || f.channelName.trim() || f.text;
  if (other) return null;
  const eventType = f.eventType.trim();
  return eventType ? { eventType } : {};
}

/** Where the live rows start: the oldest message's time, and how many live messages share that millisecond. */
export interface LiveBoundary {
  at: number;
  same: number;
}

/** Slots looked at for how many live messages share the oldest one's millisecond. */
const BOUNDARY_SCAN = 2_000;

/**
 * The oldest live slot is empty (a flood's batch left it out, and it is not read yet):
 * where the live rows start is not known, and a record read now would show the
 * messages of the empty slots as recorded rows, and again as live ones once read.
 */
export const BOUNDARY_PENDING = 'pending';

/**
 * The boundary of rows whose times ascend (the ring and query results both do); null
 * when no message is shown; BOUNDARY_PENDING while the oldest slot is still empty.
 */
export function liveBoundary(count: number, itemAt: (i: number) => StreamItem | undefined): LiveBoundary | typeof BOUNDARY_PENDING | null {
  let at: number | null = null;
  let same = 0;
  for (let i = 0; i < Math.min(count, BOUNDARY_SCAN); i++) {
    const it = itemAt(i);
    if (!it) {
      if (at === null) return BOUNDARY_PENDING;
      continue;
    }
    if (it.kind === 'gap') continue;
    const t = (it as AgentMessage).receivedAt;
    if (at === null) at = t;
    else if (t !== at) break;
    same++;
  }
  return at === null ? null : { at, same };
}

/**
 * The records of a page (newest first, asked with `to: boundary.at`) that are older
 * than the live rows, oldest first. The record holds the live rows too: the newest
 * `same` records at the boundary's millisecond are those, and are dropped.
 */
export function olderThanLive(page: readonly AgentMessage[], boundary: LiveBoundary | null): AgentMessage[] {
  let drop = boundary?.same ?? 0;
  const kept: AgentMessage[] = [];
  for (const m of page) {
    if (boundary && m.receivedAt > boundary.at) continue;
    if (boundary && drop > 0 && m.receivedAt === boundary.at) {
      drop--;
      continue;
    }
    kept.push(m);
  }
  return kept.reverse();
}

/**
 * The live rows moved on (the buffer let its oldest go): the records between the
 * newest one already shown and the new boundary, from pages asked newest first with
 * `from: newest.receivedAt, to: boundary.at`. Returns them oldest first, and whether
 * the pages reached the shown one (when not, another page is needed).
 */
export function seamRows(
  pages: readonly AgentMessage[],
  newestShown: AgentMessage,
  boundary: LiveBoundary | null,
): { rows: AgentMessage[]; joined: boolean } {
  const between = olderThanLive(pages, boundary);
  const joined = between.length === 0 || between[0]!.seq <= newestShown.seq || pages.some((m) => m.seq <= newestShown.seq);
  return { rows: between.filter((m) => m.seq > newestShown.seq), joined };
}

/** A row of the message table: the record's loader on top, recorded rows, the seam, then the live rows. */
export type TableRow = { kind: 'loader' } | { kind: 'recorded'; index: number } | { kind: 'seam' } | { kind: 'live'; index: number };

/** The table's rows: where each part starts, and what row `i` is. */
export function tableLayout(loader: boolean, recorded: number, live: number) {
  const recordedStart = loader ? 1 : 0;
  const seam = recorded > 0 ? 1 : 0;
  const liveStart = recordedStart + recorded + seam;
  return {
    count: liveStart + live,
    recordedStart,
    liveStart,
    at(i: number): TableRow {
      if (i < recordedStart) return { kind: 'loader' };
      if (i < recordedStart + recorded) return { kind: 'recorded', index: i - recordedStart };
      if (i < liveStart) return { kind: 'seam' };
      return { kind: 'live', index: i - liveStart };
    },
  };
}
