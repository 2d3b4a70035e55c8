// Live service state: resynchronised from the engine (list + inspect) on connect, after
// every reconnect and on every event about the project's containers. While the engine
// is away (or before it first answers) every service reads `unknown`, with the last
// known state and its time: never a false "absent" nor a stale "healthy".
import type { ServiceState } from '../../../shared/stack';
import type { StackModel } from '../compose/model';
import type Dockerode from 'dockerode';
import type { EngineConnection, EngineEvent } from './connection';
import { projectContainers } from './find';
import { L, containerNumber } from './labels';
import { aggregateService, serviceStateFrom, unknownState, type InspectView } from './state';

export class StackWatcher {
  private states = new Map<string, ServiceState>();
  private listeners = new Set<(s: ServiceState[]) => void>();
  private unsubs: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private syncing: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private lastJson = '';

  constructor(
    private readonly connection: EngineConnection,
    private readonly model: StackModel,
    private readonly coalesceMs = 30,
  ) {
    this.markUnknown(true);
    this.unsubs.push(
      connection.onState((s) => {
        if (s.status === 'connected') this.schedule(0);
        else {
          this.markUnknown();
          this.publish();
        }
      }),
      connection.onEvent((e) => this.onEvent(e)),
    );
    // Made while the engine is already connected (a reload, or a connection started
    // before the files were read): no "connected" will come, so sync now.
    if (connection.state().status === 'connected') this.schedule(0);
  }

  /** Services in start order. */
  snapshot(): ServiceState[] {
    return this.model.order.map((n) => this.states.get(n)!).filter(Boolean);
  }

  /** Called at once with the current snapshot, then on every (coalesced) change. */
  onChange(fn: (s: ServiceState[]) => void): () => void {
    this.listeners.add(fn);
    fn(this.snapshot());
    return () => this.listeners.delete(fn);
  }

  /** Resync now and resolve when done (operations call this so their result is fresh). */
  async refresh(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.sync();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.unsubs.forEach((u) => u());
    this.listeners.clear();
  }

  /** Every service unknown; at start nothing was known before (no last-known state). */
  private markUnknown(initial = false): void {
    for (const name of this.model.order) {
      const svc = this.model.services[name]!;
      this.states.set(name, unknownState(this.model, svc, initial ? undefined : this.states.get(name)));
    }
  }

  private onEvent(e: EngineEvent): void {
    if (e.Type === 'network') {
      // A container of ours joined or left a network: its addresses changed.
      const id = e.Actor?.Attributes?.container;
      if (id && [...this.states.values()].some((s) => s.containerId === id)) this.schedule(this.coalesceMs);
      return;
    }
    if (e.Type !== 'container') return;
    if (e.Actor?.Attributes?.[L.project] !== this.model.name) return;
    this.schedule(this.coalesceMs);
  }

  private schedule(ms: number): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.sync();
    }, ms);
  }

  private sync(): Promise<void> {
    if (this.syncing) {
      this.again = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      do {
        this.again = false;
        await this.syncOnce();
      } while (this.again && !this.closed);
    })().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  private async syncOnce(): Promise<void> {
    const docker = this.connection.docker();
    if (!docker || this.closed) return;
    try {
      const next = await readServiceStates(docker, this.model);
      if (this.connection.docker() !== docker) return; // lost meanwhile: keep "unknown"
      this.states = new Map(next.map((st) => [st.name, st]));
      this.publish();
    } catch {
      // The connection notices a lost engine itself and resyncs after reconnecting.
    }
  }

  private publish(): void {
    const snap = this.snapshot();
    const json = JSON.stringify(snap);
    if (json === this.lastJson) return;
    this.lastJson = json;
    for (const fn of [...this.listeners]) {
      try {
        fn(snap);
      } catch {
        // ignore listener bugs
      }
    }
  }
}

/** One-shot read of every service's state (list by label + inspect), in start order. */
export async function readServiceStates(docker: Dockerode, model: StackModel): Promise<ServiceState[]> {
  const found = await projectContainers(docker, model.name);
  return Promise.all(
    model.order.map(async (name) => {
      const svc = model.services[name]!;
      const list = [...(found.get(name) ?? [])].sort((a, b) => containerNumber(a.Labels) - containerNumber(b.Labels));
      const replicas = await Promise.all(
        list.map(async (c) => {
          try {
            const info = (await docker.getContainer(c.Id).inspect()) as unknown as InspectView;
            return { number: containerNumber(c.Labels), state: serviceStateFrom(model, svc, info) };
          } catch {
            // Removed between list and inspect: left out (its destroy event triggers a resync).
            return null;
          }
        }),
      );
      return aggregateService(
        model,
        svc,
        replicas.filter((r) => r !== null),
      );
    }),
  );
}
