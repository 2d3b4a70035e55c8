// The open terminals, by id. Each is counted against the client that opened it (a
// quota per client and one over all), but any client holding its id may use it: a page
// that reconnects keeps its shell. One nobody has read for LIMITS.terminalIdleMs (its
// page closed, its client dropped) is hung up, so no shell outlives its window.
import { randomUUID } from 'node:crypto';
import { checkQuota } from '../../../shared/client-quota';
import { LIMITS } from '../../../shared/rules';
import { AppError } from '../../../shared/result';
import type { TerminalChunk, TerminalOpened } from '../../../shared/stack';
import type { TerminalRequest } from '../engine/exec-tty';
import { TerminalSession } from '../engine/terminal-session';
import type { TtyProcess } from '../engine/terminal-session';

export type TtyOpener = (req: TerminalRequest) => Promise<{ containerId: string; tty: TtyProcess }>;

const QUOTA = { total: LIMITS.terminalsOpen, perClient: LIMITS.terminalsPerClient };

interface Open {
  session: TerminalSession;
  owner: string;
}

export class Terminals {
  private readonly open_ = new Map<string, Open>();
  /** Opens waiting for their exec: they hold their slot, so concurrent opens cannot pass the quota together. */
  private readonly opening = new Set<{ owner: string }>();
  private readonly sweeper: ReturnType<typeof setInterval>;

  constructor(
    private readonly opener: TtyOpener,
    private readonly idleMs = LIMITS.terminalIdleMs,
  ) {
    this.sweeper = setInterval(() => this.sweep(), Math.max(1_000, Math.floor(idleMs / 5)));
    this.sweeper.unref();
  }

  get count(): number {
    return this.open_.size;
  }

  /** `owner`: the client asking, whose quota it counts against. */
  async open(req: TerminalRequest, owner: string): Promise<TerminalOpened> {
    checkQuota([...this.open_.values(), ...this.opening], owner, QUOTA, 'terminals open');
    const claim = { owner };
    this.opening.add(claim);
    const { containerId, tty } = await this.opener(req).finally(() => this.opening.delete(claim));
    const id = randomUUID();
    this.open_.set(id, { session: new TerminalSession(tty), owner });
    return { id, service: req.service, containerId, shell: req.shell };
  }

  async read(id: string): Promise<TerminalChunk> {
    const chunk = await this.get(id).read();
    if (this.open_.get(id)?.session.done) this.open_.delete(id);
    return chunk;
  }

  write(id: string, data: string): void {
    this.get(id).write(data);
  }

  resize(id: string, cols: number, rows: number): Promise<void> {
    return this.get(id).resize(cols, rows);
  }

  close(id: string): void {
    this.open_.get(id)?.session.close();
    this.open_.delete(id);
  }

  closeAll(): void {
    clearInterval(this.sweeper);
    for (const id of [...this.open_.keys()]) this.close(id);
  }

  /** Hangs up the terminals whose reader went away. */
  sweep(): void {
    for (const [id, { session: s }] of this.open_) if (s.done || s.idleFor() > this.idleMs) this.close(id);
  }

  private get(id: string): TerminalSession {
    const s = this.open_.get(id)?.session;
    if (!s)
      throw new AppError(
        'NOT_FOUND',
        `terminal ${id} is closed: its process ended, or it went unread for ${LIMITS.terminalIdleMs / 1000} s`,
      );
    return s;
  }
}
