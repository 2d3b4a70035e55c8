// The dashboard's state, fed by core events. Many events of one batch mutate the
// state, then a single notification is scheduled (one React update per batch, not
// per message); streamed messages live in a ring whose version bumps instead.
import { appendSamples, type StatsHistory } from '../stats/stats-history';
import type { RecorderState, ReplayProgress } from '../../../shared/history';
import type { AtomClient, ConnectionStatus } from '../api/ws-client';
import type { AppInfo, Settings } from '../../../shared/settings';
import type { EngineState, ProgressEvent, StackSnapshot } from '../../../shared/stack';
import type {
  MessageUpdate,
  MonitorState,
  StreamItem,
  TrafficBatch,
  TrafficCounters,
  TrafficRates,
  ValkeyProbe,
} from '../../../shared/traffic';
import { LIMITS } from '../../../shared/rules';
import type { Result } from '../../../shared/result';
import { Ring } from '../util/ring';

/**
 * The message list and its counters are redrawn at most this often. Under a flood every
 * batch shifts every row on screen, and each redraw costs style, layout and paint for
 * all of them (bench:ui's trace put that at most of the page's time); nobody reads rows
 * that change faster. A change after a quiet spell is shown at once; a pause at once.
 */
export const TRAFFIC_REDRAW_MS = 100;

export interface DashboardState {
  connection: ConnectionStatus;
  app: AppInfo | null;
  engine: EngineState | null;
  stack: StackSnapshot | null;
  /** Progress events of the running (or last) operation, newest last. */
  progress: ProgressEvent[];
  monitor: MonitorState;
  rates: TrafficRates | null;
  probe: ValkeyProbe | null;
  settings: Settings | null;
  counters: TrafficCounters | null;
  paused: boolean;
  /** Bumped whenever the message ring changes. */
  trafficVersion: number;
  /** Bumped when the live buffer starts over (clear, a stack switch, a reconnect): rows read beside it are stale. */
  trafficResets: number;
  /** CPU, memory, network and disk samples per service, the last few minutes. */
  stats: StatsHistory;
  /** Set by a service card's Terminal button: the Terminal tab opens a shell there. */
  terminalRequest: { service: string; at: number } | null;
  /** The flight recorder of the stack: recording, off, or stopped (a full disk) with why. */
  recorder: RecorderState | null;
  /** The running (or last) replay's progress. */
  replay: ReplayProgress | null;
  /** Set by the Messages tab's "older messages are in the record": History opens with these filters. */
  historyRequest: { agent: string; eventType: string; text: string; at: number } | null;
}

export class DashboardStore {
  state: DashboardState;
  /**
   * The live messages, one slot per seq (seqs are contiguous: slot i is seqAt(i)). A slot
   * is empty where a flood's batch left the message out (LIMITS.liveItemsPerBatch); a
   * row that shows it asks for it (want), and traffic.range fills it in.
   */
  readonly messages = new Ring<StreamItem>(LIMITS.bufferCapDefault);
  private lastSeq = -1;
  /** The oldest seq the core still keeps: empty slots below it can never be filled. */
  private coreFirstSeq = 0;
  /** The latest seq a row asked for, not yet asked of the core; and whether a traffic.range is out. */
  private wanted: number | null = null;
  private fetching = false;
  private readonly subscribers = new Set<() => void>();
  private scheduled = false;
  private pendingState: Partial<DashboardState> = {};
  private pendingTraffic: Pick<DashboardState, 'counters' | 'paused'> | null = null;
  private lastTrafficAt = -Infinity;
  private trafficTimer: ReturnType<typeof setTimeout> | null = null;
  /** A pause asked for and not yet answered: the list holds still meanwhile. */
  private pausing = false;
  private readonly offs: (() => void)[] = [];

  constructor(readonly api: AtomClient) {
    this.state = {
      connection: api.connection(),
      app: null,
      engine: null,
      stack: null,
      progress: [],
      monitor: { status: 'idle' },
      rates: null,
      probe: null,
      settings: null,
      counters: null,
      paused: false,
      trafficVersion: 0,
      trafficResets: 0,
      stats: {},
      terminalRequest: null,
      recorder: null,
      replay: null,
      historyRequest: null,
    };
  }

