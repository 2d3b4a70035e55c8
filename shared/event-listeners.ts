// The one registry of contract-event listeners, shared by every client of the core:
// the preload (IPC), the WebSocket client and the tests' fake API. Listeners get the
// payload only; a listener that throws is reported and never stops the others.
import type { AppEvent, EventName, EventPayloads } from './contract';

type AnyListener = (payload: never) => void;

export class EventListeners {
  private readonly byName = new Map<EventName, Set<AnyListener>>();

  constructor(private readonly onListenerError: (name: EventName, err: unknown) => void = defaultReport) {}

  /** Adds a listener; returns its unsubscribe. */
  on<K extends EventName>(name: K, listener: (payload: EventPayloads[K]) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError(`on('${String(name)}'): listener must be a function`);
    let set = this.byName.get(name);
    if (!set) this.byName.set(name, (set = new Set()));
    const l = listener as AnyListener;
    set.add(l);
    return () => {
      set.delete(l);
    };
  }

  /** Fans a batch out in order; events nobody listens to are skipped. */
  dispatch(events: readonly AppEvent[]): void {
    for (const ev of events) {
      const set = this.byName.get(ev.name);
      if (!set) continue;
      for (const l of [...set]) {
        try {
          (l as (p: unknown) => void)(ev.payload);
        } catch (err) {
          this.onListenerError(ev.name, err);
        }
      }
    }
  }

  /** How many listeners are attached (for leak checks). */
  count(): number {
    let n = 0;
    for (const set of this.byName.values()) n += set.size;
    return n;
  }
}

function defaultReport(name: EventName, err: unknown): void {
  console.error(`atom: listener for ${name} threw`, err);
}
