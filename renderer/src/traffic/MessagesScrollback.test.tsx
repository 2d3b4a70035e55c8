// @vitest-environment happy-dom
// The live message table reads older rows from the flight recorder's record when the
// user reaches its top: after a restart the messages from before are there again.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { OFF_RECORDER } from '../../../shared/history';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { ok } from '../../../shared/result';
import { agentMessage } from '../../../shared/testing/messages';
import type { AgentMessage } from '../../../shared/traffic';
import { StoreContext } from '../state/context';
import { DashboardStore } from '../state/store';
import { FakeApi } from '../testing/fake-api';
import { MessagesPanel } from './MessagesPanel';

afterEach(cleanup);

const T = Date.UTC(2026, 11, 2, 9, 0, 0);
const counters = { received: 2, kept: 2, evicted: 0, undecodable: 0, duplicatesMerged: 0, bytesKept: 0, backlog: 0 };
const msg = (seq: number, receivedAt: number, preview: string): AgentMessage =>
  agentMessage({ kind: 'atom', seq, receivedAt, channels: ['agent_events:global'], topics: ['global'], eventType: 'agent_post', preview });

/** The record: three messages from before the restart, then the two the live buffer shows (ids 4 and 5). */
const RECORD = [
  msg(5, T, 'live two'),
  msg(4, T, 'live one'),
  msg(3, T - 1_000, 'before three'),
  msg(2, T - 2_000, 'before two'),
  msg(1, T - 3_000, 'before one'),
];

function mount(record = RECORD, setup: (api: FakeApi) => void = () => undefined) {
  const api = new FakeApi();
  api.handlers['recorder.get'] = () => ok({ ...OFF_RECORDER, status: 'recording', path: '/data/records/atom.db', messages: record.length });
  api.handlers['history.messages'] = (input) => {
    const q = input as { to?: number; before?: number; eventType?: string };
    const items = record.filter((m) => (q.to === undefined || m.receivedAt <= q.to) && (q.before === undefined || m.seq < q.before));
    return ok({ items, matched: items.length, next: null, unindexed: 0 });
  };
  api.handlers['history.message'] = (input) => {
    const m = record.find((r) => r.seq === (input as { id: number }).id)!;
    return ok({ message: m, payload: { content: m.preview }, raw: '{}', truncated: false });
  };
  api.handlers['traffic.query'] = () => ok({ items: [msg(1, T, 'live one'), msg(2, T, 'live two')], matched: 2, total: 2 });
  setup(api);
  const store = new DashboardStore(api);
  store.start();
  render(
    <StoreContext.Provider value={store}>
      <MessagesPanel />
    </StoreContext.Provider>,
  );
  return { api, store };
}

const live = (store: DashboardStore, reset = false) =>
  act(() => store.applyBatch({ items: [msg(1, T, 'live one'), msg(2, T, 'live two')], updates: [], counters, paused: false, reset }));

