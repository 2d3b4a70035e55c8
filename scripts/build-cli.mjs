#!/usr/bin/env node
// Bundles the CLI (electron/core/cli/main.ts and everything it loads) into
// dist/cli/atom-desktop.mjs, so `atom-desktop ps` does not compile TypeScript at every
// start. bin/atom-desktop.mjs uses it only while it is newer than every source file.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workerTargets } from './core-workers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE = join(ROOT, 'dist', 'cli', 'atom-desktop.mjs');

/** The compose-spec validator as ajv standalone code (same schema and options as validate.ts). */
function precompiledValidator() {
  const schema = JSON.parse(readFileSync(join(ROOT, 'electron/core/compose/compose-spec.schema.json'), 'utf8'));
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false, code: { source: true, esm: true } });
  const code = standaloneCode(ajv, ajv.compile(schema));
  return `${code}\nexport const precompiled = validate;\n`;
}

/** Swaps the empty precompiled-validator module for the generated code. */
const precompile = {
  name: 'precompiled-validator',
  setup(b) {
    b.onLoad({ filter: /precompiled-validator\.ts$/ }, () => ({
      contents: precompiledValidator(),
      loader: 'js',
      resolveDir: join(ROOT, 'electron/core/compose'),
    }));
  },
};

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
  await build({
    ...common,
    plugins: [precompile],
    entryPoints: [join(ROOT, 'electron/core/cli/main.ts')],
    outfile,
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildCli();
  console.log(`[cli] bundle written to ${CLI_BUNDLE}`);
}
