// Core events -> the page. Batches are queued until the page says it is listening
// (READY_CHANNEL) and again from the moment it navigates or reloads, so no event is
// sent into a page that has no listener yet. A new page needs the whole picture, so a
// navigation also re-subscribes: the core sends a snapshot first to each subscriber.
import type { AppEvent } from '../../shared/contract';
import { EVENTS_CHANNEL, READY_CHANNEL } from '../../shared/contract';
import type { CoreHost } from '../core/app/host';

export interface PumpTarget {
  send(channel: string, events: AppEvent[]): void;
  isDestroyed(): boolean;
}

/** Queue cap in events; about a minute of busy traffic batches. */
export const MAX_QUEUED_EVENTS = 20_000;

export class EventPump {
  private ready = false;
  private queue: AppEvent[] = [];
  private unsubscribe: (() => void) | null = null;
  private core: Pick<CoreHost, 'subscribe'> | null = null;

  constructor(
    private readonly target: PumpTarget,
    private readonly maxQueued = MAX_QUEUED_EVENTS,
  ) {}

  /** Starts forwarding the core's batches. */
  start(core: Pick<CoreHost, 'subscribe'>): void {
    this.core = core;
    this.unsubscribe?.();
    this.unsubscribe = core.subscribe((events) => this.push(events));
  }

  push(events: AppEvent[]): void {
    if (events.length === 0 || this.target.isDestroyed()) return;
    if (this.ready) {
      this.target.send(EVENTS_CHANNEL, events);
      return;
    }
    this.queue.push(...events);
    if (this.queue.length > this.maxQueued) this.queue.splice(0, this.queue.length - this.maxQueued);
  }

  /** The page attached its listeners: flush what waited, then send live. */
  markReady(): void {
    this.ready = true;
    if (this.queue.length > 0 && !this.target.isDestroyed()) {
      const pending = this.queue;
      this.queue = [];
      this.target.send(EVENTS_CHANNEL, pending);
    }
  }

  /**
   * The page is going away (navigation, reload): hold events until it is ready again,
   * starting over from a fresh snapshot (what the old page had is lost with it).
   */
  markNotReady(): void {
    this.ready = false;
    this.queue = [];
    if (this.core) this.start(this.core);
  }

  get isReady(): boolean {
    return this.ready;
  }

  get queued(): number {
    return this.queue.length;
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.queue = [];
  }
}

interface PumpContents extends PumpTarget {
  on(event: 'did-start-navigation', listener: (details: { isMainFrame: boolean; isSameDocument: boolean }) => void): unknown;
  ipc: { on(channel: string, listener: (event: { senderFrame: unknown }) => void): unknown };
  mainFrame: unknown;
}

/** Wires a pump to a window's contents: ready from our top frame, reset on navigation. */
export function attachEventPump(contents: PumpContents, core: Pick<CoreHost, 'subscribe'>): EventPump {
  const pump = new EventPump(contents);
  contents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) pump.markNotReady();
  });
  // webContents.ipc only hears this window's messages; the top frame only.
  contents.ipc.on(READY_CHANNEL, (event) => {
    if (event.senderFrame === contents.mainFrame) pump.markReady();
  });
  pump.start(core);
  return pump;
}
