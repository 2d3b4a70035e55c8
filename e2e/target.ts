// Which e2e targets this machine can run, and the Chromium the web target uses.
import { fileURLToPath } from 'node:url';
import { electronBinary } from '../scripts/electron-binary.mjs';

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

/** The Electron target runs wherever a binary exists (ELECTRON_PATH or node_modules). */
export function electronBinaryPath(): string | null {
  return electronBinary(fileURLToPath(new URL('..', import.meta.url)));
}
