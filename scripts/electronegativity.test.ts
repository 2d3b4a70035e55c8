// The security scan gate: it catches an insecure window (so a pass means something),
// and the real bundles pass it, all without network.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildElectron } from './build-electron.mjs';
import { scan, stage } from './electronegativity.mjs';

describe('electronegativity gate', () => {
  it('fails an app whose window enables Node and disables isolation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atom-insecure-'));
    try {
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'insecure', devDependencies: { electron: '45.5.0' } }));
      writeFileSync(
        join(dir, 'main.js'),
        "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, webSecurity: false } });\n",
      );
      const r = await scan(dir, '45.5.0');
      expect(r.failing.map((f) => f.id)).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes the built main and preload bundles with no HIGH finding', async () => {
    const bundles = mkdtempSync(join(tmpdir(), 'atom-bundles-'));
    await buildElectron(bundles);
    const { dir, electronVersion } = stage(bundles);
    try {
      const r = await scan(dir, electronVersion);
      expect(r.parseErrors).toEqual([]);
      expect(r.failing).toEqual([]);
      expect(r.checks.atomic).toBeGreaterThan(20);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(bundles, { recursive: true, force: true });
    }
  }, 120_000);
});
