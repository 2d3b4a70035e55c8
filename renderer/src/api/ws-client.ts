// The AtomApi over the headless server's WebSocket: commands are correlated by id,
// events arrive batched and are fanned out to listeners. The socket reconnects with
// backoff; while it is down commands wait (bounded) and the UI shows the state.
import type {
  AtomApi,
  CommandInput,
  CommandName,
  CommandOutput,
  EventName,
  EventPayloads,
  WsClientMessage,
  WsServerMessage,
} from '../../../shared/contract';
import { WS_CLOSE_BAD_TOKEN } from '../../../shared/contract';
import { EventListeners } from '../../../shared/event-listeners';
import type { Result } from '../../../shared/result';
import { fail } from '../../../shared/result';
import { LIMITS } from '../../../shared/rules';

/** `unauthorized`: the server refused this page's token; retrying cannot help. */
export type ConnectionStatus = 'connecting' | 'open' | 'closed' | 'unauthorized';

/** The slice of the browser WebSocket the client uses (a fake is injected in tests). */
export interface SocketLike {
  readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code?: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: string): void;
  close(): void;
}
export type SocketFactory = (url: string) => SocketLike;

export interface AtomClient extends AtomApi {
  connection(): ConnectionStatus;
  onConnection(listener: (status: ConnectionStatus) => void): () => void;
  close(): void;
}

export interface WsClientOptions {
  /** First reconnect delay; doubles up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** A command not answered in this time resolves to a TIMEOUT error. */
  commandTimeoutMs?: number;
}

const OPEN = 1;

interface Pending {
  resolve: (r: Result<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class WsClient implements AtomClient {
  private socket: SocketLike | null = null;
  private status: ConnectionStatus = 'connecting';
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /**
   * Commands not sent yet, oldest first: the server answers at most
   * LIMITS.clientCommandsInFlight at once per client and refuses the rest, so the
   * page keeps its own to that many and the others wait their turn here.
   */
  private readonly waiting: { id: number; data: string }[] = [];
  private readonly inFlight = new Set<number>();
  private readonly listeners = new EventListeners();
  private readonly statusListeners = new Set<(s: ConnectionStatus) => void>();
  private backoff: number;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly factory: SocketFactory,
    private readonly opts: WsClientOptions = {},
  ) {
    this.backoff = opts.backoffMs ?? 500;
    this.connect();
  }

  connection(): ConnectionStatus {
    return this.status;
  }

  onConnection(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  invoke<K extends CommandName>(name: K, input: CommandInput<K>): Promise<Result<CommandOutput<K>>> {
    const id = this.nextId++;
    const msg: WsClientMessage = { t: 'cmd', id, name, input };
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.settle(id);
        resolve(fail('TIMEOUT', `No answer from the core to ${name} (connection ${this.status}).`));
      }, this.opts.commandTimeoutMs ?? 60_000);
      this.pending.set(id, { resolve: resolve as (r: Result<unknown>) => void, timer });
      this.waiting.push({ id, data: JSON.stringify(msg) });
      this.pump();
    });
  }

  on<K extends EventName>(name: K, listener: (payload: EventPayloads[K]) => void): () => void {
    return this.listeners.on(name, listener);
  }

  close(): void {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.socket?.close();
    this.setStatus('closed');
  }

  private connect(): void {
    this.setStatus('connecting');
    const socket = this.factory(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.backoff = this.opts.backoffMs ?? 500;
      this.setStatus('open');
      this.pump();
    };
    socket.onmessage = (ev) => this.receive(ev.data);
    socket.onerror = () => {
      // onclose follows; reconnecting happens there.
    };
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.failPending();
      if (this.closed) return;
      if (ev?.code === WS_CLOSE_BAD_TOKEN) return this.setStatus('unauthorized');
      this.setStatus('closed');
      this.reconnectTimer = setTimeout(() => this.connect(), this.backoff);
      this.backoff = Math.min(this.backoff * 2, this.opts.maxBackoffMs ?? 5_000);
    };
  }

  /** Sends the waiting commands the socket and the in-flight limit have room for. */
  private pump(): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return;
    while (this.waiting.length > 0 && this.inFlight.size < LIMITS.clientCommandsInFlight) {
      const next = this.waiting.shift()!;
      this.inFlight.add(next.id);
      socket.send(next.data);
    }
  }

  /** A command answered or timed out: it no longer waits, nor holds an in-flight slot. */
  private settle(id: number): void {
    this.pending.delete(id);
    const i = this.waiting.findIndex((w) => w.id === id);
    if (i >= 0) this.waiting.splice(i, 1);
    if (this.inFlight.delete(id)) this.pump();
  }

  /** Commands in flight when the socket drops never get an answer: fail them now. */
  private failPending(): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.resolve(fail('INTERNAL', 'Disconnected from core before it answered.'));
    }
    this.pending.clear();
    this.waiting.length = 0;
    this.inFlight.clear();
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let msg: WsServerMessage;
    try {
      msg = JSON.parse(data) as WsServerMessage;
    } catch {
      return;
    }
    if (msg.t === 'res') {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.settle(msg.id);
      clearTimeout(p.timer);
      p.resolve(msg.result);
    } else if (msg.t === 'evt') {
      this.listeners.dispatch(msg.events);
    }
  }

  private setStatus(s: ConnectionStatus): void {
    if (this.status === s) return;
    this.status = s;
    for (const l of this.statusListeners) l(s);
  }
}