describe('the message table over the record', () => {
  it('shows the recorded messages older than the live rows, once each, above a seam', async () => {
    const { api, store } = mount();
    await waitFor(() => expect(store.getState().recorder?.messages).toBe(5));
    live(store);
    await waitFor(() => expect(screen.getAllByTestId('recorded-row')).toHaveLength(3));
    expect(screen.getAllByTestId('recorded-row').map((r) => r.textContent)).toEqual([
      expect.stringContaining('before one'),
      expect.stringContaining('before two'),
      expect.stringContaining('before three'),
    ]);
    expect(screen.getAllByTestId('message-row').map((r) => r.querySelector('[data-testid="message-preview"]')!.textContent)).toEqual([
      'live one',
      'live two',
    ]);
    expect(screen.getByTestId('record-seam').textContent).toContain('the live buffer starts here');
    await waitFor(() => expect(screen.getByTestId('record-loader').textContent).toContain('Start of the record: 3 recorded messages'));
    expect(api.calls.filter((c) => c.name === 'history.messages')[0]!.input).toEqual({ to: T, limit: 500 });

    // A recorded row opens from the record.
    fireEvent.click(screen.getAllByTestId('recorded-row')[1]!);
    await waitFor(() => expect(screen.getByTestId('message-detail').textContent).toContain('Recorded message #2'));
  });

  it('asks the record with the event type filter, and leaves other filters to History', async () => {
    const { api, store } = mount();
    await waitFor(() => expect(store.getState().recorder?.messages).toBe(5));
    live(store);
    await waitFor(() => expect(screen.getAllByTestId('recorded-row')).toHaveLength(3));
    fireEvent.change(screen.getByTestId('filter-eventType'), { target: { value: 'agent_post' } });
    await waitFor(() =>
      expect(api.calls.some((c) => c.name === 'history.messages' && (c.input as { eventType?: string }).eventType === 'agent_post')).toBe(
        true,
      ),
    );
    fireEvent.change(screen.getByTestId('filter-eventType'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('filter-agent'), { target: { value: 'ops' } });
    await waitFor(() => expect(screen.queryAllByTestId('recorded-row')).toHaveLength(0));
    expect(screen.queryByTestId('record-loader')).toBeNull();
  });

  it('starts over when the live buffer does (clear), and offers the record when the table is empty', async () => {
    const { store } = mount();
    await waitFor(() => expect(store.getState().recorder?.messages).toBe(5));
    live(store);
    await waitFor(() => expect(screen.getAllByTestId('recorded-row')).toHaveLength(3));
    act(() => store.applyBatch({ items: [], updates: [], counters, paused: false, reset: true }));
    await waitFor(() => expect(screen.queryAllByTestId('recorded-row')).toHaveLength(0));
    fireEvent.click(screen.getByTestId('messages-show-recorded'));
    // Nothing live: the whole record, newest last.
    await waitFor(() => expect(screen.getAllByTestId('recorded-row')).toHaveLength(5));
    expect(screen.getAllByTestId('recorded-row').at(-1)!.textContent).toContain('live two');
  });
});

describe('the record under a flood', () => {
  it('waits for the oldest live slot before reading the record, so no message shows as recorded and live', async () => {
    // The record: three from before, then the live ones (the page's oldest kept, and the newest).
    const record = [msg(5, T + 10, 'live newest'), msg(4, T, 'live oldest'), ...RECORD.slice(2)];
    let answerRange: (() => void) | null = null;
    const { api, store } = mount(record, (a) => {
      a.handlers['settings.get'] = () => ok({ ...DEFAULT_SETTINGS, bufferCap: 3 });
      // The core answers the read of the empty slots only when the test lets it.
      a.handlers['traffic.range'] = () =>
        new Promise((resolve) => (answerRange = () => resolve(ok({ items: [msg(3, T, 'live oldest')], firstSeq: 0 }))));
    });
    await waitFor(() => expect(store.getState().recorder?.messages).toBe(5));
    await waitFor(() => expect(store.messages.capacity).toBe(3));
    const batch = (items: AgentMessage[]) =>
      store.applyBatch({ items, updates: [], counters: { ...counters, received: 6, kept: 6 }, paused: false, reset: false });
    // Two batches before the table draws again. The flood's batch brings its newest only:
    // seqs 1 to 4 are empty slots, and the page's cap of 3 drops the oldest, so its
    // oldest slot (seq 3) is an empty one when the record is first read.
    act(() => {
      batch([msg(0, T - 500, 'left the page')]);
      batch([msg(5, T + 10, 'live newest')]);
    });
    await waitFor(() => expect(answerRange).not.toBeNull());
    await act(() => new Promise((r) => setTimeout(r, 50)));
    // The record is not read while where the live rows start is unknown.
    expect(api.calls.filter((c) => c.name === 'history.messages')).toEqual([]);
    act(() => answerRange!());
    await waitFor(() => expect(screen.getAllByTestId('recorded-row')).toHaveLength(3));
    expect(screen.getAllByTestId('recorded-row').map((r) => r.textContent)).toEqual([
      expect.stringContaining('before one'),
      expect.stringContaining('before two'),
      expect.stringContaining('before three'),
    ]);
    const reads = api.calls.filter((c) => c.name === 'traffic.range' || c.name === 'history.messages');
    expect(reads[0]!.name).toBe('traffic.range');
    // Up to the oldest live message, once it was read: not up to the first one the batch brought.
    expect(reads.find((c) => c.name === 'history.messages')!.input).toEqual({ to: T, limit: 500 });
  });
});
