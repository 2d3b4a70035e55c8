import { describe, expect, it } from 'vitest';
import { agentMessage } from '../../../shared/testing/messages';
import type { AgentMessage, StreamItem } from '../../../shared/traffic';
import { EMPTY_FILTERS } from './filters';
import { BOUNDARY_PENDING, liveBoundary, olderThanLive, recordFilterOf, seamRows, tableLayout } from './record-scrollback';

const at = (seq: number, receivedAt: number): AgentMessage => agentMessage({ seq, receivedAt });
const seqs = (ms: AgentMessage[]) => ms.map((m) => m.seq);

describe('recordFilterOf', () => {
  it('reads the record unfiltered, or by event type, which both apply the same way', () => {
    expect(recordFilterOf(EMPTY_FILTERS)).toEqual({});
    expect(recordFilterOf({ ...EMPTY_FILTERS, eventType: ' agent_post ' })).toEqual({ eventType: 'agent_post' });
  });
  it('leaves to History the filters the record applies differently', () => {
    for (const f of [
      { agent: 'ops' },
      { text: 'disk' },
      { text: 'd.sk', regex: true },
      { topic: 'global' },
      { visibility: 'direct' as const },
      { tenant: 't' },
    ])
      expect(recordFilterOf({ ...EMPTY_FILTERS, ...f })).toBeNull();
  });
});

describe('liveBoundary', () => {
  it('is the oldest message and how many share its millisecond, gaps skipped', () => {
    const rows: StreamItem[] = [{ kind: 'gap', seq: 1, receivedAt: 1, from: 1, to: 2 }, at(2, 100), at(3, 100), at(4, 101)];
    expect(liveBoundary(rows.length, (i) => rows[i])).toEqual({ at: 100, same: 2 });
    expect(liveBoundary(0, () => undefined)).toBeNull();
    // An empty oldest slot: where the live rows start is not known yet.
    expect(liveBoundary(rows.length + 1, (i) => (i === 0 ? undefined : rows[i - 1]))).toBe(BOUNDARY_PENDING);
    // An empty slot after the oldest message does not stop the count of the same millisecond.
    const holed = [at(2, 100), undefined, at(3, 100), at(4, 101)];
    expect(liveBoundary(holed.length, (i) => holed[i])).toEqual({ at: 100, same: 2 });
  });
});

describe('olderThanLive', () => {
  it('drops the records that are the live rows at the boundary, and returns the rest oldest first', () => {
    // The record, newest first: ids 5 and 4 are the two live rows at ms 100; id 3 shares that ms but left the buffer.
    const page = [at(5, 100), at(4, 100), at(3, 100), at(2, 90), at(1, 80)];
    expect(seqs(olderThanLive(page, { at: 100, same: 2 }))).toEqual([1, 2, 3]);
  });
  it('keeps the whole page when no live row is shown', () => {
    expect(seqs(olderThanLive([at(2, 90), at(1, 80)], null))).toEqual([1, 2]);
  });
});

describe('seamRows', () => {
  it('joins the shown records to the new boundary without a row twice', () => {
    const shown = at(3, 100);
    const pages = [at(7, 130), at(6, 120), at(5, 110), at(4, 100), at(3, 100)];
    expect(seamRows(pages, shown, { at: 130, same: 1 })).toEqual({ rows: [at(4, 100), at(5, 110), at(6, 120)], joined: true });
  });
  it('says when the pages have not reached the shown rows yet', () => {
    const r = seamRows([at(9, 130), at(8, 125)], at(3, 100), { at: 130, same: 1 });
    expect(r.joined).toBe(false);
    expect(seqs(r.rows)).toEqual([8]);
  });
});

describe('tableLayout', () => {
  it('puts the loader, the recorded rows, the seam and the live rows in that order', () => {
    const l = tableLayout(true, 2, 3);
    expect(l.count).toBe(7);
    expect([0, 1, 2, 3, 4, 6].map((i) => l.at(i))).toEqual([
      { kind: 'loader' },
      { kind: 'recorded', index: 0 },
      { kind: 'recorded', index: 1 },
      { kind: 'seam' },
      { kind: 'live', index: 0 },
      { kind: 'live', index: 2 },
    ]);
  });
  it('is the live rows alone when nothing is read from the record', () => {
    const l = tableLayout(false, 0, 3);
    expect(l.count).toBe(3);
    expect(l.at(0)).toEqual({ kind: 'live', index: 0 });
  });
});
