// The flight recorder in the assembled core, against the real engine and the bundled
// stack: what happened before a restart of the app is still there, searchable and on
// the timeline, and a replay re-publishes it to Valkey where the monitor sees it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReplayProgress } from '../../../shared/history';
import type { AgentMessage, TrafficBatch } from '../../../shared/traffic';
import { closeCore, openCore, startAndWait, type Harness } from '../testing/core-harness';
import { okValue } from '../testing/ok-value';
import { waitFor } from '../testing/wait';

const WAIT_MS = 90_000;
const POLL_MS = 200;

describe('the flight recorder across a restart of the app', () => {
  let second: Harness | undefined;
  afterAll(() => closeCore(second));

  it('keeps messages, log lines and health events; finds them by search and on the timeline; replays them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'atom-record-'));
    const first = await openCore('record', { dataDir });
    const startedAt = Date.now();
    await startAndWait(first);
    const recorded = await waitFor(
      'messages recorded',
      async () => {
        const r = await first.core.dispatch('history.messages', { limit: 500 });
        return r.ok && r.value.matched >= 30 ? r.value : null;
      },
      WAIT_MS,
      POLL_MS,
    );
    const state = okValue(await first.core.dispatch('recorder.get', {}));
    expect(state).toMatchObject({ status: 'recording', path: join(dataDir, 'records', `${first.project}.db`) });
    // Quit: the stack keeps running, the app goes.
    await first.core.shutdown();
    const before = okValue(await reopenAndRead());
    async function reopenAndRead() {
      second = await openCore('record', {
        dataDir,
        env: { VALKEY_PORT: first.env.VALKEY_PORT!, ATOM_BACKEND_PORT: first.env.ATOM_BACKEND_PORT! },
      });
      return second.core.dispatch('history.messages', { to: Date.now(), limit: 500 });
    }
    const h = second!;
    // Everything the first app listed is still there, with the same ids and content.
    const byId = new Map(before.items.map((m) => [m.seq, m]));
    for (const m of recorded.items) expect(byId.get(m.seq)?.preview).toBe(m.preview);

    // Full-text search finds a recorded post by a word of its content.
    const post = recorded.items.find((m): m is AgentMessage => m.eventType === 'agent_post' && m.preview.split(/\s+/).length > 3)!;
    const word = post.preview.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 5)[0]!;
    const found = await waitFor(
      `search for "${word}"`,
      async () => {
        const r = okValue(await h.core.dispatch('history.messages', { text: word, limit: 500 }));
        return r.unindexed === 0 && r.matched > 0 ? r : null;
      },
      WAIT_MS,
      POLL_MS,
    );
    expect(found.items.some((m) => m.seq === post.seq)).toBe(true);
    const none = okValue(await h.core.dispatch('history.messages', { text: 'zqxjkvwordnobodysaid' }));
    expect(none.matched).toBe(0);

    // Log lines from before the restart, per service.
    const logs = okValue(await h.core.dispatch('history.logs', { service: 'valkey', to: Date.now(), limit: 50 }));
    expect(logs.matched).toBeGreaterThan(0);
    expect(logs.lines.every((l) => l.service === 'valkey')).toBe(true);

    // The timeline: messages per bucket, and the health transitions of the first Start.
    const tl = okValue(await h.core.dispatch('history.timeline', { from: startedAt - 60_000, to: Date.now() + 1000, buckets: 120 }));
    expect(tl.messages.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(30);
    expect(tl.events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'operation', status: 'started', message: 'up' }),
        expect.objectContaining({ source: 'operation', status: 'done', message: 'up' }),
        expect.objectContaining({ source: 'health', service: 'valkey', status: 'healthy' }),
        expect.objectContaining({ source: 'health', service: 'atom-backend', status: 'healthy' }),
      ]),
    );

    // Replay three recorded posts as fast as Valkey takes them: the live monitor sees them arrive.
    await waitFor('subscribed', () => h.latest('traffic.state')?.status === 'subscribed', WAIT_MS, POLL_MS);
    const picked = recorded.items.filter((m) => m.eventType === 'agent_post').slice(0, 3);
    const plan = okValue(await h.core.dispatch('history.plan', { ids: picked.map((m) => m.seq) }));
    expect(plan.count).toBe(3);
    expect(plan.channels.map((c) => c.name)).toContain('agent_events:global');
    const seenBefore = h.events.length;
    const replay = okValue(await h.core.dispatch('history.replay', { ids: picked.map((m) => m.seq), speed: 'max' }));
    const done = await waitFor(
      'replay done',
      () =>
        h.events
          .map((e) => (e.name === 'replay.progress' ? (e.payload as ReplayProgress) : null))
          .find((p) => p?.id === replay.id && p.status !== 'running'),
      WAIT_MS,
      POLL_MS,
    );
    expect(done).toMatchObject({ status: 'done', sent: 3, total: 3 });
    const arrived = await waitFor(
      'the replayed posts on the live monitor',
      () => {
        const live = h.events
          .slice(seenBefore)
          .filter((e) => e.name === 'traffic.batch')
          .flatMap((e) => (e.payload as TrafficBatch).items)
          .filter((i): i is AgentMessage => i.kind === 'atom');
        const ids = new Set(live.map((m) => m.postId));
        return picked.every((p) => ids.has(p.postId)) ? live : null;
      },
      WAIT_MS,
      POLL_MS,
    );
    expect(arrived.filter((m) => picked.some((p) => p.postId === m.postId)).every((m) => m.channels.includes('agent_events:global'))).toBe(
      true,
    );
  });
});
