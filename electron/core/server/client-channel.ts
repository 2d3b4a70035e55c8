// One WebSocket client: events go out as one message per hub batch; while the
// socket is congested, batches are merged (latest state wins, streams concatenate)
// instead of queueing without bound.
import type { AppEvent, WsServerMessage } from '../../../shared/contract';
import { EventCoalescer } from '../app/coalescer';

export interface Socket {
  readonly bufferedAmount: number;
  send(data: string): void;
}

const CONGESTED_BYTES = 4 * 1024 * 1024;

export class ClientChannel {
  /** Held only while the socket is congested. */
  private readonly held = new EventCoalescer();
  private holding = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly socket: Socket) {}

  sendEvents(events: AppEvent[]): void {
    if (!this.holding && this.socket.bufferedAmount <= CONGESTED_BYTES) {
      this.send({ t: 'evt', events });
      return;
    }
    for (const ev of events) this.held.add(ev);
    this.holding = true;
    this.drain();
  }

  send(message: WsServerMessage): void {
    this.socket.send(JSON.stringify(message));
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.held.take();
    this.holding = false;
  }

  private drain(): void {
    if (!this.holding) return;
    if (this.socket.bufferedAmount > CONGESTED_BYTES) {
      this.timer ??= setTimeout(() => {
        this.timer = null;
        this.drain();
      }, 50);
      return;
    }
    this.holding = false;
    this.send({ t: 'evt', events: this.held.take() });
  }
}
