#!/usr/bin/env node
// Bundles the Electron main process (with the whole core) and the preload into
// dist/electron/{main,preload}.cjs. `--watch` rebuilds on change (used by `npm start`).
import { context, build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workerTargets } from './core-workers.mjs';
import { precompiledValidator } from './lib/bundle-plugins.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(ROOT, 'dist', 'electron');

// electron is provided by the runtime; ssh2 (and its optional native cpu-features) are
// dockerode's SSH transport, shipped as node_modules rather than bundled (native code).
// libsql (the recorder's SQLite) is a native N-API module, also shipped in node_modules.
const EXTERNAL = ['electron', 'ssh2', 'cpu-features', 'libsql'];

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Electron 45 ships Node 22.
  target: 'node22',
  external: EXTERNAL,
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: ROOT,
  // The worker threads are their own bundles beside main.cjs (see workers/launch.ts),
  // found from import.meta.url, which a CommonJS bundle gets from __filename.
  define: { __WORKER_EXT__: JSON.stringify('.cjs'), 'import.meta.url': '__atomMetaUrl' },
  banner: { js: "const __atomMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

export const targets = [
  // The compose validator is precompiled, as in the CLI: no ajv compile at app start.
  { ...common, entryPoints: [join(ROOT, 'electron/main/app.ts')], outfile: join(OUT_DIR, 'main.cjs'), plugins: [precompiledValidator] },
  ...workerTargets(ROOT, common, OUT_DIR, '.cjs'),
  // The sandboxed preload may only require('electron'): everything else is bundled in.
  {
    ...common,
    entryPoints: [join(ROOT, 'electron/preload/index.ts')],
    outfile: join(OUT_DIR, 'preload.cjs'),
    external: ['electron'],
    banner: {},
    minify: true,
  },
];

/**
 * One build of both bundles into `outDir` (tests build into their own folder, so a
 * scan never races the app's bundle). Files are overwritten, never the folder removed.
 */
export async function buildElectron(outDir = OUT_DIR) {
  mkdirSync(outDir, { recursive: true });
  await Promise.all(targets.map((t) => build({ ...t, outfile: join(outDir, basename(t.outfile)) })));
}

/** Watch mode: calls onBuild(errors) after every rebuild of either bundle. */
export async function watchElectron(onBuild) {
  const notify = {
    name: 'notify',
    setup(b) {
      b.onEnd((result) => onBuild?.(result.errors));
    },
  };
  const contexts = await Promise.all(targets.map((t) => context({ ...t, plugins: [...(t.plugins ?? []), notify] })));
  await Promise.all(contexts.map((c) => c.watch()));
  return () => Promise.all(contexts.map((c) => c.dispose()));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--watch')) {
    await watchElectron((errors) => console.log(errors.length ? `[electron] build failed (${errors.length} errors)` : '[electron] built'));
  } else {
    await buildElectron();
    console.log(`[electron] bundles written to ${OUT_DIR}`);
  }
}
