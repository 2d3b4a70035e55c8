#!/usr/bin/env node
// The CLI: the bundle from `npm run build` (dist/cli, fast to start) while it is newer
// than every source file, else the TypeScript core directly through tsx, so a fresh
// checkout or an edited one needs no build step and never runs stale code.
import { existsSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundle } from './code-cache.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = join(ROOT, 'dist', 'cli', 'atom-desktop.cjs');
/** A command still running by then (serve, logs -f) has compiled what it needs: cache it. */
const LONG_RUNNING_SAVE_MS = 3000;

/** The newest mtime of the .ts/.json sources the bundle is built from (stats run on libuv's threads). */
async function newestSource() {
  const walk = async (dir) => {
    const entries = await readdir(dir, { withFileTypes: true });
    const times = await Promise.all(
      entries.map((e) => {
        const p = join(dir, e.name);
        if (e.isDirectory()) return walk(p);
        return /\.(ts|json)$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? stat(p).then((s) => s.mtimeMs) : 0;
      }),
    );
    return Math.max(0, ...times);
  };
  const [core, shared, lock] = await Promise.all([
    walk(join(ROOT, 'electron/core')),
    walk(join(ROOT, 'shared')),
    stat(join(ROOT, 'package-lock.json')),
  ]);
  return Math.max(core, shared, lock.mtimeMs);
}

const argv = process.argv.slice(2);
const report =
  process.env.ATOM_DESKTOP_CODE_CACHE === 'report' ? (what) => process.stderr.write(`[code cache] ${what}\n`) : () => undefined;

async function loadMain() {
  if (process.env.ATOM_DESKTOP_CLI !== 'tsx' && existsSync(BUNDLE)) {
    // The walk runs on libuv's threads while the bundle loads; a stale bundle is loaded but never run.
    const newest = newestSource();
    // A cache is kept per command, from the runs that do its work: not from --help.
    const bundle = loadBundle(BUNDLE, argv.some((a) => a === '-h' || a === '--help') ? null : argv[0]);
    if (statSync(BUNDLE).mtimeMs > (await newest)) {
      report(bundle.status);
      const save = () => report(bundle.save());
      setTimeout(save, LONG_RUNNING_SAVE_MS).unref();
      return { main: bundle.exports.main, save };
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return { main: (await import('../electron/core/cli/main.ts')).main, save: () => undefined };
}

const { main, save } = await loadMain();
const code = await main(argv);
// Only a run that succeeded compiled the code its command usually needs.
if (code === 0) save();
process.exitCode = code;
// A finished command must not hang on a lingering socket; the unref'd timer only
// fires when something would otherwise keep the process alive.
setTimeout(() => process.exit(code), 1500).unref();
