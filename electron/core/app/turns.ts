// Commands that do a lot of synchronous work over the buffer (exports, queries, big
// snapshots) run one at a time, each in its own turn of the event loop. Between two of
// them the loop reads sockets, so one client asking for many at once cannot hold up
// another client's answer for longer than one of them takes.
import type { CommandName } from '../../../shared/contract';
import type { CommandContext, CommandHandlers } from './dispatch';

/** The commands that walk the whole buffer or log store. */
export const HEAVY_COMMANDS: readonly CommandName[] = ['traffic.export', 'traffic.query', 'traffic.get', 'logs.get'];

export class TurnQueue {
  private tail: Promise<void> = Promise.resolve();

  /** Runs fn after every job queued before it, starting in a fresh event-loop turn. */
  run<T>(fn: () => T | Promise<T>): Promise<T> {
    const job = this.tail.then(() => new Promise<void>((r) => setImmediate(r))).then(fn);
    this.tail = job.then(
      () => undefined,
      () => undefined,
    );
    return job;
  }
}

/** The handlers with every heavy one queued through one TurnQueue. */
export function withTurns(handlers: CommandHandlers, queue = new TurnQueue()): CommandHandlers {
  const out = { ...handlers } as Record<CommandName, (input: unknown, ctx: CommandContext) => unknown>;
  for (const name of HEAVY_COMMANDS) {
    const h = handlers[name] as (input: unknown, ctx: CommandContext) => unknown;
    out[name] = (input, ctx) => queue.run(() => h(input, ctx));
  }
  return out as CommandHandlers;
}
