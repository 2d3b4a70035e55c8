// How the engine layer reads dockerode's failures. Errors themselves are the shared
// AppError: a stable code and machine-readable details the CLI and the UI act on.
import { AppError } from '../../../shared/result';

/** Any thrown value as an AppError; the engine's own message when dockerode carried one. */
export function asAppError(err: unknown): AppError {
  return AppError.from(err, errorText);
}

/** The engine's own message when it sent one (dockerode puts it in json.message). */
export function errorText(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { json?: { message?: unknown }; message?: unknown };
    if (e.json && typeof e.json.message === 'string') return e.json.message;
    if (typeof e.message === 'string') return e.message.replace(/^\(HTTP code \d+\) [^-]*- /, '');
  }
  return String(err);
}

export function statusCode(err: unknown): number | null {
  const code = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' ? code : null;
}

/** What a cancelled Start throws, wherever it is stopped (between steps, in a wait, in a pull or build). */
export const startCancelled = (): AppError => new AppError('CANCELLED', 'Start was cancelled; what it had created is removed');
