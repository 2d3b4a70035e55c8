// Writing the user's files safely: a temp file renamed over the target (never a half
// written file), a dated backup beside it, and a folder at the path as a clear error.
import { copyFileSync, constants, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/result';

export const isDirectory = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** 20261201-120304: sortable, and safe in a file name. */
export const stamp = (d: Date): string => d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/** Writes `text` to `path` through a temp file and a rename; `what` names it in errors. */
export function writeAtomically(path: string, text: string, what: string, mode = 0o600): void {
  if (isDirectory(path)) throw new AppError('BAD_REQUEST', `cannot save ${what}: ${path} is a folder, not a file`, { file: path });
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text, { mode });
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new AppError('INTERNAL', `cannot save ${what} to ${path}: ${(err as Error).message}`, { file: path });
  }
}

/** Copies `from` to `to` only if `to` does not exist (never overwrites); false when it does. */
export function copyIfAbsent(from: string, to: string): boolean {
  try {
    copyFileSync(from, to, constants.COPYFILE_EXCL);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}
