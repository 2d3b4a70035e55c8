// The one place where a command's arguments are validated against the contract and
// its outcome becomes a Result. Main (IPC) and the WebSocket server both call this.
import type { CommandInput, CommandName, CommandOutput } from '../../../shared/contract';
import { commandSchemas } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { AppError, fail, ok } from '../../../shared/result';

/**
 * Who sent a command: one window over IPC, one connection over serve, or the core's own
 * callers. What a client opens (uploads, terminals) is counted against it, so one client
 * cannot take every slot, and is let go when it goes.
 */
export interface CommandContext {
  client: string;
}

/** The context of the core's own callers (tray, CLI, tests): one client among the others. */
export const IN_PROCESS: CommandContext = { client: 'core' };

export type CommandHandlers = {
  [K in CommandName]: (input: CommandInput<K>, ctx: CommandContext) => Promise<CommandOutput<K>> | CommandOutput<K>;
};

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commandSchemas, name);
}

/** An AppError keeps its code; anything else thrown becomes INTERNAL. */
export function toErrorResult(err: unknown): Result<never> {
  return { ok: false, error: AppError.from(err).toShape() };
}

/**
 * Validates `input` with the command's schema, runs its handler, never throws. Typed
 * for in-process callers; the transports reach it through `dispatchUntrusted`.
 */
export async function dispatchCommand<K extends CommandName>(
  handlers: CommandHandlers,
  name: K,
  input: CommandInput<K>,
  ctx: CommandContext = IN_PROCESS,
): Promise<Result<CommandOutput<K>>> {
  const parsed = commandSchemas[name].safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at '${issue.path.join('.')}'` : '';
    return fail('BAD_REQUEST', `Invalid arguments for ${name}${where}: ${issue?.message ?? 'invalid input'}`);
  }
  try {
    // The schema for K produced this value, so it is the handler's input for K.
    const handler = handlers[name] as (i: unknown, c: CommandContext) => Promise<CommandOutput<K>> | CommandOutput<K>;
    return ok(await handler(parsed.data, ctx));
  } catch (err) {
    return toErrorResult(err);
  }
}

/** For IPC and the WebSocket: the name and input come from outside and are checked here. */
export function dispatchUntrusted(
  handlers: CommandHandlers,
  name: unknown,
  input: unknown,
  ctx: CommandContext = IN_PROCESS,
): Promise<Result<unknown>> {
  if (!isCommandName(name)) return Promise.resolve(fail('UNKNOWN_COMMAND', `Unknown command '${String(name)}'`));
  return dispatchCommand(handlers, name, input as CommandInput<typeof name>, ctx);
}
