import { describe, expect, it } from 'vitest';
import type { EngineState, ServiceState } from '../../../shared/stack';
import type { EngineConnection, EngineEvent } from './connection';
import { L } from './labels';
import { service, stack } from '../testing/stack-model';
import { StackWatcher } from './watcher';

/** A fake connection + engine whose containers the test edits. */
function fake(project: string) {
  let state: EngineState = { status: 'connecting', endpoint: null };
  const stateFns = new Set<(s: EngineState) => void>();
  const eventFns = new Set<(e: EngineEvent) => void>();
  const containers = new Map<string, { service: string; State: Record<string, unknown> }>();
  let lists = 0;
  const docker = {
    listContainers: async () => {
      lists++;
      return [...containers].map(([Id, c]) => ({
        Id,
        Created: 1,
        Labels: { [L.project]: project, [L.service]: c.service, [L.oneoff]: 'False' },
      }));
    },
    getContainer: (id: string) => ({
      inspect: async () => {
        const c = containers.get(id);
        if (!c) throw Object.assign(new Error('gone'), { statusCode: 404 });
        return { Id: id, Name: `/${c.service}`, Config: { Image: 'img' }, State: c.State };
      },
    }),
  };
  const connection = {
    state: () => state,
    docker: () => (state.status === 'connected' ? docker : null),
    onState: (fn: (s: EngineState) => void) => (stateFns.add(fn), fn(state), () => stateFns.delete(fn)),
    onEvent: (fn: (e: EngineEvent) => void) => (eventFns.add(fn), () => eventFns.delete(fn)),
  } as unknown as EngineConnection;
  return {
    connection,
    containers,
    lists: () => lists,
    setState(s: EngineState) {
      state = s;
      stateFns.forEach((f) => f(s));
    },
    event(e: EngineEvent) {
      eventFns.forEach((f) => f(e));
    },
  };
}

const connected: EngineState = {
  status: 'connected',
  endpoint: 'unix:///x',
  version: '20',
  apiVersion: '1.41',
  os: 'linux',
  arch: 'amd64',
};
const tick = (ms = 40) => new Promise((r) => setTimeout(r, ms));

describe('StackWatcher', () => {
  const model = stack('p', [
    service('db'),
    service('web', { dependsOn: { db: { condition: 'service_started', required: true, restart: false } } }),
  ]);

  it('resyncs on connect and on project events (coalesced), and reads unknown (with the last known state) while the engine is away', async () => {
    const f = fake('p');
    f.containers.set('c1', { service: 'db', State: { Status: 'running', Running: true, Health: { Status: 'healthy' } } });
    const w = new StackWatcher(f.connection, model, 10);
    const seen: ServiceState[][] = [];
    w.onChange((s) => seen.push(s));
    // Before the engine first answers nothing is known: unknown, with no last-known state.
    expect(seen[0]?.map((s) => [s.status, s.lastKnown])).toEqual([
      ['unknown', null],
      ['unknown', null],
    ]);
    f.setState(connected);
    await tick();
    expect(w.snapshot().map((s) => [s.name, s.status])).toEqual([
      ['db', 'healthy'],
      ['web', 'absent'],
    ]);

    // Three events in a burst -> one resync; events of other projects are ignored.
    const before = f.lists();
    f.containers.set('c2', { service: 'web', State: { Status: 'exited', ExitCode: 2 } });
    for (const action of ['create', 'start', 'die'])
      f.event({ Type: 'container', Action: action, Actor: { Attributes: { [L.project]: 'p' } } });
    f.event({ Type: 'container', Action: 'start', Actor: { Attributes: { [L.project]: 'other' } } });
    await tick();
    expect(f.lists() - before).toBe(1);
    expect(w.snapshot()[1]).toMatchObject({ status: 'exited', exitCode: 2, containerId: 'c2' });

    // A late subscriber gets the current snapshot first.
    let late: ServiceState[] | null = null;
    w.onChange((s) => (late ??= s));
    expect(late!.map((s) => s.status)).toEqual(['healthy', 'exited']);

    // Engine lost: neither a stale healthy nor a false absent, but unknown since now.
    const lostAt = Date.now();
    f.setState({ status: 'unavailable', endpoint: null, reason: 'gone', hint: 'start it', retryInMs: 1000 });
    const away = w.snapshot();
    expect(away.map((s) => [s.status, s.lastKnown?.status])).toEqual([
      ['unknown', 'healthy'],
      ['unknown', 'exited'],
    ]);
    expect(away[0]!.lastKnown!.at).toBeGreaterThanOrEqual(lostAt);
    // Still away on the next retry: the last known state keeps its first time.
    f.setState({ status: 'unavailable', endpoint: null, reason: 'gone', hint: 'start it', retryInMs: 2000 });
    expect(w.snapshot()[0]!.lastKnown).toEqual(away[0]!.lastKnown);
    f.containers.delete('c2');
    f.setState(connected);
    await tick();
    expect(w.snapshot().map((s) => s.status)).toEqual(['healthy', 'absent']);
    w.close();
  });
});
