// One terminal's traffic with the core, the same over IPC and over `serve`:
// - output is pulled: the next terminal.read goes out only once the screen has drawn the
//   last chunk (the sink's promise), so a flood of output waits in the core, paused at
//   the engine, instead of in the page;
// - input is pushed one terminal.write at a time, keystrokes typed meanwhile joined into
//   the next, and a paste cut into pieces of LIMITS.terminalInputChars;
// - resizes are sent as they settle, the last size winning.
import type { AtomApi } from '../../../shared/contract';
import { LIMITS } from '../../../shared/rules';
import type { TerminalOpened, TerminalShell } from '../../../shared/stack';

export interface TerminalSink {
  /** Draws output; resolves once it is on screen. */
  write(data: string): Promise<void>;
  exited(code: number | null): void;
  failed(message: string): void;
}

type Api = Pick<AtomApi, 'invoke'>;

export class TerminalLink {
  private pendingInput = '';
  private writing = false;
  private size: { cols: number; rows: number } | null = null;
  private resizing = false;
  private ended = false;

  private constructor(
    private readonly api: Api,
    readonly opened: TerminalOpened,
    private readonly sink: TerminalSink,
  ) {}

  static async open(
    api: Api,
    req: { service: string; shell: TerminalShell; cols: number; rows: number },
    sink: TerminalSink,
  ): Promise<TerminalLink> {
    const r = await api.invoke('terminal.open', req);
    if (!r.ok) throw new Error(r.error.message);
    const link = new TerminalLink(api, r.value, sink);
    void link.pump();
    return link;
  }

  get id(): string {
    return this.opened.id;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  input(data: string): void {
    if (this.ended || !data) return;
    this.pendingInput += data;
    void this.flushInput();
  }

  resize(cols: number, rows: number): void {
    if (this.ended) return;
    this.size = { cols, rows };
    void this.flushResize();
  }

  /** Hangs up (the shell exits); what the core still held is dropped. */
  close(): void {
    if (this.ended) return;
    this.ended = true;
    void this.api.invoke('terminal.close', { id: this.id });
  }

  private async pump(): Promise<void> {
    while (!this.ended) {
      const r = await this.api.invoke('terminal.read', { id: this.id });
      if (this.ended) return;
      if (!r.ok) {
        this.ended = true;
        this.sink.failed(r.error.message);
        return;
      }
      if (r.value.data) await this.sink.write(r.value.data);
      if (r.value.exit) {
        this.ended = true;
        this.sink.exited(r.value.exit.code);
        return;
      }
    }
  }

  private async flushInput(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.pendingInput && !this.ended) {
        const piece = takePiece(this.pendingInput, LIMITS.terminalInputChars);
        this.pendingInput = this.pendingInput.slice(piece.length);
        const r = await this.api.invoke('terminal.write', { id: this.id, data: piece });
        if (!r.ok) {
          this.pendingInput = '';
          return;
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private async flushResize(): Promise<void> {
    if (this.resizing) return;
    this.resizing = true;
    try {
      while (this.size && !this.ended) {
        const size = this.size;
        this.size = null;
        await this.api.invoke('terminal.resize', { id: this.id, ...size });
      }
    } finally {
      this.resizing = false;
    }
  }
}

/** The first at most `max` characters, not ending inside a surrogate pair. */
export function takePiece(text: string, max: number): string {
  if (text.length <= max) return text;
  const c = text.charCodeAt(max - 1);
  return text.slice(0, c >= 0xd800 && c <= 0xdbff ? max - 1 : max);
}
