// Why recording stopped, in words a person can act on.
export function describeWriteError(err: unknown, file: string): string {
  const code = (err as { code?: string }).code ?? '';
  const message = (err as Error).message ?? String(err);
  if (code === 'SQLITE_FULL' || /disk is full|ENOSPC/i.test(message)) {
    return `The disk holding ${file} is full: recording stopped (the live view goes on). Free some space, then restart recording in Settings.`;
  }
  if (code === 'SQLITE_READONLY' || /readonly/i.test(message)) return `${file} cannot be written (read-only): recording stopped.`;
  return `Writing ${file} failed (${message}): recording stopped.`;
}
