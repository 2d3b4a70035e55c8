#!/usr/bin/env node
// Bundles the CLI (electron/core/cli/main.ts and everything it loads) into one CommonJS
// file, dist/cli/atom-desktop.cjs, so `atom-desktop ps` does not compile TypeScript at
// every start. bin/atom-desktop.mjs runs it only while it is newer than every source
// file, through bin/code-cache.mjs: V8 keeps the compiled code between runs, which an
// ES module cannot do on Node 20, and which is most of a command's start.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workerTargets } from './core-workers.mjs';
import { lazyEngineTransports, precompiledValidator } from './lib/bundle-plugins.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE = join(ROOT, 'dist', 'cli', 'atom-desktop.cjs');

/** The bundle's content hash, written beside it: the key of its code cache (V8 only checks the length). */
export const bundleIdPath = (bundle) => `${bundle}.id`;

export async function buildCli(outfile = CLI_BUNDLE) {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    // dockerode's SSH transport and libsql's SQLite (native code) stay in node_modules.
    external: ['ssh2', 'cpu-features', 'libsql'],
    logLevel: 'warning',
    absWorkingDir: ROOT,
  };
  const outdir = dirname(outfile);
  // What earlier layouts left (the split ES module bundle) must not linger beside this one.
  for (const f of existsSync(outdir) ? readdirSync(outdir) : []) if (/^(chunk-.*|atom-desktop)\.mjs$/.test(f)) rmSync(join(outdir, f));
  // The worker threads, beside the bundle (see electron/core/workers/launch.ts), stay ES modules.
  const esm = {
    ...common,
    format: 'esm',
    define: { __WORKER_EXT__: JSON.stringify('.mjs') },
    // CommonJS dependencies call require(): give the ESM bundle one.
    banner: { js: "import { createRequire as __atomRequire } from 'node:module'; const require = __atomRequire(import.meta.url);" },
  };
  await Promise.all(workerTargets(ROOT, esm, outdir, '.mjs').map((t) => build(t)));
  // One file: a command's modules are initialized only when it runs (esbuild keeps
  // dynamic imports lazy), and its compiled code comes from the cache, not the parser.
  await build({
    ...common,
    format: 'cjs',
    plugins: [precompiledValidator, lazyEngineTransports],
    entryPoints: [join(ROOT, 'electron/core/cli/main.ts')],
    outfile,
    // paths.ts and the worker launcher find their folder from import.meta.url.
    define: { __WORKER_EXT__: JSON.stringify('.mjs'), 'import.meta.url': '__atomMetaUrl' },
    banner: { js: "const __atomMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  writeFileSync(bundleIdPath(outfile), createHash('sha256').update(readFileSync(outfile)).digest('hex').slice(0, 20));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildCli();
  console.log(`[cli] bundle written to ${CLI_BUNDLE}`);
}
