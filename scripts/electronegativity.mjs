#!/usr/bin/env node
// Scans the built Electron bundles (dist/electron/main.cjs + preload.cjs) with
// Electronegativity, offline: the check that downloads Electron's release list is
// excluded and the translation download is answered locally. Prints the findings table
// and exits 1 when any finding is HIGH (or CRITICAL) severity.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildElectron, OUT_DIR, ROOT } from './build-electron.mjs';

/** Checks that would reach the network (GitHub's Electron release list). */
export const OFFLINE_EXCLUSIONS = ['AvailableSecurityFixesGlobalCheck'];
const FAILING = new Set(['HIGH', 'CRITICAL']);

const pkgRequire = createRequire(join(ROOT, 'node_modules', '@doyensec', 'electronegativity', 'package.json'));

/** Electronegativity fetches fresh translations with `got` on start: answer "offline" locally. */
function stubNetwork() {
  const gotPath = pkgRequire.resolve('got');
  const offline = () => Promise.reject(new Error('offline: electronegativity scan runs without network'));
  offline.head = offline;
  offline.get = offline;
  const require = createRequire(import.meta.url);
  const Module = require('node:module');
  const m = new Module(gotPath);
  m.filename = gotPath;
  m.loaded = true;
  m.exports = offline;
  require.cache[gotPath] = m;
}

/** Copies the bundles under names Electronegativity scans (.js) with the app's package.json. */
export function stage(bundleDir = OUT_DIR) {
  const dir = mkdtempSync(join(tmpdir(), 'atom-electronegativity-'));
  cpSync(join(bundleDir, 'main.cjs'), join(dir, 'main.js'));
  cpSync(join(bundleDir, 'preload.cjs'), join(dir, 'preload.js'));
  const app = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const electronVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: app.name, version: app.version, main: 'main.js', devDependencies: { electron: electronVersion } }, null, 2),
  );
  return { dir, electronVersion };
}

/** Findings as table rows, most severe first. */
export function findingRows(issues) {
  const order = { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1, INFORMATIONAL: 0 };
  return issues
    .map((i) => ({
      severity: i.severity?.name ?? String(i.severity),
      confidence: i.confidence?.name ?? String(i.confidence),
      id: i.id,
      file: i.file,
      line: `${i.location?.line ?? '?'}:${i.location?.column ?? '?'}`,
      description: String(i.description ?? '')
        .replace(/\s+/g, ' ')
        .slice(0, 100),
    }))
    .sort((a, b) => (order[b.severity] ?? 0) - (order[a.severity] ?? 0) || a.id.localeCompare(b.id));
}

/** Runs the offline scan over a folder of .js files with a package.json. */
export async function scan(dir, electronVersion) {
  stubNetwork();
  const run = pkgRequire('./dist/runner.js');
  const result = await run(
    {
      input: dir,
      isRelative: true,
      isVerbose: false,
      excludeFromScan: OFFLINE_EXCLUSIONS,
      electronUpgrade: undefined,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );
  const rows = findingRows(result.issues);
  return {
    checks: { global: result.globalChecks, atomic: result.atomicChecks },
    rows,
    failing: rows.filter((r) => FAILING.has(r.severity)),
    parseErrors: result.errors.filter((e) => !e.tolerable),
    warnings: result.errors.filter((e) => e.tolerable),
  };
}

async function main() {
  if (!existsSync(join(OUT_DIR, 'main.cjs')) || !existsSync(join(OUT_DIR, 'preload.cjs'))) {
    console.log('electronegativity: dist/electron missing, building it first');
    await buildElectron();
  }
  const { dir, electronVersion } = stage();
  try {
    const r = await scan(dir, electronVersion);
    for (const e of [...r.warnings, ...r.parseErrors])
      console.warn(`electronegativity: ${e.tolerable ? 'warning' : 'error'} parsing ${e.file}: ${e.message}`);
    console.log(
      `electronegativity: ${r.checks.global} global + ${r.checks.atomic} atomic checks over main.js, preload.js (Electron ${electronVersion}); excluded: ${OFFLINE_EXCLUSIONS.join(', ')}`,
    );
    if (r.rows.length > 0) console.table(r.rows);
    else console.log('electronegativity: no findings');
    if (r.parseErrors.length > 0) {
      console.error(`electronegativity: ${r.parseErrors.length} file(s) could not be parsed, the scan is incomplete`);
      return 1;
    }
    if (r.failing.length > 0) {
      console.error(`electronegativity: ${r.failing.length} HIGH severity finding(s)`);
      return 1;
    }
    console.log(`electronegativity: ${r.rows.length} finding(s), none HIGH`);
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  process.exitCode = await main();
}
