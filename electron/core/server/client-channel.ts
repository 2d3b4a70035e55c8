// One WebSocket client: events go out as one message per hub batch; while the
// socket is congested, batches are merged (latest state wins, streams concatenate)
// instead of queueing without bound.
import type { AppEvent, WsServerMessage } from '../../../shared/contract';
import { LIMITS } from '../../../shared/rules';
import { EventCoalescer } from '../app/coalescer';

export interface Socket {
  readonly bufferedAmount: number;
  send(data: string): void;
}

const CONGESTED_BYTES = 4 * 1024 * 1024;
const MAX_UNSENT_BYTES = LIMITS.clientUnsentBytes;

export class ClientChannel {
  /** Held only while the socket is congested. */
  private readonly held = new EventCoalescer();
  private holding = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  private dropped = false;

  /** `onOverflow` is told once when the client holds more unsent data than it may: drop it. */
  constructor(
    private readonly socket: Socket,
    private readonly onOverflow: (unsentBytes: number) => void = () => undefined,
  ) {}

  sendEvents(events: AppEvent[]): void {
    if (!this.holding && this.socket.bufferedAmount <= CONGESTED_BYTES) {
      this.send({ t: 'evt', events });
      return;
    }
    for (const ev of events) this.held.add(ev);
    this.holding = true;
    this.drain();
  }

  /** Sends now, unless the client already holds too much unread data: then it is dropped instead. */
  send(message: WsServerMessage): void {
    if (this.dropped) return;
    const data = JSON.stringify(message);
    const unsent = this.socket.bufferedAmount + data.length;
    if (unsent > MAX_UNSENT_BYTES) {
      this.dropped = true;
      this.onOverflow(unsent);
      return;
    }
    this.socket.send(data);
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
