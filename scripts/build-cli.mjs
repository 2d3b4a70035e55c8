#!/usr/bin/env node
// Bundles the CLI (electron/core/cli/main.ts and everything it loads) into
// dist/cli/atom-desktop.mjs, so `atom-desktop ps` does not compile TypeScript at every
// start. bin/atom-desktop.mjs uses it only while it is newer than every source file.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { basename, join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workerTargets } from './core-workers.mjs';
import { lazyEngineTransports, precompiledValidator } from './lib/bundle-plugins.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE = join(ROOT, 'dist', 'cli', 'atom-desktop.mjs');

export async function buildCli(outfile = CLI_BUNDLE) {
  const common = {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // dockerode's SSH transport and libsql's SQLite (native code) stay in node_modules.
    external: ['ssh2', 'cpu-features', 'libsql'],
    define: { __WORKER_EXT__: JSON.stringify('.mjs') },
    // CommonJS dependencies call require(): give the ESM bundle one.
    banner: { js: "import { createRequire as __atomRequire } from 'node:module'; const require = __atomRequire(import.meta.url);" },
    logLevel: 'warning',
    absWorkingDir: ROOT,
  };
  // The worker threads, beside the bundle (see electron/core/workers/launch.ts).
  await Promise.all(workerTargets(ROOT, common, dirname(outfile), '.mjs').map((t) => build(t)));
  // Split at every dynamic import: each command (and the heavy modules only some need)
  // is its own chunk beside the entry, so `ps` never compiles the recorder or the server.
  // Chunks sit in the entry's folder: worker launch and paths.ts resolve from there.
  const outdir = dirname(outfile);
  for (const f of existsSync(outdir) ? readdirSync(outdir) : []) if (/^chunk-.*\.mjs$/.test(f)) rmSync(join(outdir, f));
  await build({
    ...common,
    plugins: [precompiledValidator, lazyEngineTransports],
    entryPoints: { [basename(outfile, '.mjs')]: join(ROOT, 'electron/core/cli/main.ts') },
    outdir,
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildCli();
  console.log(`[cli] bundle written to ${CLI_BUNDLE}`);
}