  /** Attach listeners and fetch the current state (events may already be on their way). */
  start(): void {
    const a = this.api;
    this.offs.push(
      a.onConnection((connection) => this.set({ connection })),
      a.on('engine.state', (engine) => this.set({ engine })),
      a.on('stack.snapshot', (stack) => this.set({ stack })),
      a.on('operation.progress', (p) => this.addProgress(p)),
      a.on('traffic.batch', (b) => this.applyBatch(b)),
      a.on('traffic.state', (monitor) => this.set({ monitor })),
      a.on('traffic.rates', (rates) => this.set({ rates })),
      a.on('valkey.probe', (probe) => this.set({ probe })),
      a.on('settings.changed', (settings) => this.applySettings(settings)),
      a.on('recorder.state', (recorder) => this.set({ recorder })),
      a.on('replay.progress', (replay) => this.set({ replay })),
      a.on('stats.samples', (samples) => this.set({ stats: appendSamples(this.pendingState.stats ?? this.state.stats, samples) })),
    );
    void this.refresh();
  }

  stop(): void {
    for (const off of this.offs.splice(0)) off();
    if (this.trafficTimer !== null) clearTimeout(this.trafficTimer);
    this.trafficTimer = null;
  }

  async refresh(): Promise<void> {
    const [app, engine, stack, settings, traffic, stats, recorder] = await Promise.all([
      this.api.invoke('app.info', {}),
      this.api.invoke('engine.get', {}),
      this.api.invoke('stack.get', {}),
      this.api.invoke('settings.get', {}),
      this.api.invoke('traffic.get', {}),
      this.api.invoke('stats.get', {}),
      this.api.invoke('recorder.get', {}),
    ]);
    if (recorder.ok) this.set({ recorder: recorder.value });
    if (stats.ok) this.set({ stats: stats.value });
    if (app.ok) this.set({ app: app.value });
    if (engine.ok) this.set({ engine: engine.value });
    if (stack.ok) this.set({ stack: stack.value });
    if (settings.ok) this.applySettings(settings.value);
    if (traffic.ok) {
      this.set({ monitor: traffic.value.state });
      this.applyBatch({ ...traffic.value.batch, reset: true });
    }
  }

  subscribe = (fn: () => void): (() => void) => {
    this.subscribers.add(fn);
    return () => this.subscribers.delete(fn);
  };

  getState = (): DashboardState => this.state;

  set(patch: Partial<DashboardState>): void {
    Object.assign(this.pendingState, patch);
    this.schedule();
  }

  applyBatch(b: TrafficBatch): void {
    if (b.reset) {
      this.messages.clear();
      this.lastSeq = -1;
      // Another buffer (a new stack's monitor counts from 0 again).
      this.coreFirstSeq = 0;
      this.set({ trafficResets: (this.pendingState.trafficResets ?? this.state.trafficResets) + 1 });
    }
    // A snapshot and a live batch can overlap: keep only items newer than the last.
    const fresh = b.items.filter((it) => it.seq > this.lastSeq);
    if (fresh.length > 0) {
      // Seqs the batch skipped (a flood's older messages) get empty slots, filled on demand.
      if (this.lastSeq >= 0 && this.messages.length > 0) this.messages.pushEmpty(fresh[0]!.seq - this.lastSeq - 1);
      this.messages.pushAll(fresh);
      this.lastSeq = fresh[fresh.length - 1]!.seq;
    }
    if (!b.paused && b.counters) this.forgetBelow(this.lastSeq + 1 - b.counters.kept);
    for (const u of b.updates ?? []) this.applyUpdate(u);
    this.pendingTraffic = { counters: b.counters, paused: b.paused };
    if (this.pausing) return;
    const pauseChanged = b.paused !== (this.pendingState.paused ?? this.state.paused);
    const wait = this.lastTrafficAt + TRAFFIC_REDRAW_MS - performance.now();
    if (pauseChanged || b.reset || wait <= 0) this.publishTraffic();
    else this.trafficTimer ??= setTimeout(() => this.publishTraffic(), wait);
  }

