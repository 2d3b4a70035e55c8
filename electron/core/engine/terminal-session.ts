// One terminal: a process's TTY stream, read by pull. The reader asks for output with
// read(); what arrives in between is held, up to LIMITS.terminalBufferedChars, and past
// that the stream is paused, so the engine (and the process) wait for the reader
// instead of the core's memory growing. The same holds over IPC and over `serve`: each
// read is one request, and a slow page simply asks less often.
import { StringDecoder } from 'node:string_decoder';
import type { Duplex } from 'node:stream';
import { LIMITS } from '../../../shared/rules';
import { AppError } from '../../../shared/result';
import type { TerminalChunk } from '../../../shared/stack';

export interface TtyProcess {
  stream: Duplex;
  resize(cols: number, rows: number): Promise<void>;
  /** The process's exit code once it ended; null when the engine cannot say. */
  exitCode(): Promise<number | null>;
}

export interface TerminalSessionOptions {
  now?: () => number;
  bufferedChars?: number;
  readChars?: number;
  readWaitMs?: number;
}

export class TerminalSession {
  private chunks: string[] = [];
  private buffered = 0;
  private readonly decoder = new StringDecoder('utf8');
  private ended = false;
  private exit: { code: number | null } | null = null;
  private waiter: { resolve: (c: TerminalChunk) => void; timer: ReturnType<typeof setTimeout> } | null = null;
  private lastReadAt: number;
  private closed = false;
  private readonly now: () => number;
  private readonly limit: number;
  private readonly readChars: number;
  private readonly readWaitMs: number;

  constructor(
    private readonly tty: TtyProcess,
    opts: TerminalSessionOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.limit = opts.bufferedChars ?? LIMITS.terminalBufferedChars;
    this.readChars = opts.readChars ?? LIMITS.terminalReadChars;
    this.readWaitMs = opts.readWaitMs ?? LIMITS.terminalReadWaitMs;
    this.lastReadAt = this.now();
    const { stream } = tty;
    stream.on('data', (b: Buffer | string) => this.hold(typeof b === 'string' ? b : this.decoder.write(b)));
    stream.once('end', () => this.finish());
    stream.once('close', () => this.finish());
    // A broken connection to the engine ends the terminal like an exit it cannot explain.
    stream.on('error', () => this.finish());
  }

  /** Output held now (what the backpressure bounds). */
  get heldChars(): number {
    return this.buffered;
  }

  get paused(): boolean {
    return this.tty.stream.isPaused();
  }

  /** No read is waiting and none came for this long: the reader is gone. */
  idleFor(): number {
    return this.waiter ? 0 : this.now() - this.lastReadAt;
  }

  /** True once the exit was handed to a reader (or the session closed): it can be forgotten. */
  get done(): boolean {
    return this.closed;
  }

  /** The next output, waiting for some when there is none; the exit comes after the last output. */
  read(): Promise<TerminalChunk> {
    this.lastReadAt = this.now();
    if (this.buffered > 0 || this.exit || this.closed) return Promise.resolve(this.take());
    // One reader at a time: a newer read answers the older one empty.
    if (this.waiter) this.answerWaiter();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.answerWaiter(), this.readWaitMs);
      this.waiter = { resolve, timer };
    });
  }

  write(data: string): void {
    if (this.ended || this.closed) throw new AppError('NOT_FOUND', 'the terminal has ended: its process exited');
    this.tty.stream.write(data);
  }

  async resize(cols: number, rows: number): Promise<void> {
    if (this.ended || this.closed) return;
    await this.tty.resize(cols, rows);
  }

  /** Hangs up: the shell sees its terminal close and exits. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.chunks = [];
    this.buffered = 0;
    this.tty.stream.destroy();
    if (this.waiter) this.answerWaiter();
  }

  private hold(text: string): void {
    if (!text || this.closed) return;
    this.chunks.push(text);
    this.buffered += text.length;
    if (this.buffered >= this.limit) this.tty.stream.pause();
    if (this.waiter) this.answerWaiter();
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.hold(this.decoder.end());
    void this.tty
      .exitCode()
      .catch(() => null)
      .then((code) => {
        this.exit = { code };
        if (this.waiter) this.answerWaiter();
      });
  }

  private answerWaiter(): void {
    const w = this.waiter;
    if (!w) return;
    this.waiter = null;
    clearTimeout(w.timer);
    this.lastReadAt = this.now();
    w.resolve(this.take());
  }

  private take(): TerminalChunk {
    let data = '';
    while (this.chunks.length && data.length < this.readChars) {
      const head = this.chunks[0]!;
      const room = this.readChars - data.length;
      if (head.length <= room) {
        data += head;
        this.chunks.shift();
        continue;
      }
      // Never split a surrogate pair across two answers.
      const cut = isHighSurrogate(head.charCodeAt(room - 1)) ? room - 1 : room;
      data += head.slice(0, cut);
      this.chunks[0] = head.slice(cut);
      break;
    }
    this.buffered -= data.length;
    if (this.buffered < this.limit && this.tty.stream.isPaused() && !this.ended) this.tty.stream.resume();
    const exit = this.buffered === 0 ? this.exit : null;
    // Once the exit is handed over, the session is done (a closed one already is).
    if (exit) this.closed = true;
    return { data, exit: exit ?? (this.closed ? { code: null } : null) };
  }
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
