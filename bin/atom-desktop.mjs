#!/usr/bin/env node
// The CLI: the bundle from `npm run build` (dist/cli, fast to start) while it is newer
// than every source file, else the TypeScript core directly through tsx, so a fresh
// checkout or an edited one needs no build step and never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = join(ROOT, 'dist', 'cli', 'atom-desktop.mjs');

/** The newest mtime of the .ts/.json sources the bundle is built from. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|json)$/.test(e.name) && !/\.test\.ts$/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of ['electron/core', 'shared']) walk(join(ROOT, d));
  return Math.max(newest, statSync(join(ROOT, 'package-lock.json')).mtimeMs);
}

const useBundle = process.env.ATOM_DESKTOP_CLI !== 'tsx' && existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs > newestSource();
let main;
if (useBundle) ({ main } = await import(BUNDLE));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../electron/core/cli/main.ts'));
}
const code = await main(process.argv.slice(2));
process.exitCode = code;
// A finished command must not hang on a lingering socket; the unref'd timer only
// fires when something would otherwise keep the process alive.
setTimeout(() => process.exit(code), 1500).unref();
