// The headless server's token, kept in the app's data folder so a bookmarked address
// survives a restart. Readable by the user only: whoever holds it drives the stack.
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { writeAtomically } from '../app/atomic-file';
import { newToken } from './security';

const TOKEN = /^[A-Za-z0-9_-]{32,128}$/;

/** The kept token, or a new one written there (mode 0600); a damaged file is replaced. */
export function loadOrCreateToken(path: string): { token: string; created: boolean } {
  try {
    const token = readFileSync(path, 'utf8').trim();
    if (TOKEN.test(token)) {
      // Tighten a file someone loosened (a copy, an editor): group and others lose access.
      if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
      return { token, created: false };
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const token = newToken();
  writeAtomically(path, `${token}\n`, 'the server token', 0o600);
  return { token, created: true };
}
