// The Valkey address for monitor and publish: --url, else $REDIS_URL, else the local
// default; checked up front so a typo is a usage error (exit 2), not a reconnect loop.
import { EXIT } from './exit-codes';
import { checkRedisUrl } from '../traffic/url';

export const DEFAULT_VALKEY_URL = 'redis://127.0.0.1:6379';

/** The URL to use, or { exit: EXIT.usage } after printing why the given one is unusable. */
export function valkeyUrlOption(command: string, url: string | undefined | null): string | { exit: number } {
  const chosen = url ?? process.env.REDIS_URL ?? DEFAULT_VALKEY_URL;
  try {
    checkRedisUrl(chosen);
  } catch (err) {
    console.error(`atom-desktop ${command}: --url: ${(err as Error).message}`);
    return { exit: EXIT.usage };
  }
  return chosen;
}
