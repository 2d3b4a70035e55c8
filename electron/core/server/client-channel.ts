// One WebSocket client: events go out as one message per hub batch; while the
// socket is congested, batches are merged (latest state wins, streams concatenate)
// instead of queueing without bound.
import type { AppEvent, WsServerMessage } from '../../../shared/contract';
import type { TrafficBatch } from '../../../shared/traffic';
import { mergeBatches } from '../app/event-hub';

export interface Socket {
  readonly bufferedAmount: number;
  send(data: string): void;
}

const CONGESTED_BYTES = 4 * 1024 * 1024;
/** Pending log lines kept per congested client; the UI re-fetches with logs.get. */
const MAX_PENDING_LOG_LINES = 20_000;

export class ClientChannel {
  private pending: AppEvent[] | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly socket: Socket) {}

  sendEvents(events: AppEvent[]): void {
    this.pending = this.pending ? mergeEvents(this.pending, events) : events;
    this.drain();
  }

  send(message: WsServerMessage): void {
    this.socket.send(JSON.stringify(message));
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }

  private drain(): void {
    if (!this.pending) return;
    if (this.socket.bufferedAmount > CONGESTED_BYTES) {
      this.timer ??= setTimeout(() => {
        this.timer = null;
        this.drain();
      }, 50);
      return;
    }
    const events = this.pending;
    this.pending = null;
    this.send({ t: 'evt', events });
  }
}

export function mergeEvents(a: AppEvent[], b: AppEvent[]): AppEvent[] {
  const out = new Map<string, AppEvent>();
  const progress: AppEvent[] = [];
  for (const ev of [...a, ...b]) {
    const prev = out.get(ev.name);
    if (ev.name === 'operation.progress') progress.push(ev);
    else if (ev.name === 'traffic.batch' && prev?.name === 'traffic.batch') {
      out.set(ev.name, { name: 'traffic.batch', payload: mergeBatches(prev.payload, ev.payload as TrafficBatch) });
    } else if (ev.name === 'logs.lines' && prev?.name === 'logs.lines') {
      out.set(ev.name, { name: 'logs.lines', payload: prev.payload.concat(ev.payload).slice(-MAX_PENDING_LOG_LINES) });
    } else out.set(ev.name, ev);
  }
  return [...out.values(), ...progress.slice(-500)];
}