  /**
   * Pause, shown at once: the button and a still list on the next frame, not after the
   * core's answer and its next batch (which, under a flood, queue behind traffic). A
   * refusal undoes it.
   */
  async pause(): Promise<Result<null>> {
    this.pausing = true;
    this.set({ paused: true });
    const r = await this.api.invoke('traffic.pause', {});
    this.pausing = false;
    if (!r.ok) {
      this.set({ paused: false });
      this.publishTraffic();
    }
    return r;
  }

  /** The ring's new version and the latest counters, to the list's subscribers. */
  private publishTraffic(): void {
    if (this.trafficTimer !== null) clearTimeout(this.trafficTimer);
    this.trafficTimer = null;
    if (!this.pendingTraffic) return;
    this.lastTrafficAt = performance.now();
    const version = (this.pendingState.trafficVersion ?? this.state.trafficVersion) + 1;
    this.set({ ...this.pendingTraffic, trafficVersion: version });
    this.pendingTraffic = null;
  }

  /** The seq of the message in slot i of `messages` (its slot may be empty). */
  seqAt(i: number): number {
    return this.lastSeq - (this.messages.length - 1 - i);
  }

  /** The slot of a seq (outside 0..length-1 when the ring does not reach it). */
  private slotOf(seq: number): number {
    return seq - this.seqAt(0);
  }

  /** Whether an empty slot's message can still be read from the core (false: it left the buffer). */
  canFetch(seq: number): boolean {
    return seq >= this.coreFirstSeq && seq <= this.lastSeq;
  }

  /** A row shows an empty slot: read it (and its neighbours) from the core, one request at a time. */
  want(seq: number): void {
    if (!this.canFetch(seq)) return;
    this.wanted = seq;
    if (!this.fetching) void this.fetchWanted();
  }

  private async fetchWanted(): Promise<void> {
    this.fetching = true;
    try {
      while (this.wanted !== null) {
        const seq = this.wanted;
        this.wanted = null;
        if (!this.canFetch(seq) || this.messages.get(this.slotOf(seq)) !== undefined) continue;
        // Centred on the row asked for: the rows around it on screen come in the same answer.
        const half = LIMITS.rangeItems / 2;
        const from = Math.max(this.coreFirstSeq, this.seqAt(0), seq - half);
        const to = Math.min(this.lastSeq + 1, from + LIMITS.rangeItems);
        const r = await this.api.invoke('traffic.range', { from, to });
        if (!r.ok) return;
        this.forgetBelow(r.value.firstSeq);
        let filled = 0;
        for (const item of r.value.items) {
          const i = this.slotOf(item.seq);
          if (i >= 0 && i < this.messages.length && this.messages.get(i) === undefined) {
            this.messages.set(i, item);
            filled++;
          }
        }
        if (filled > 0) this.set({ trafficVersion: (this.pendingState.trafficVersion ?? this.state.trafficVersion) + 1 });
      }
    } finally {
      this.fetching = false;
    }
  }

  /** The core keeps nothing below `first`: empty slots there are dropped (rows with messages stay). */
  private forgetBelow(first: number): void {
    if (first <= this.coreFirstSeq) return;
    this.coreFirstSeq = first;
    let k = 0;
    while (k < this.messages.length && this.seqAt(k) < first && this.messages.get(k) === undefined) k++;
    if (k > 0) this.messages.dropOldest(k);
  }

  /** A message we have arrived on another channel, or got reactions: replace it (rows re-render by identity). */
  private applyUpdate(u: MessageUpdate): void {
    // Slots are contiguous by seq.
    const i = this.slotOf(u.seq);
    const item = this.messages.get(i);
    if (item && item.kind !== 'gap') this.messages.set(i, { ...item, channels: u.channels, reactions: u.reactions ?? item.reactions });
  }

  applySettings(settings: Settings): void {
    if (settings.bufferCap !== this.messages.capacity) this.messages.resize(settings.bufferCap);
    this.set({ settings });
  }

  private addProgress(p: ProgressEvent): void {
    const base = this.pendingState.progress ?? this.state.progress;
    const same = base.length > 0 && base[0]!.operationId === p.operationId ? base : [];
    this.set({ progress: [...same, p].slice(-LIMITS.progressEventsKept) });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.state = { ...this.state, ...this.pendingState };
      this.pendingState = {};
      for (const fn of this.subscribers) fn();
    });
  }
}
