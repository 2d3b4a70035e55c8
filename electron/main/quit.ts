// Quitting: Electron does not wait for async 'before-quit' handlers, so the first quit
// is always prevented, the user is asked (unless a choice was remembered or nothing
// runs), the core shuts down within a hard time limit, and then the app exits for real.
import type { Settings } from '../../shared/settings';

export type QuitChoice = 'stop' | 'leave' | 'cancel';

export interface QuitDeps {
  /** settings.quitBehavior, or 'ask' when settings cannot be read. */
  quitBehavior(): Promise<Settings['quitBehavior']>;
  rememberQuitBehavior(choice: 'stop' | 'leave'): Promise<void>;
  isStackRunning(): boolean;
  ask(): Promise<{ choice: QuitChoice; remember: boolean }>;
  shutdown(opts: { stopStack: boolean }): Promise<void>;
  exit(code: number): void;
  /** Hard limit for shutdown; the app exits when it runs out. */
  timeoutMs?: number;
  log?(message: string): void;
}

export const QUIT_TIMEOUT_MS = 10_000;
export type QuitOutcome = 'cancelled' | 'exited' | 'timed-out';

/** Translates the dialog's button index (Stop stack, Leave running, Cancel). */
export function choiceFromResponse(response: number): QuitChoice {
  return response === 0 ? 'stop' : response === 1 ? 'leave' : 'cancel';
}

export class QuitCoordinator {
  private phase: 'idle' | 'busy' | 'exiting' = 'idle';

  constructor(private readonly deps: QuitDeps) {}

  /** The 'before-quit' listener: always holds the quit back until cleanup is done. */
  onBeforeQuit(event: { preventDefault(): void }): void {
    if (this.phase === 'exiting') return;
    event.preventDefault();
    if (this.phase === 'idle') void this.run();
  }

  get quitting(): boolean {
    return this.phase !== 'idle';
  }

  async run(): Promise<QuitOutcome> {
    this.phase = 'busy';
    let stopStack: boolean | null = false;
    try {
      stopStack = await this.decide();
    } catch (err) {
      this.deps.log?.(`quit: could not decide (${String(err)}); leaving the stack running`);
    }
    if (stopStack === null) {
      this.phase = 'idle';
      return 'cancelled';
    }
    const outcome = await this.shutdownWithin(stopStack);
    this.phase = 'exiting';
    this.deps.exit(0);
    return outcome;
  }

  /** true: stop the stack, false: leave it, null: the user cancelled. */
  private async decide(): Promise<boolean | null> {
    if (!this.deps.isStackRunning()) return false;
    const behavior = await this.deps.quitBehavior();
    if (behavior === 'stop') return true;
    if (behavior === 'leave') return false;
    const { choice, remember } = await this.deps.ask();
    if (choice === 'cancel') return null;
    if (remember) await this.deps.rememberQuitBehavior(choice).catch(() => undefined);
    return choice === 'stop';
  }

  private async shutdownWithin(stopStack: boolean): Promise<QuitOutcome> {
    const limit = this.deps.timeoutMs ?? QUIT_TIMEOUT_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timed-out'>((resolve) => {
      timer = setTimeout(() => resolve('timed-out'), limit);
    });
    const work = this.deps.shutdown({ stopStack }).then(
      () => 'exited' as const,
      (err: unknown) => {
        this.deps.log?.(`quit: shutdown failed: ${String(err)}`);
        return 'exited' as const;
      },
    );
    const outcome = await Promise.race([work, timeout]);
    clearTimeout(timer);
    if (outcome === 'timed-out') this.deps.log?.(`quit: shutdown still running after ${limit} ms; exiting anyway`);
    return outcome;
  }
}
