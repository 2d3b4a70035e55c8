// Coalesces core events into batches delivered at most every EVENT_FLUSH_MS to each
// subscriber: state-like events keep only their latest value, streams are merged.
// A late subscriber first receives a snapshot from the `initial` provider.
import type { AppEvent, EventName, EventPayloads } from '../../../shared/contract';
import { EVENT_FLUSH_MS } from '../../../shared/contract';
import { EventCoalescer } from './coalescer';

export type EventListener = (events: AppEvent[]) => void;

export class EventHub {
  private readonly listeners = new Set<EventListener>();
  private readonly queue = new EventCoalescer();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly countListeners = new Set<(n: number) => void>();

  constructor(
    private readonly initial: () => AppEvent[],
    private readonly flushMs = EVENT_FLUSH_MS,
  ) {}

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    this.countChanged();
    // The snapshot goes to this subscriber alone, before any coalesced batch.
    const snapshot = this.initial();
    if (snapshot.length > 0) listener(snapshot);
    return () => {
      this.listeners.delete(listener);
      this.countChanged();
    };
  }

  /** Told each time a subscriber comes or goes (work done only while someone watches). */
  onSubscriberCount(fn: (n: number) => void): () => void {
    this.countListeners.add(fn);
    return () => this.countListeners.delete(fn);
  }

  private countChanged(): void {
    for (const fn of this.countListeners) fn(this.listeners.size);
  }

  subscriberCount(): number {
    return this.listeners.size;
  }

  emit<K extends EventName>(name: K, payload: EventPayloads[K]): void {
    if (this.listeners.size === 0) return;
    this.queue.add({ name, payload } as AppEvent);
    this.schedule();
  }

  /** Deliver what is queued now (used at shutdown and in tests). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const events = this.queue.take();
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
