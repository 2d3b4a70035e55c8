// One error class for everything the engine layer reports: a stable shared code and
// machine-readable details, so the CLI and the UI can act on it without parsing text.
import type { AppErrorShape, ErrorCode } from '../../../shared/result';

export class EngineError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    this.details = details;
  }
  toShape(): AppErrorShape {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** Any thrown value as an EngineError (unknown failures become INTERNAL). */
export function asEngineError(err: unknown): EngineError {
  if (err instanceof EngineError) return err;
  return new EngineError('INTERNAL', errorText(err));
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
