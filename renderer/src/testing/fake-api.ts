// An in-memory AtomClient for component and store tests: scripted command answers,
// events emitted as one batch like the real transports do.
import type { AppEvent, CommandName } from '../../../shared/contract';
import { EventListeners } from '../../../shared/event-listeners';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import { snapshotOf } from '../../../shared/testing/snapshots';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import type { AtomClient, ConnectionStatus } from '../api/ws-client';

export type Handler = (input: unknown) => Result<unknown> | Promise<Result<unknown>>;

export class FakeApi implements AtomClient {
  calls: { name: CommandName; input: unknown }[] = [];
  handlers: Partial<Record<CommandName, Handler>> = {
    'app.info': () => ok({ version: '0.1.0', mode: 'web', platform: 'linux', project: 'atom', stackFiles: [] }),
    'engine.get': () =>
      ok({ status: 'connected', endpoint: '/var/run/docker.sock', version: '20.10.24', apiVersion: '1.41', os: 'linux', arch: 'amd64' }),
    'stack.get': () => ok(snapshotOf({ valkey: 'absent', 'atom-backend': 'absent' })),
    'settings.get': () => ok(DEFAULT_SETTINGS),
    'traffic.get': () =>
      ok({
        state: { status: 'idle' },
        batch: {
          items: [],
          counters: { received: 0, kept: 0, evicted: 0, undecodable: 0, duplicatesMerged: 0, bytesKept: 0, backlog: 0 },
          paused: false,
          reset: true,
        },
      }),
  };
  private readonly listeners = new EventListeners();
  private status: ConnectionStatus = 'open';
  private statusListeners = new Set<(s: ConnectionStatus) => void>();

  invoke: AtomClient['invoke'] = async (name, input) => {
    this.calls.push({ name, input });
    const h = this.handlers[name];
    if (!h) return fail('UNSUPPORTED', `fake: no handler for ${name}`) as never;
    return (await h(input)) as never;
  };

  on: AtomClient['on'] = (name, listener) => this.listeners.on(name, listener);

  emit(events: AppEvent[]): void {
    this.listeners.dispatch(events);
  }

  setConnection(s: ConnectionStatus): void {
    this.status = s;
    for (const l of this.statusListeners) l(s);
  }

  connection(): ConnectionStatus {
    return this.status;
  }
  onConnection(l: (s: ConnectionStatus) => void): () => void {
    this.statusListeners.add(l);
    return () => this.statusListeners.delete(l);
  }
  close(): void {}
}
