// Which e2e targets this machine can run, and the Chromium the web target uses.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a closed network: no background connections, no sandbox as root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function electronBinaryPath(): string | null {
  const candidates = [process.env.ELECTRON_PATH, join(process.cwd(), 'node_modules', 'electron', 'dist', 'electron')];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}
