// Coalesces core events into batches delivered at most every EVENT_FLUSH_MS to each
// subscriber: state-like events keep only their latest value, streams are merged.
// A late subscriber first receives a snapshot from the `initial` provider.
import type { AppEvent, EventName, EventPayloads } from '../../../shared/contract';
import { EVENT_FLUSH_MS } from '../../../shared/contract';
import type { TrafficBatch } from '../../../shared/traffic';

export type EventListener = (events: AppEvent[]) => void;

const LATEST_ONLY: ReadonlySet<EventName> = new Set<EventName>([
  'engine.state',
  'stack.snapshot',
  'traffic.state',
  'traffic.rates',
  'valkey.probe',
  'settings.changed',
]);

/** Bound on queued progress events per flush: a runaway pull cannot grow the queue. */
const MAX_PROGRESS_PER_FLUSH = 500;

export class EventHub {
  private readonly listeners = new Set<EventListener>();
  private latest = new Map<EventName, AppEvent>();
  private progress: AppEvent[] = [];
  private logs: EventPayloads['logs.lines'] = [];
  private traffic: TrafficBatch | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly initial: () => AppEvent[],
    private readonly flushMs = EVENT_FLUSH_MS,
  ) {}

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    // The snapshot goes to this subscriber alone, before any coalesced batch.
    const snapshot = this.initial();
    if (snapshot.length > 0) listener(snapshot);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit<K extends EventName>(name: K, payload: EventPayloads[K]): void {
    if (this.listeners.size === 0) return;
    if (LATEST_ONLY.has(name)) {
      this.latest.set(name, { name, payload } as AppEvent);
    } else if (name === 'logs.lines') {
      this.logs = this.logs.concat(payload as EventPayloads['logs.lines']);
    } else if (name === 'traffic.batch') {
      this.traffic = mergeBatches(this.traffic, payload as TrafficBatch);
    } else if (this.progress.length < MAX_PROGRESS_PER_FLUSH) {
      this.progress.push({ name, payload } as AppEvent);
    }
    this.schedule();
  }

  /** Deliver what is queued now (used at shutdown and in tests). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const events: AppEvent[] = [...this.latest.values(), ...this.progress];
    if (this.logs.length > 0) events.push({ name: 'logs.lines', payload: this.logs });
    if (this.traffic) events.push({ name: 'traffic.batch', payload: this.traffic });
    this.latest = new Map();
    this.progress = [];
    this.logs = [];
    this.traffic = null;
    if (events.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(events);
      } catch {
        // One broken subscriber (a closed socket) must not starve the others.
      }
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.flushMs);
  }
}

/** Two traffic batches as one: a reset in the later one drops the earlier items. */
export function mergeBatches(a: TrafficBatch | null, b: TrafficBatch): TrafficBatch {
  if (!a || b.reset) return b;
  return { items: a.items.concat(b.items), counters: b.counters, paused: b.paused, reset: a.reset };
}
