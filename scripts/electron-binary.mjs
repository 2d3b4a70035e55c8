// Where the Electron executable is, without require('electron') (whose index.js tries
// to download the binary when it is missing).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const PLATFORM_PATHS = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' };

/** ELECTRON_PATH, else the binary electron's installer put in node_modules; null if none. */
export function electronBinary(root, env = process.env, platform = process.platform) {
  if (env.ELECTRON_PATH) return existsSync(env.ELECTRON_PATH) ? env.ELECTRON_PATH : null;
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : (PLATFORM_PATHS[platform] ?? 'electron');
  const candidate = join(pkg, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

/** The environment for a child Electron: never in run-as-node mode. */
export function electronEnv(env, extra = {}) {
  const out = { ...env, ...extra };
  delete out.ELECTRON_RUN_AS_NODE;
  return out;
}
