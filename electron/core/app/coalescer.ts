// The one coalescing policy for core events, used by the EventHub (per flush) and by
// a congested WebSocket client (until it drains): state-like events keep only their
// latest value, traffic batches merge, log lines and progress concatenate within
// bounds that keep the newest.
import type { AppEvent, EventName } from '../../../shared/contract';
import { LIMITS } from '../../../shared/rules';
import type { LogLine } from '../../../shared/stack';
import type { MessageUpdate, TrafficBatch } from '../../../shared/traffic';

const LATEST_ONLY: ReadonlySet<EventName> = new Set<EventName>([
  'engine.state',
  'stack.snapshot',
  'traffic.state',
  'traffic.rates',
  'valkey.probe',
  'settings.changed',
  'recorder.state',
]);

const MAX_PROGRESS = LIMITS.progressEventsKept;
const MAX_LOG_LINES = LIMITS.logLinesPerBatch;

export class EventCoalescer {
  private latest = new Map<EventName, AppEvent>();
  private progress: AppEvent[] = [];
  private logs: LogLine[] = [];
  private traffic: TrafficBatch | null = null;

  add(ev: AppEvent): void {
    if (LATEST_ONLY.has(ev.name)) this.latest.set(ev.name, ev);
    else if (ev.name === 'logs.lines') {
      for (const line of ev.payload) this.logs.push(line);
      if (this.logs.length > MAX_LOG_LINES * 2) this.logs = this.logs.slice(-MAX_LOG_LINES);
    } else if (ev.name === 'traffic.batch') this.traffic = mergeBatches(this.traffic, ev.payload);
    else {
      this.progress.push(ev);
      if (this.progress.length > MAX_PROGRESS * 2) this.progress = this.progress.slice(-MAX_PROGRESS);
    }
  }

  /** Everything queued, as one batch (state first, streams last); then empty. */
  take(): AppEvent[] {
    const events: AppEvent[] = [...this.latest.values(), ...this.progress.slice(-MAX_PROGRESS)];
    if (this.logs.length > 0) events.push({ name: 'logs.lines', payload: this.logs.slice(-MAX_LOG_LINES) });
    if (this.traffic) events.push({ name: 'traffic.batch', payload: this.traffic });
    this.latest = new Map();
    this.progress = [];
    this.logs = [];
    this.traffic = null;
    return events;
  }
}

/**
 * A batch as clients get it: the newest LIMITS.liveItemsPerBatch new items. The seqs of
 * the rest are skipped over, and a view that scrolls to them asks for them with
 * traffic.range. A reset's snapshot is sent whole: it is what a view starts from.
 */
export function capBatch(b: TrafficBatch, max = LIMITS.liveItemsPerBatch): TrafficBatch {
  return b.reset || b.items.length <= max ? b : { ...b, items: b.items.slice(-max) };
}

/** Two traffic batches as one: a reset in the later one drops the earlier items. */
export function mergeBatches(a: TrafficBatch | null, b: TrafficBatch): TrafficBatch {
  if (!a || b.reset) return b;
  const items = a.items.concat(b.items);
  const updates = b.updates.length === 0 ? a.updates : mergeUpdates(a.updates, b.updates);
  // Still one batch's worth of new items: a client that falls behind is not sent the whole flood later.
  return capBatch({ items, updates, counters: b.counters, paused: b.paused, reset: a.reset });
}

function mergeUpdates(a: MessageUpdate[], b: MessageUpdate[]): MessageUpdate[] {
  const bySeq = new Map<number, MessageUpdate>();
  for (const u of a) bySeq.set(u.seq, u);
  for (const u of b) bySeq.set(u.seq, u);
  return [...bySeq.values()];
}
