// Every command answers with a Result: errors are values with a stable code and a
// human message, never exceptions thrown across IPC or the WebSocket.

export const ERROR_CODES = [
  'BAD_REQUEST', // arguments failed the contract's schema
  'FORBIDDEN', // wrong sender / token
  'UNKNOWN_COMMAND',
  'ENGINE_UNAVAILABLE',
  'COMPOSE_INVALID',
  'OPERATION_IN_PROGRESS',
  'PORT_IN_USE',
  'IMAGE_UNAVAILABLE',
  'BUILD_FAILED',
  'HEALTHCHECK_FAILED',
  'DEPENDENCY_FAILED',
  'TIMEOUT',
  'NOT_FOUND',
  'NO_PUBSUB',
  'VALKEY_UNAVAILABLE',
  'UNSUPPORTED',
  'TOO_MANY_REQUESTS', // one client asked for more at once than it may
  'CANCELLED', // the user cancelled the operation; what it created was rolled back
  'NAME_CONFLICT', // a container name the file asks for belongs to something else
  'RECORDER_UNAVAILABLE', // the flight recorder is off, stopped, or its record could not be read
  'IMPORT_INVALID', // a file given to import is not an export or a record (the message names the line)
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  /** Optional machine-readable context: service, port, file, line, variable... */
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, message: string, details?: Record<string, unknown>): Result<T> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});

/**
 * The one error type: every layer throws it with a contract code, and dispatch turns it
 * into a failed Result. Anything else thrown becomes INTERNAL.
 */
export class AppError extends Error {
  readonly details: Record<string, unknown>;
  constructor(
    readonly code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.details = details;
  }

  toShape(): AppErrorShape {
    return Object.keys(this.details).length > 0
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }

  /** `err` itself when it is an AppError, else an INTERNAL one carrying its message. */
  static from(err: unknown, describe: (err: unknown) => string = defaultText): AppError {
    return err instanceof AppError ? err : new AppError('INTERNAL', describe(err) || 'Unexpected error');
  }
}

const defaultText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
