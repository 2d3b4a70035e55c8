// The one place where a command's arguments are validated against the contract and
// its outcome becomes a Result. Main (IPC) and the WebSocket server both call this.
import type { CommandInput, CommandName, CommandOutput } from '../../../shared/contract';
import { commandSchemas } from '../../../shared/contract';
import type { ErrorCode, Result } from '../../../shared/result';
import { ERROR_CODES, fail, ok } from '../../../shared/result';

export type CommandHandlers = {
  [K in CommandName]: (input: CommandInput<K>) => Promise<CommandOutput<K>> | CommandOutput<K>;
};

/** An error with a contract code; anything else thrown becomes INTERNAL. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commandSchemas, name);
}

export function toErrorResult(err: unknown): Result<never> {
  if (err && typeof err === 'object' && 'code' in err && 'message' in err) {
    const code = (err as { code: unknown }).code;
    if (typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code)) {
      const details = (err as { details?: Record<string, unknown> }).details;
      return fail(code as ErrorCode, String((err as { message: unknown }).message), details);
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return fail('INTERNAL', message || 'Unexpected error');
}

export async function dispatchCommand(handlers: CommandHandlers, name: unknown, input: unknown): Promise<Result<unknown>> {
  if (!isCommandName(name)) return fail('UNKNOWN_COMMAND', `Unknown command '${String(name)}'`);
  const parsed = commandSchemas[name].safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at '${issue.path.join('.')}'` : '';
    return fail('BAD_REQUEST', `Invalid arguments for ${name}${where}: ${issue?.message ?? 'invalid input'}`);
  }
  try {
    const handler = handlers[name] as (i: unknown) => Promise<unknown> | unknown;
    return ok(await handler(parsed.data));
  } catch (err) {
    return toErrorResult(err);
  }
}
